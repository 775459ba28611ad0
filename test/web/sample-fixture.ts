import path from 'node:path';
import { ingestFile } from '../../src/ingest/pipeline';
import { generateSample, type RosterRow, type Variant } from '../../src/sample/generate';
import { writeSampleFiles } from '../../src/sample/files';
import type { Harness } from '../support/harness';

export const SAMPLE_DATASET = 'Sample disclosure (invented people)';

export interface SamplePerson {
  givenNames: string;
  familyNames: string;
  dateOfBirth: string;
  aNumber: string;
}

/** Ingests a small invented sample and returns roster people of the variants asked for. */
export async function ingestSample(h: Harness, records = 40) {
  const sample = generateSample({ records, seed: 7 });
  const files = writeSampleFiles(sample, path.join(h.dir, 'sample'));
  await ingestFile({ file: files.disclosure, name: SAMPLE_DATASET, published: '2024-06-11', publisher: 'an invented agency' }, h);
  const personOf = (variant: Variant): SamplePerson => {
    const t = sample.truth.find((x) => x.variant === variant);
    if (!t) throw new Error(`sample has no ${variant} entry`);
    const row = sample.roster[t.rosterRow - 1] as RosterRow;
    return { givenNames: row['Client First Name'] ?? '', familyNames: row['Client Last Name'] ?? '', dateOfBirth: row.DOB ?? '', aNumber: row['A#'] ?? '' };
  };
  return { sample, files, personOf };
}
