import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { Sample } from './generate';

export interface SampleFiles {
  disclosure: string;
  roster: string;
  truth: string;
}

/** Writes a generated sample as disclosure.csv, roster.csv and roster-truth.json in `dir`. */
export function writeSampleFiles(sample: Sample, dir: string): SampleFiles {
  mkdirSync(dir, { recursive: true });
  const files = { disclosure: join(dir, 'disclosure.csv'), roster: join(dir, 'roster.csv'), truth: join(dir, 'roster-truth.json') };
  writeFileSync(files.disclosure, stringify(sample.disclosure, { header: true, columns: sample.disclosureColumns }));
  writeFileSync(files.roster, stringify(sample.roster, { header: true, columns: sample.rosterColumns }));
  writeFileSync(files.truth, `${JSON.stringify(sample.truth, null, 2)}\n`);
  return files;
}
