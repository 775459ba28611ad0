import { indexDigest } from '../crypto/match-hash';
import { newRecordId, newRecordKey, sealRecordMeta, wrapRecordKey } from '../crypto/record-seal';
import { wipe } from '../crypto/bytes';
import type { Argon2Params } from '../crypto/argon2-params';
import type { HashScheduler } from '../crypto/hash-scheduler';
import type { KeyRing } from '../crypto/keyring';
import { KEY_SCHEME, matchKeysFor } from '../matching/keys';
import { normalizePerson, type NormalizedPerson } from '../matching/person';
import type { DateOrder } from '../matching/dates';
import type { ExposureStore, IndexEntry, SealedRecord } from '../store/types';
import { CATEGORY_LABELS, describeMapping, type Category, type Field } from './columns';
import { openPeopleTable, type PeopleTable } from './table';

export interface IngestOptions {
  file: string;
  name: string;
  published?: string | undefined;
  publisher?: string | undefined;
  sourceUrl?: string | undefined;
  map?: Partial<Record<Field, string>> | undefined;
  dateOrder?: DateOrder | undefined;
  dryRun?: boolean | undefined;
  /** Re-indexing: the SHA-256 the file must have (from `dataset list`); anything else is refused. */
  expectSha256?: string | undefined;
}

export interface IngestDeps {
  store: ExposureStore;
  keyring: KeyRing;
  scheduler: HashScheduler;
  params: Argon2Params;
  onProgress?: (p: IngestProgress) => void;
  /** Set by a caller that wants to stop the ingest (Ctrl-C): the dataset is then abandoned. */
  signal?: AbortSignal;
}

export interface IngestProgress {
  rowsRead: number;
  indexed: number;
  rejected: number;
  bytesRead: number;
  totalBytes: number;
}

export interface RowProblem {
  row: number;
  reason: string;
}

export interface IngestSummary {
  datasetId: string | null;
  dryRun: boolean;
  format: string;
  mapping: Array<{ field: Field; column: number; header: string }>;
  dateOrder: { order: DateOrder; basis: string };
  rowsRead: number;
  indexed: number;
  rejected: number;
  /** First rejections (row numbers and reasons, never values); `rejected` has the full count. */
  rejections: RowProblem[];
  warnings: RowProblem[];
  warningCount: number;
  keysStored: number;
  categories: string[];
  sourceSha256: string;
  seconds: number;
}

export class SourceMismatchError extends Error {
  override name = 'SourceMismatchError';
}

const BATCH_RECORDS = 500;
const LISTED_PROBLEMS = 200;

/** Builds one sealed record and its index entries. Argon2 outputs are wiped once used. */
export async function indexPerson(
  deps: Pick<IngestDeps, 'keyring' | 'scheduler' | 'params'>,
  datasetId: string,
  person: NormalizedPerson,
  meta: { row: number; categories: string[] },
): Promise<{ record: SealedRecord; entries: IndexEntry[] }> {
  const keys = matchKeysFor(person);
  const hashes = await Promise.all(keys.map((k) => deps.scheduler.hash(k.kind, k.canonical, deps.params, 'bulk')));
  const recordId = newRecordId();
  const recordKey = newRecordKey();
  try {
    const entries = hashes.map((h) => {
      const digest = indexDigest(deps.keyring, datasetId, h);
      return { digest, wrapped: wrapRecordKey(deps.keyring, datasetId, h, digest, recordId, recordKey) };
    });
    const sealed = sealRecordMeta(recordKey, datasetId, recordId, meta);
    return { record: { recordId, sealed }, entries };
  } finally {
    wipe(recordKey, ...hashes);
  }
}

function rowCategories(table: PeopleTable, cells: unknown[]): Category[] {
  const cats = new Set<Category>();
  table.layout.columnCategories.forEach((cat, i) => {
    const v = cells[i];
    if (v !== undefined && v !== null && String(v).trim() !== '') cats.add(cat);
  });
  return [...cats];
}

/**
 * Streams a source file into a new dataset. The dataset stays invisible (`building`) until every row
 * is stored and provenance recorded; on any failure it is deleted, and a killed process's leftovers
 * are removed the next time the store is opened.
 */
