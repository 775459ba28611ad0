import type { HashScheduler } from '../crypto/hash-scheduler';
import type { KeyRing } from '../crypto/keyring';
import { KIND_LABELS, VARIATION_LABELS, type Tier } from '../matching/keys';
import { normalizePerson, type NormalizedPerson } from '../matching/person';
import type { DateOrder } from '../matching/dates';
import type { ExposureStore } from '../store/types';
import type { Field } from '../ingest/columns';
import { describeMapping } from '../ingest/columns';
import { openPeopleTable } from '../ingest/table';
import type { RowProblem } from '../ingest/pipeline';
import { Matcher, type LookupResult } from './matcher';
import { RESULT_COLUMNS, resultsWriterFor } from './results-file';

export interface RosterOptions {
  file: string;
  out: string;
  map?: Partial<Record<Field, string>> | undefined;
  dateOrder?: DateOrder | undefined;
}

export interface RosterDeps {
  store: ExposureStore;
  keyring: KeyRing;
  scheduler: HashScheduler;
  onProgress?: (p: { rowsDone: number; bytesRead: number; totalBytes: number }) => void;
}

export interface RosterSummary {
  rows: number;
  counts: Record<Tier | 'none' | 'error', number>;
  errors: RowProblem[];
  datasets: number;
  mapping: Array<{ field: Field; column: number; header: string }>;
  dateOrder: { order: DateOrder; basis: string };
  hashes: number;
  seconds: number;
}

/** The four result cells for one roster row. */
export function resultCells(outcome: { error: string } | { lookup: LookupResult }): string[] {
  if ('error' in outcome) return ['error', '', '', outcome.error];
  const { lookup } = outcome;
  if (lookup.result === 'none') return ['none', '', '', ''];
  const best = lookup.matches.filter((m) => m.tier === lookup.result);
  const kinds = [...new Set(best.flatMap((m) => m.matchedOn))].map((k) => KIND_LABELS[k]);
  const notes = [
    ...new Set(best.flatMap((m) => m.variations.map((v) => VARIATION_LABELS[v]))),
    ...best.filter((m) => m.sharedKey).map((m) => `in ${m.dataset.name} the matching key is shared by several records`),
    ...lookup.matches.map((m) => `${m.dataset.name}: ${m.tier}, source row ${m.sourceRow}`),
  ];
  return [lookup.result, lookup.matches.map((m) => m.dataset.name).join('; '), kinds.join('; '), notes.join('; ')];
}

/**
 * Checks every row of a roster against every dataset and writes the results file: the roster's own
 * columns unchanged and in order, then the four exposure columns. Rows are hashed concurrently and
 * written in their original order.
 */
export async function checkRoster(opts: RosterOptions, deps: RosterDeps): Promise<RosterSummary> {
  const started = process.hrtime.bigint();
  const table = await openPeopleTable(opts.file, { map: opts.map, dateOrder: opts.dateOrder });
  const datasets = await deps.store.listDatasets();
  const matcher = new Matcher(deps.store, deps.keyring, deps.scheduler);
  const width = table.layout.headers.length;
  const writer = resultsWriterFor(opts.out, [...table.layout.headers, ...RESULT_COLUMNS]);
  const counts = { confirmed: 0, probable: 0, possible: 0, none: 0, error: 0 } as RosterSummary['counts'];
  const errors: RowProblem[] = [];
  let rows = 0;
  let hashes = 0;

  const window: Array<Promise<{ cells: unknown[]; result: string[] }>> = [];
  const maxWindow = deps.scheduler.concurrency * 4;
  const drainOne = async () => {
    const done = await (window.shift() as Promise<{ cells: unknown[]; result: string[] }>);
    const own = Array.from({ length: Math.max(width, done.cells.length) }, (_, i) => done.cells[i] ?? '').slice(0, width);
    await writer.writeRow([...own, ...done.result]);
    counts[done.result[0] as keyof typeof counts]++;
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
        const person: NormalizedPerson = parsed.person;
        window.push(
          matcher.lookup(person, 'bulk', datasets).then((lookup) => {
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
