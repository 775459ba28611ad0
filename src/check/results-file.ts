import fs from 'node:fs';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';

/** The columns appended to the roster's own, in this order. A public contract (see README). */
export const RESULT_COLUMNS = ['exposure_match', 'exposure_datasets', 'exposure_matched_on', 'exposure_note'] as const;

/**
 * Cells that a spreadsheet would run as a formula (OWASP "CSV injection"): a leading =, +, -, @,
 * tab or carriage return, also after leading spaces. They are kept visible but made inert with a
 * leading apostrophe.
 */
export function neutraliseCell(value: string): string {
  return /^[\t\r]|^\s*[=+\-@＝＋－＠]/.test(value) ? `'${value}` : value;
}

export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  return String(value);
}

export interface ResultsWriter {
  writeRow(cells: unknown[]): Promise<void>;
  close(): Promise<void>;
}

/** CSV results: UTF-8 with a byte-order mark so spreadsheet programs read accents right. */
export function csvResultsWriter(file: string, header: string[]): ResultsWriter {
  const fd = fs.openSync(file, 'w', 0o600);
  fs.writeSync(fd, '\uFEFF');
  const write = (cells: unknown[]) => fs.writeSync(fd, stringify([cells.map((c) => neutraliseCell(cellText(c)))], { record_delimiter: '\r\n' }));
  write(header);
  return {
    writeRow: async (cells) => void write(cells),
    close: async () => fs.closeSync(fd),
  };
}

/** XLSX results, streamed to disk row by row; every cell written as text, never as a formula. */
export function xlsxResultsWriter(file: string, header: string[]): ResultsWriter {
  const stream = fs.createWriteStream(file, { mode: 0o600 });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: false, useSharedStrings: false });
  const sheet = workbook.addWorksheet('Results');
  const add = (cells: unknown[]) => sheet.addRow(cells.map((c) => neutraliseCell(cellText(c)))).commit();
  add(header);
  return {
    writeRow: async (cells) => add(cells),
    close: async () => {
      sheet.commit();
      await workbook.commit();
    },
  };
}

export function resultsWriterFor(file: string, header: string[]): ResultsWriter {
  return /\.xlsx$/i.test(file) ? xlsxResultsWriter(file, header) : csvResultsWriter(file, header);
}
