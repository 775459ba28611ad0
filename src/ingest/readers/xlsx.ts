import ExcelJS from 'exceljs';
import { ByteMeter, isBlankRow, meteredBytes, readHead, sourceSize, STOPPED_EARLY, type TableInput } from './csv';
import { SourceFormatError, type RawRow, type TableSource } from './types';

const NOT_XLSX = 'the file is not a readable XLSX workbook';
const ZIP_SIGNATURE = Buffer.from('PK\x03\x04', 'latin1');

const READER_OPTIONS = {
  sharedStrings: 'cache',
  hyperlinks: 'ignore',
  styles: 'cache',
  worksheets: 'emit',
  entries: 'emit',
} as const;

/**
 * What exceljs 4.4's WorkbookReader keeps from the workbook's non-sheet parts and its sheet parser
 * reads (not in its typings). When a sheet comes before these in the zip (the usual order, also in
 * files exceljs writes), the reader spools the sheet's XML to a temp file until they are known:
 * a plaintext copy of the leak on disk. Reading them in a first pass avoids that.
 */
interface WorkbookParts {
  sharedStrings: unknown[];
  workbookRels: { Id: string; Target: string }[];
  model: { sheets?: { name: string; rId: string }[] };
  properties: unknown;
  styles: unknown;
}

interface ReaderInternals extends Partial<WorkbookParts> {
  on(event: 'entry', listener: (entry: { type: string; id?: string }) => void): void;
  [Symbol.asyncIterator](): AsyncIterator<ExcelJS.stream.xlsx.WorksheetReader>;
}

/**
 * Reads the first worksheet, from a file path or an in-memory Buffer. The file is read twice, both times as a stream and never copied:
 * `openXlsx` reads the workbook's shared strings, styles and sheet list (rejecting with
 * SourceFormatError if it is not a readable workbook), then `rows` reads the first sheet, which
 * can still reject with SourceFormatError if the sheet itself is damaged. `progress` and `sha256`
 * are about the second read.
 */
export async function openXlsx(path: TableInput): Promise<TableSource> {
  const totalBytes = await sourceSize(path);
  if (!(await readHead(path, ZIP_SIGNATURE.length)).equals(ZIP_SIGNATURE)) throw new SourceFormatError(NOT_XLSX);

  const scan = new ByteMeter(totalBytes);
  const parts = await readWorkbookParts(path, scan);
  const meter = new ByteMeter(totalBytes);
  const first = parts.model.sheets?.[0];
  const sheetFile = parts.workbookRels.find((rel) => rel.Id === first?.rId)?.Target.match(/sheet(\d+)\.xml$/)?.[1];

  return {
    rows: readFirstSheet(path, parts, sheetFile, meter, await scan.digest),
    sha256: () => meter.digest,
    progress: () => meter.progress(),
    describe: () => ({ format: 'xlsx', sheet: first?.name }),
  };
}

function openReader(path: TableInput, meter: ByteMeter): { reader: ReaderInternals; close(): void } {
  const { bytes, close } = meteredBytes(path, meter);
  return { reader: new ExcelJS.stream.xlsx.WorkbookReader(bytes, READER_OPTIONS) as unknown as ReaderInternals, close };
}

async function readWorkbookParts(path: TableInput, meter: ByteMeter): Promise<WorkbookParts> {
  const { reader, close } = openReader(path, meter);
  // Claiming the parts are known makes sheets parse in place rather than spool; this pass skips them.
  Object.assign(reader, { sharedStrings: [], workbookRels: [], model: { sheets: [] } });
  let sawWorkbook = false;
  reader.on('entry', (entry) => {
    if (entry.type === 'workbook') sawWorkbook = true;
  });
  try {
    for await (const _sheet of reader) {
      // Sheets are read in the second pass.
    }
  } catch {
    throw new SourceFormatError(NOT_XLSX); // zip errors can quote the file's bytes
  } finally {
    close();
  }
  if (!sawWorkbook) throw new SourceFormatError(NOT_XLSX);
  meter.finish();
  const { sharedStrings, workbookRels, model, properties, styles } = reader as WorkbookParts;
  return { sharedStrings, workbookRels, model, properties, styles };
}

async function* readFirstSheet(
  path: TableInput,
  parts: WorkbookParts,
  sheetFile: string | undefined,
  meter: ByteMeter,
  scannedSha256: string,
): AsyncGenerator<RawRow> {
  const { reader, close } = openReader(path, meter);
  Object.assign(reader, parts);
  let currentFile: string | undefined;
  reader.on('entry', (entry) => {
    if (entry.type === 'worksheet') currentFile = entry.id;
  });

  let done = false;
  let lastRow = 0;
  try {
    try {
      for await (const sheet of reader) {
        // Other sheets are skipped, not left unread, so the hash covers the whole file.
        if (done || (sheetFile !== undefined && currentFile !== sheetFile)) continue;
        for await (const row of sheet) {
          lastRow = row.number;
          const cells = rowCells(row);
          if (!isBlankRow(cells)) yield { rowNumber: row.number, cells };
        }
        done = true;
      }
    } catch {
      throw new SourceFormatError(lastRow ? `${NOT_XLSX} (it breaks off after sheet row ${lastRow})` : NOT_XLSX);
    }
    meter.finish(scannedSha256);
  } catch (err) {
    meter.fail(err);
    throw err;
  } finally {
    meter.fail(new SourceFormatError(STOPPED_EARLY));
    close();
  }
}

function rowCells(row: ExcelJS.Row): unknown[] {
  const cells: unknown[] = [];
  row.eachCell({ includeEmpty: true }, (cell, column) => {
    cells[column - 1] = plainValue(cell.value);
  });
  return Array.from(cells, (c) => c ?? '');
}

/** Strings, numbers, booleans and Dates as they are; rich text, hyperlinks and formulas reduced to what shows. */
function plainValue(value: unknown): unknown {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'object' || value instanceof Date) return value;
  if ('richText' in value && Array.isArray(value.richText)) {
    return value.richText.map((run: { text?: string | null }) => run.text ?? '').join('');
  }
  if ('formula' in value || 'sharedFormula' in value) return plainValue((value as { result?: unknown }).result);
  if ('text' in value) return plainValue(value.text);
  return ''; // error cells (#N/A, #REF!) and anything unknown hold no usable value
}
