import type { RosterConfig } from '../config';
import { detectLayout, describeMapping, LayoutError, type Field, type Layout } from '../ingest/columns';
import { openTable, SourceFormatError, type RawRow } from '../ingest/readers';
import { assertZipWithin, ZipTooLargeError } from '../ingest/readers/zip-guard';
import { cellText } from '../check/results-file';
import { inferDateOrder, type DateOrder, type DateOrderInference } from '../matching/dates';

/**
 * The first look at an uploaded roster, held in memory: is it a roster we can read, within the
 * limits, which columns hold which field, and the first few rows for the uploader to check the guess
 * against. The whole file is read once here, so a roster over the row limit is refused before any
 * job exists and before any quota is spent.
 */
export type RosterFormat = 'csv' | 'xlsx';

export type UploadProblem = 'too-large' | 'unsupported' | 'unreadable' | 'too-many-rows';

/** A refusal with a message written for the uploader: it names the file's rows and columns, never a value. */
export class RosterUploadError extends Error {
  constructor(
    readonly problem: UploadProblem,
    message: string,
  ) {
    super(message);
    this.name = 'RosterUploadError';
  }
}

export interface RosterInspection {
  format: RosterFormat;
  headers: string[];
  /** Field → 0-based column, as detected (or as mapped). */
  mapping: Partial<Record<Field, number>>;
  described: Array<{ field: Field; column: number; header: string }>;
  /** Set when no usable layout was found: the uploader must choose the columns. */
  layoutProblem: string | null;
  dateOrder: DateOrderInference;
  /** The uploader's own first rows, as text, for the mapping step. */
  preview: string[][];
  rows: number;
}

const PREVIEW_ROWS = 5;
const HEADER_SEARCH = 10;
const DATE_SAMPLE = 5000;
const isBlank = (cells: unknown[]) => cells.every((c) => c === null || c === undefined || String(c).trim() === '');

/** CSV or XLSX, from the bytes (a name can lie); anything else is refused as unsupported. */
export function rosterFormat(bytes: Buffer): RosterFormat {
  if (bytes.subarray(0, 4).toString('latin1') === 'PK\x03\x04') return 'xlsx';
  const head = bytes.subarray(0, 4096);
  // Text exports never hold NUL bytes; UTF-16 and binary formats (XLS, PDF, images) do.
  if (head.includes(0)) throw new RosterUploadError('unsupported', 'The file is not a CSV or XLSX file. Export the roster as CSV or as an Excel workbook (.xlsx).');
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') throw new RosterUploadError('unsupported', 'The file is not a CSV or XLSX file. Export the roster as CSV or as an Excel workbook (.xlsx).');
  return 'csv';
}

export async function inspectRoster(
  bytes: Buffer,
  limits: Pick<RosterConfig, 'maxBytes' | 'maxRows' | 'maxUnpackedBytes'>,
  choice: { map?: Partial<Record<Field, string>>; dateOrder?: DateOrder; exclude?: readonly Field[] } = {},
): Promise<RosterInspection> {
  if (bytes.length === 0) throw new RosterUploadError('unreadable', 'The file is empty.');
  if (bytes.length > limits.maxBytes) throw tooLarge(limits.maxBytes);
  const format = rosterFormat(bytes);
  try {
    if (format === 'xlsx') assertZipWithin(bytes, { maxInflatedBytes: limits.maxUnpackedBytes, maxEntries: 1000 });
    const source = await openTable(bytes, { format });
    const iterator = source.rows[Symbol.asyncIterator]();
    const ahead: RawRow[] = [];
    while (ahead.length < HEADER_SEARCH) {
      const next = await iterator.next();
      if (next.done) break;
      if (!isBlank(next.value.cells)) ahead.push(next.value);
    }
    let layout: Layout | null = null;
    let layoutProblem: string | null = null;
    try {
      layout = detectLayout(ahead, choice.map ?? {});
    } catch (err) {
      if (!(err instanceof LayoutError)) throw err;
      if (ahead.length === 0) throw new RosterUploadError('unreadable', 'The file has no rows.');
      layoutProblem = err.message.replace(/; name the columns with .*$/, '').replace(/^--map (\w+): /, 'the column chosen for $1: ');
    }
    if (layout && choice.exclude?.length) {
      for (const f of choice.exclude) delete layout.mapping[f];
      const m = layout.mapping;
      if (m.fullName === undefined && m.givenNames === undefined && m.familyNames === undefined) layoutProblem = 'no name column is chosen';
      else if (m.dateOfBirth === undefined && m.aNumber === undefined) layoutProblem = 'no date-of-birth or A-number column is chosen';
    }
    const headerAt = layout ? layout.headerIndex : 0;
    const headers = layout ? layout.headers : (ahead[0]?.cells ?? []).map(cellText);
    const dataRows = ahead.slice(headerAt + 1);
    const dobColumn = layout?.mapping.dateOfBirth;
    const dates: unknown[] = [];
    const preview: string[][] = [];
    let rows = 0;
    const take = (cells: unknown[]) => {
      rows++;
      if (rows > limits.maxRows) throw new RosterUploadError('too-many-rows', `The roster has more than ${limits.maxRows} rows. Split it into smaller files.`);
      if (preview.length < PREVIEW_ROWS) preview.push(headers.map((_, i) => cellText(cells[i])));
      if (dobColumn !== undefined && dates.length < DATE_SAMPLE) dates.push(cells[dobColumn]);
    };
    for (const r of dataRows) take(r.cells);
    for (;;) {
      const next = await iterator.next();
      if (next.done) break;
      if (!isBlank(next.value.cells)) take(next.value.cells);
    }
    const dateOrder: DateOrderInference = choice.dateOrder ? { order: choice.dateOrder, basis: 'values' } : inferDateOrder(dates);
    return {
      format,
      headers,
      mapping: layout?.mapping ?? {},
      described: layout ? describeMapping(layout) : [],
      layoutProblem,
      dateOrder,
      preview,
      rows,
    };
  } catch (err) {
    if (err instanceof ZipTooLargeError) {
      throw new RosterUploadError('too-large', `The workbook unpacks to far more than a roster needs (over ${sizeText(limits.maxUnpackedBytes)}). Save it as CSV, or split it.`);
    }
    if (err instanceof SourceFormatError) throw new RosterUploadError('unreadable', `The file could not be read: ${err.message}.`);
    throw err;
  }
}

/** A limit as people read it: 20 MB, or 256 KB for the small limits of a test. */
export const sizeText = (bytes: number): string => (bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MB` : `${Math.round(bytes / 1024)} KB`);

export const tooLarge = (maxBytes: number) =>
  new RosterUploadError('too-large', `The file is larger than ${sizeText(maxBytes)}. Split the roster into smaller files.`);
