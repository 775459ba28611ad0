/**
 * npm run bench:matching [-- --records N --seed S --per-kind K --negatives-per-kind M]
 *
 * The matching-quality benchmark of issue 5: an invented disclosure and roster with ground truth
 * (src/quality/benchmark-data.ts), run through the real ingest and roster check at a low hashing
 * cost, against two plaintext baselines. Prints per-kind recall and false-positive rates, keys per
 * record, hashes per lookup, and PASS/FAIL per target. A report: exits 0 unless it crashes.
 */
import { parseArgs } from 'node:util';
import { sizeThreadPool } from '../src/crypto/hash-scheduler';
import { DEFAULT_BENCH_RECORDS, DEFAULT_BENCH_SEED, DEFAULT_NEGATIVES_PER_KIND, DEFAULT_PER_KIND, generateBenchmark } from '../src/quality/benchmark-data';
import { evaluateMatching } from '../src/quality/evaluate';
import { checkTargets, formatSummary } from '../src/quality/metrics';
import { FUZZY_THRESHOLD } from '../src/quality/baselines';

sizeThreadPool();

function intOption(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a non-negative integer`);
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { records: { type: 'string' }, seed: { type: 'string' }, 'per-kind': { type: 'string' }, 'negatives-per-kind': { type: 'string' } },
  });
  const records = intOption(values.records, DEFAULT_BENCH_RECORDS, 'records');
  const seed = intOption(values.seed, DEFAULT_BENCH_SEED, 'seed');
  const perKind = intOption(values['per-kind'], DEFAULT_PER_KIND, 'per-kind');
  const negativesPerKind = intOption(values['negatives-per-kind'], DEFAULT_NEGATIVES_PER_KIND, 'negatives-per-kind');

  const bench = generateBenchmark({ records, seed, perKind, negativesPerKind });
  console.log(`Matching benchmark: ${bench.disclosure.length} disclosure records, ${bench.roster.length} roster rows, seed ${seed}`);
  const short = Object.entries(bench.shortfalls);
  if (short.length > 0) console.log(`Kinds short of rows (too few listed people fit): ${short.map(([k, n]) => `${k} -${n}`).join(', ')}`);
  const ev = await evaluateMatching(bench);

  console.log('');
  console.log(formatSummary(ev.summary));
  console.log('');
  console.log(`Baselines: exact = sorted normalised name + DOB equal; fuzzy = Jaro-Winkler >= ${FUZZY_THRESHOLD} with DOB equal, swapped or 1 January of the same year. Both have no tiers (same figure at C+P and any).`);
  console.log(`keys stored per record: ${ev.keysPerRecord.toFixed(2)}`);
  console.log(`hashes per lookup:      ${ev.hashesPerLookup.toFixed(2)}`);
  console.log(`time: ingest ${ev.ingestSeconds.toFixed(1)} s, roster check ${ev.checkSeconds.toFixed(1)} s, total ${ev.wallSeconds.toFixed(1)} s (Argon2 at a low benchmark cost)`);
  console.log('');
  for (const t of checkTargets(ev.summary)) console.log(`${t.pass ? 'PASS' : 'FAIL'}  ${t.target}: ${t.detail}`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.stack : String(err));
  process.exit(1);
});
