import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { cellText, neutraliseCell, type ResultsWriter } from './results-file';

/**
 * Results kept in memory (web and API rosters): rows of text, sealed as a whole by the roster job and
 * rendered as CSV or XLSX only when their owner downloads them. Never written to disk in the clear.
 */
export class MemoryResultsWriter implements ResultsWriter {
  readonly rows: string[][] = [];

  constructor(header: string[]) {
    this.rows.push(header.map(cellText));
  }

  async writeRow(cells: unknown[]): Promise<void> {
    this.rows.push(cells.map(cellText));
  }

  async close(): Promise<void> {}
}

/** The same bytes `csvResultsWriter` writes: UTF-8 BOM, CRLF, formula-like cells neutralised. */
export function resultsCsv(rows: string[][]): Buffer {
  const body = stringify(rows.map((r) => r.map(neutraliseCell)), { record_delimiter: '\r\n' });
  return Buffer.concat([Buffer.from('\uFEFF', 'utf8'), Buffer.from(body, 'utf8')]);
}

/** An XLSX workbook built in memory; every cell is text, never a formula. */
export async function resultsXlsx(rows: string[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Results');
  for (const r of rows) sheet.addRow(r.map(neutraliseCell));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
