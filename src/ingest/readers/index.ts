import { extname } from 'node:path';
import { openCsv, readHead, sourceSize, type TableInput } from './csv';
import { openJsonl } from './jsonl';
import { openXlsx } from './xlsx';
import type { SourceDescription, TableSource } from './types';

export { openCsv, type TableInput } from './csv';
export { openJsonl } from './jsonl';
export { openXlsx } from './xlsx';
export * from './types';

export type TableFormat = SourceDescription['format'];

const BY_EXTENSION: Record<string, TableFormat> = {
  '.csv': 'csv',
  '.tsv': 'csv',
  '.txt': 'csv',
  '.xlsx': 'xlsx',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
};

/**
 * Opens a table for streaming: the format is `opts.format`, else the extension's, else sniffed
 * from the first bytes (a Buffer has no name: its format is given or sniffed). A missing or unreadable path rejects with SourceFormatError naming it.
 */
export async function openTable(path: TableInput, opts: { format?: TableFormat } = {}): Promise<TableSource> {
  await sourceSize(path); // a clear error for a bad path before any sniffing
  const byName = typeof path === 'string' ? BY_EXTENSION[extname(path).toLowerCase()] : undefined;
  const format = opts.format ?? byName ?? (await sniffFormat(path));
  switch (format) {
    case 'csv':
      return openCsv(path);
    case 'xlsx':
      return openXlsx(path);
    case 'jsonl':
      return openJsonl(path);
  }
}

export async function sniffFormat(path: TableInput): Promise<TableFormat> {
  const head = await readHead(path, 512);
  if (head.subarray(0, 4).toString('latin1') === 'PK\x03\x04') return 'xlsx';
  // Skip a UTF-8 BOM and leading whitespace before looking for an object.
  return /^(\uFEFF)?\s*\{/.test(head.toString('utf8')) ? 'jsonl' : 'csv';
}
