import type { HashScheduler } from '../crypto/hash-scheduler';
import type { KeyRing } from '../crypto/keyring';
import type { Tier } from '../matching/keys';
import { normalizePerson } from '../matching/person';
import type { DateOrder } from '../matching/dates';
import type { ExposureStore } from '../store/types';
import type { Field } from '../ingest/columns';
import { describeMapping } from '../ingest/columns';
import { openPeopleTable } from '../ingest/table';
import type { TableInput } from '../ingest/readers';
import type { RowProblem } from '../ingest/pipeline';
import { Matcher } from '../check/matcher';
import { resultCells } from '../check/result-cells';
import { RESULT_COLUMNS, type ResultsWriter } from '../check/results-file';

/**
 * The one roster engine: `npm run check`, the roster upload page and `POST /api/v1/rosters` all run
 * rosters through `runRoster`. It reads the roster (a file path, or an upload held in memory), checks
 * every row against every dataset at 'bulk' priority, so that single lookups go first, and hands each
 * result row, in the roster's own order, to a writer the caller chose (a file, or memory to be sealed).
 */
export interface RosterSource {
  input: TableInput;
  map?: Partial<Record<Field, string>> | undefined;
  dateOrder?: DateOrder | undefined;
  format?: 'csv' | 'xlsx' | 'jsonl' | undefined;
  /** Fields the uploader said are not in the file, though detection guessed a column for them. */
  exclude?: readonly Field[] | undefined;
}

export interface RosterProgress {
  rowsDone: number;
  bytesRead: number;
  totalBytes: number;
}

export interface RosterEngineDeps {
  store: ExposureStore;
  keyring: KeyRing;
  scheduler: HashScheduler;
  onProgress?: (p: RosterProgress) => void;
}

export type RosterCounts = Record<Tier | 'none' | 'error', number>;

export interface RosterSummary {
  rows: number;
  counts: RosterCounts;
  errors: RowProblem[];
  datasets: number;
  mapping: Array<{ field: Field; column: number; header: string }>;
  dateOrder: { order: DateOrder; basis: string };
  hashes: number;
  seconds: number;
}

/** Opens the writer once the roster's own header is known: its columns, then RESULT_COLUMNS. */
export type ResultsSink = (header: string[]) => ResultsWriter;

interface Done {
  cells: unknown[];
  result: string[];
}

export async function runRoster(source: RosterSource, sink: ResultsSink, deps: RosterEngineDeps): Promise<RosterSummary> {
  const started = process.hrtime.bigint();
  const table = await openPeopleTable(source.input, { map: source.map ?? {}, ...(source.dateOrder ? { dateOrder: source.dateOrder } : {}), ...(source.format ? { format: source.format } : {}) });
  for (const f of source.exclude ?? []) delete table.layout.mapping[f];
  const datasets = await deps.store.listDatasets();
  const matcher = new Matcher(deps.store, deps.keyring, deps.scheduler);
  const width = table.layout.headers.length;
  const writer = sink([...table.layout.headers, ...RESULT_COLUMNS]);
  const counts: RosterCounts = { confirmed: 0, probable: 0, possible: 0, none: 0, error: 0 };
  const errors: RowProblem[] = [];
  let rows = 0;
  let hashes = 0;

  // Rows are hashed concurrently (a window a few times the hashing pool) and written in order.
  const window: Array<Promise<Done>> = [];
  const maxWindow = deps.scheduler.concurrency * 4;
  const drainOne = async () => {
    const done = await (window.shift() as Promise<Done>);
    const own = Array.from({ length: Math.max(width, done.cells.length) }, (_, i) => done.cells[i] ?? '').slice(0, width);
    await writer.writeRow([...own, ...done.result]);
    counts[done.result[0] as keyof RosterCounts]++;
    deps.onProgress?.({ rowsDone: rows - window.length, ...table.source.progress() });
  };

  try {
    for await (const row of table.rows) {
      rows++;
      const parsed = normalizePerson(row.input, table.dateOrder.order);
      if (!parsed.ok) {
        errors.push({ row: row.rowNumber, reason: parsed.reason });
        window.push(Promise.resolve({ cells: row.cells, result: resultCells({ error: parsed.reason }) }));
      } else {
        window.push(
          matcher.lookup(parsed.person, 'bulk', datasets).then((lookup) => {
            hashes += lookup.hashes;
            return { cells: row.cells, result: resultCells({ lookup }) };
          }),
        );
      }
      while (window.length >= maxWindow) await drainOne();
    }
    while (window.length > 0) await drainOne();
  } finally {
    await Promise.allSettled(window);
    await writer.close();
  }
  return {
    rows,
    counts,
    errors,
    datasets: datasets.length,
    mapping: describeMapping(table.layout),
    dateOrder: table.dateOrder,
    hashes,
    seconds: Number(process.hrtime.bigint() - started) / 1e9,
  };
}
