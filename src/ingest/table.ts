import { openTable, type TableInput } from './readers';
import type { RawRow, TableSource } from './readers/types';
import { detectLayout, type Field, type Layout } from './columns';
import { inferDateOrder, type DateOrder, type DateOrderInference } from '../matching/dates';
import type { PersonInput } from '../matching/person';

/**
 * A table of people opened for reading, shared by ingest and roster checks: header row found,
 * columns mapped, the date-of-birth column's day/month order settled, then rows streamed.
 */
export interface PeopleTable {
  source: TableSource;
  layout: Layout;
  dateOrder: DateOrderInference;
  /** Data rows after the header, blank rows skipped. */
  rows: AsyncIterable<PeopleRow>;
}

export interface PeopleRow {
  rowNumber: number;
  cells: unknown[];
  input: PersonInput;
}

export interface OpenPeopleOptions {
  map?: Partial<Record<Field, string>>;
  dateOrder?: DateOrder;
  format?: 'csv' | 'xlsx' | 'jsonl';
}

/** Rows read ahead to settle the date order before anything is keyed. */
const DATE_ORDER_LOOKAHEAD = 5000;

const isBlank = (cells: unknown[]) => cells.every((c) => c === null || c === undefined || String(c).trim() === '');

export function personInput(layout: Layout, cells: unknown[]): PersonInput {
  const at = (f: Field) => {
    const col = layout.mapping[f];
    return col === undefined ? undefined : cells[col];
  };
  const given = [at('givenNames'), at('middleNames')]
    .filter((v) => v !== undefined && v !== null && String(v).trim() !== '')
    .map(String)
    .join(' ');
  return {
    fullName: at('fullName'),
    givenNames: given || undefined,
    familyNames: at('familyNames'),
    dateOfBirth: at('dateOfBirth'),
    aNumber: at('aNumber'),
    nationality: at('nationality'),
  };
}

export async function openPeopleTable(file: TableInput, opts: OpenPeopleOptions = {}): Promise<PeopleTable> {
  const source = await openTable(file, opts.format ? { format: opts.format } : undefined);
  const iterator = source.rows[Symbol.asyncIterator]();
  const ahead: RawRow[] = [];

  // Enough rows to find the header among the first ten non-blank ones.
  while (ahead.filter((r) => !isBlank(r.cells)).length < 10) {
    const next = await iterator.next();
    if (next.done) break;
    ahead.push(next.value);
  }
  const layout = detectLayout(ahead.filter((r) => !isBlank(r.cells)), opts.map ?? {});
  const headerPos = ahead.findIndex((r) => r.rowNumber === layout.headerRowNumber);
  const buffered = ahead.slice(headerPos + 1);

  let dateOrder: DateOrderInference;
  if (opts.dateOrder) {
    dateOrder = { order: opts.dateOrder, basis: 'values' };
  } else {
    while (buffered.length < DATE_ORDER_LOOKAHEAD) {
      const next = await iterator.next();
      if (next.done) break;
      buffered.push(next.value);
    }
    const col = layout.mapping.dateOfBirth;
    dateOrder = col === undefined ? { order: 'MDY', basis: 'default' } : inferDateOrder(buffered.map((r) => r.cells[col]));
  }

  async function* rows(): AsyncGenerator<PeopleRow> {
    const emit = (r: RawRow): PeopleRow | null => (isBlank(r.cells) ? null : { rowNumber: r.rowNumber, cells: r.cells, input: personInput(layout, r.cells) });
    for (const r of buffered) {
      const row = emit(r);
      if (row) yield row;
    }
    buffered.length = 0;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      const row = emit(next.value);
      if (row) yield row;
    }
  }

  return { source, layout, dateOrder, rows: rows() };
}
