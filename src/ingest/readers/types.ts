/**
 * What every table reader (CSV, XLSX, JSON Lines) yields: raw rows, in file order, one at a time.
 * Readers never interpret cells (no header detection, no date parsing): that is `ingest/columns.ts`.
 */
export interface RawRow {
  /**
   * The row's number as a person looking at the source would name it: 1-based record number for
   * CSV (a quoted newline does not start a new row), the sheet's row number for XLSX, the line number
   * for JSON Lines. Used in rejected-row reports, never alongside a value.
   */
  rowNumber: number;
  /** Cells in column order. Strings for text formats; XLSX may give numbers, Dates or booleans. */
  cells: unknown[];
}

export interface ReadProgress {
  /** Bytes of the source file consumed so far. */
  bytesRead: number;
  /** Size of the source file in bytes. */
  totalBytes: number;
}

export interface TableSource {
  /** Rows as they are read; the file is streamed, never loaded whole nor copied. */
  rows: AsyncIterable<RawRow>;
  /** Resolves, once `rows` is exhausted, with the SHA-256 (hex) of the file's bytes as read. */
  sha256(): Promise<string>;
  /** Bytes consumed so far, for progress bars. */
  progress(): ReadProgress;
  /** What the reader decided about the file, for the dry-run and the summary. */
  describe(): SourceDescription;
}

export interface SourceDescription {
  format: 'csv' | 'xlsx' | 'jsonl';
  /** CSV only: the delimiter found. */
  delimiter?: string;
  /** CSV only: 'utf-8' or 'windows-1252'. */
  encoding?: string;
  /** XLSX only: name of the worksheet read (the first one). */
  sheet?: string;
}

export class SourceFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SourceFormatError';
  }
}
