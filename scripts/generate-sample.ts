/**
 * Writes invented sample data: disclosure.csv (agency style), roster.csv (intake style) and
 * roster-truth.json (what each roster row is). Every name is made up; see src/sample/names.ts.
 *
 *   tsx scripts/generate-sample.ts [--out DIR] [--records N] [--seed S]
 */
import { parseArgs } from 'node:util';
import { writeSampleFiles } from '../src/sample/files';
import { DEFAULT_RECORDS, DEFAULT_SEED, MIN_RECORDS, generateSample, NEGATIVE_VARIANTS, type Variant } from '../src/sample/generate';

function integerOption(name: string, raw: string | undefined, fallback: number, min: number): number {
  if (raw === undefined) return fallback;
  if (!/^-?\d+$/.test(raw.trim())) throw new Error(`--${name} must be an integer`);
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < min) throw new Error(`--${name} must be an integer of at least ${min}`);
  return value;
}

function main(): void {
  const { values } = parseArgs({
    options: {
      out: { type: 'string', default: './sample' },
      records: { type: 'string' },
      seed: { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  const out = values.out ?? './sample';
  const records = integerOption('records', values.records, DEFAULT_RECORDS, MIN_RECORDS);
  const seed = integerOption('seed', values.seed, DEFAULT_SEED, Number.MIN_SAFE_INTEGER);

  const sample = generateSample({ records, seed });
  writeSampleFiles(sample, out);

  const negatives = new Set<Variant>(NEGATIVE_VARIANTS);
  const notListed = sample.truth.filter((t) => negatives.has(t.variant)).length;
  console.log(
    `Wrote ${sample.disclosure.length} disclosure records, ${sample.roster.length} roster rows ` +
      `(${sample.roster.length - notListed} listed, ${notListed} not listed) and their truth to ${out}`,
  );
}

try {
  main();
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exitCode = 1;
}
