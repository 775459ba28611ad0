/**
 * Runs the matching benchmark through the real product: the disclosure is written to a CSV and
 * ingested with `ingestFile`, the roster written to a CSV and checked with `checkRoster`, and the
 * tiers read back from the results file's `exposure_match` column. Hashing runs at a low Argon2
 * cost, which changes how long a hash takes and never which keys match.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { KeyRing } from '../crypto/keyring';
import { HashScheduler } from '../crypto/hash-scheduler';
import type { Argon2Params } from '../crypto/argon2-params';
import { SqliteStore } from '../store/sqlite-store';
import { ingestFile } from '../ingest/pipeline';
import { checkRoster } from '../check/roster';
import type { Benchmark } from './benchmark-data';
import { exactBaseline, fuzzyBaseline } from './baselines';
import { summarise, type Answer, type QualitySummary, type RowOutcome } from './metrics';

export const BENCH_PARAMS: Argon2Params = { memoryKiB: 256, iterations: 1, parallelism: 1 };

export interface EvaluateOptions {
  params?: Argon2Params;
  /** Where to put the temporary store and files; a fresh temp directory if left out. It is removed afterwards. */
  workDir?: string;
}

export interface Evaluation {
  summary: QualitySummary;
  outcomes: RowOutcome[];
  keysPerRecord: number;
  hashesPerLookup: number;
  records: number;
  rosterRows: number;
  ingestSeconds: number;
  checkSeconds: number;
  wallSeconds: number;
}

const ANSWERS = new Set<string>(['confirmed', 'probable', 'possible', 'none', 'error']);

function writeCsv(file: string, columns: readonly string[], rows: ReadonlyArray<Record<string, string>>): void {
  fs.writeFileSync(file, stringify([columns, ...rows.map((r) => columns.map((c) => r[c] ?? ''))]), { mode: 0o600 });
}

export async function evaluateMatching(bench: Benchmark, opts: EvaluateOptions = {}): Promise<Evaluation> {
  const started = process.hrtime.bigint();
  const dir = fs.mkdtempSync(path.join(opts.workDir ?? os.tmpdir(), 'ec-bench-'));
  const masterKey = randomBytes(32);
  const store = await SqliteStore.open(path.join(dir, 'data'));
  const keyring = new KeyRing(masterKey);
  masterKey.fill(0);
  const deps = { store, keyring, scheduler: new HashScheduler(keyring), params: opts.params ?? BENCH_PARAMS };
  try {
    const disclosureFile = path.join(dir, 'disclosure.csv');
    const rosterFile = path.join(dir, 'roster.csv');
    const resultsFile = path.join(dir, 'results.csv');
    writeCsv(disclosureFile, bench.disclosureColumns, bench.disclosure);
    writeCsv(rosterFile, bench.rosterColumns, bench.roster);

    const ingest = await ingestFile({ file: disclosureFile, name: 'Benchmark disclosure' }, deps);
    if (ingest.indexed === 0) throw new Error('benchmark: the disclosure indexed no records');
    const check = await checkRoster({ file: rosterFile, out: resultsFile }, deps);

    const rows = parse(fs.readFileSync(resultsFile, 'utf8').replace(/^\uFEFF/, '')) as string[][];
    const header = rows[0] ?? [];
    const col = header.indexOf('exposure_match');
    const onCol = header.indexOf('exposure_matched_on');
    const noteCol = header.indexOf('exposure_note');
    if (col < 0) throw new Error('benchmark: results file has no exposure_match column');
    if (rows.length - 1 !== bench.roster.length) throw new Error(`benchmark: results file has ${rows.length - 1} rows for ${bench.roster.length} roster rows`);

    const exact = exactBaseline(bench);
    const fuzzy = fuzzyBaseline(bench);
    const outcomes: RowOutcome[] = bench.truth.map((t) => {
      const cell = rows[t.rosterRow]?.[col] ?? 'error';
      const answer: Answer = ANSWERS.has(cell) ? (cell as Answer) : 'error';
      const row = rows[t.rosterRow] ?? [];
      const note = row[noteCol] ?? '';
      return {
        kind: t.kind,
        positive: t.positive,
        answer,
        exact: exact[t.rosterRow - 1] ?? false,
        fuzzy: fuzzy[t.rosterRow - 1] ?? false,
        matchedOn: row[onCol] ?? '',
        // The note names source rows as lines of the file, the header being line 1.
        expectedSourceRow: t.disclosureRow === null ? null : t.disclosureRow + 1,
        sourceRows: [...note.matchAll(/source row (\d+)/g)].map((m) => Number(m[1])),
      };
    });

    return {
      summary: summarise(outcomes),
      outcomes,
      keysPerRecord: ingest.keysStored / ingest.indexed,
      hashesPerLookup: check.rows > 0 ? check.hashes / check.rows : 0,
      records: ingest.indexed,
      rosterRows: check.rows,
      ingestSeconds: ingest.seconds,
      checkSeconds: check.seconds,
      wallSeconds: Number(process.hrtime.bigint() - started) / 1e9,
    };
  } finally {
    await store.close().catch(() => undefined);
    keyring.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