export async function ingestFile(opts: IngestOptions, deps: IngestDeps): Promise<IngestSummary> {
  const started = process.hrtime.bigint();
  const table = await openPeopleTable(opts.file, { map: opts.map, dateOrder: opts.dateOrder });
  const summary: IngestSummary = {
    datasetId: null,
    dryRun: !!opts.dryRun,
    format: table.source.describe().format,
    mapping: describeMapping(table.layout),
    dateOrder: table.dateOrder,
    rowsRead: 0,
    indexed: 0,
    rejected: 0,
    rejections: [],
    warnings: [],
    warningCount: 0,
    keysStored: 0,
    categories: [],
    sourceSha256: '',
    seconds: 0,
  };
  const categories = new Set<Category>();
  const datasetId = opts.dryRun
    ? null
    : await deps.store.beginDataset({
        name: opts.name,
        published: opts.published,
        publisher: opts.publisher,
        sourceUrl: opts.sourceUrl,
        argon2: deps.params,
        keyScheme: KEY_SCHEME,
      });
  summary.datasetId = datasetId;

  let records: SealedRecord[] = [];
  let entries: IndexEntry[] = [];
  const inFlight = new Set<Promise<void>>();
  const maxInFlight = deps.scheduler.concurrency * 4;
  let failure: unknown = null;

  const report = () =>
    deps.onProgress?.({
      rowsRead: summary.rowsRead,
      indexed: summary.indexed,
      rejected: summary.rejected,
      ...table.source.progress(),
    });
  const flush = async () => {
    if (!datasetId || records.length === 0) return;
    const r = records;
    const e = entries;
    records = [];
    entries = [];
    await deps.store.appendBatch(datasetId, r, e);
  };

  try {
    for await (const row of table.rows) {
      if (deps.signal?.aborted) throw new Error('ingest cancelled');
      if (failure) throw failure;
      summary.rowsRead++;
      const parsed = normalizePerson(row.input, table.dateOrder.order);
      if (!parsed.ok) {
        summary.rejected++;
        if (summary.rejections.length < LISTED_PROBLEMS) summary.rejections.push({ row: row.rowNumber, reason: parsed.reason });
        continue;
      }
      for (const w of parsed.warnings) {
        summary.warningCount++;
        if (summary.warnings.length < LISTED_PROBLEMS) summary.warnings.push({ row: row.rowNumber, reason: w });
      }
      const cats = rowCategories(table, row.cells);
      cats.forEach((c) => categories.add(c));
      if (!datasetId) {
        summary.indexed++;
        summary.keysStored += matchKeysFor(parsed.person).length;
        continue;
      }
      const task = indexPerson(deps, datasetId, parsed.person, { row: row.rowNumber, categories: cats })
        .then((built) => {
          records.push(built.record);
          entries.push(...built.entries);
          summary.indexed++;
          summary.keysStored += built.entries.length;
        })
        .catch((err: unknown) => {
          failure ??= err;
        })
        .finally(() => inFlight.delete(task));
      inFlight.add(task);
      if (inFlight.size >= maxInFlight) await Promise.race(inFlight);
      if (records.length >= BATCH_RECORDS) await flush();
      if (summary.rowsRead % 64 === 0) report();
    }
    await Promise.all(inFlight);
    if (failure) throw failure;
    await flush();
    summary.sourceSha256 = await table.source.sha256();
    if (opts.expectSha256 && opts.expectSha256.toLowerCase() !== summary.sourceSha256) {
      throw new SourceMismatchError('the file is not the one expected: its SHA-256 differs from --expect-sha256; nothing was stored');
    }
    summary.categories = [...categories].map((c) => CATEGORY_LABELS[c]);
    if (datasetId) {
      if (summary.indexed === 0) throw new Error('no row could be indexed; nothing was stored');
      await deps.store.completeDataset(datasetId, {
        sourceSha256: summary.sourceSha256,
        sourceFormat: summary.format,
        recordCount: summary.indexed,
        categories: summary.categories,
      });
    }
  } catch (err) {
    await Promise.allSettled(inFlight);
    if (datasetId) await deps.store.abandonDataset(datasetId);
    summary.datasetId = null;
    throw err;
  }
  report();
  summary.seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return summary;
}
