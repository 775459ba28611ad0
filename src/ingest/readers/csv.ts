import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { pipeline, Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import iconv from 'iconv-lite';
import { SourceFormatError, type RawRow, type ReadProgress, type TableSource } from './types';

// ---------------------------------------------------------------------------------------------
// Shared by the sibling readers (jsonl.ts, xlsx.ts, index.ts).

/**
 * A table's bytes: a file path (ingest, `npm run check`: streamed from disk) or a Buffer (roster
 * uploads: held in memory and never written to disk).
 */
export type TableInput = string | Buffer;

/** Size of a source; a missing or unreadable path becomes a SourceFormatError naming it. */
export async function sourceSize(path: TableInput): Promise<number> {
  if (Buffer.isBuffer(path)) return path.length;
  let stat: fs.Stats;
  try {
    stat = await fs.promises.stat(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new SourceFormatError(`${path} does not exist`);
    if (code === 'EACCES' || code === 'EPERM') throw new SourceFormatError(`${path} cannot be read (permission denied)`);
    throw err;
  }
  if (!stat.isFile()) throw new SourceFormatError(`${path} is not a file`);
  return stat.size;
}

/** The first `max` bytes of a file, read in place (no stream left open, nothing copied to disk). */
export async function readHead(path: TableInput, max: number): Promise<Buffer> {
  if (Buffer.isBuffer(path)) return path.subarray(0, max);
  const file = await fs.promises.open(path, 'r');
  try {
    const { buffer, bytesRead } = await file.read(Buffer.alloc(max), 0, max, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}

/**
 * Hashes and counts a file's bytes as they stream past. `digest` settles once: with the hex
 * SHA-256 when the reader reached the end, rejected if reading failed or stopped early.
 */
export class ByteMeter {
  bytesRead = 0;
  readonly digest: Promise<string>;
  private readonly hash = createHash('sha256');
  private settle!: { resolve: (hex: string) => void; reject: (err: unknown) => void };

  constructor(readonly totalBytes: number) {
    this.digest = new Promise((resolve, reject) => (this.settle = { resolve, reject }));
    // A rejection is for callers who ask for the digest; unasked, it must not crash the process.
    this.digest.catch(() => undefined);
  }

  async *pass(chunks: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
    for await (const chunk of chunks) {
      this.hash.update(chunk);
      this.bytesRead += chunk.length;
      yield chunk;
    }
  }

  /** Resolves the digest; with `expected` (from an earlier read of the same file), checks it first. */
  finish(expected?: string): void {
    const hex = this.hash.digest('hex');
    if (expected !== undefined && hex !== expected) throw new SourceFormatError('the file changed while it was being read');
    this.settle.resolve(hex);
  }

  /** No effect once settled, so it can sit in a `finally`. */
  fail(err: unknown): void {
    this.settle.reject(err);
  }

  progress(): ReadProgress {
    return { bytesRead: this.bytesRead, totalBytes: this.totalBytes };
  }
}

/**
 * The file's bytes, hashed and counted as they pass. `close` stops reading at any point; a stream
 * error raised by stopping is nobody's to handle, so it is silenced rather than left uncaught.
 */
export function meteredBytes(path: TableInput, meter: ByteMeter, highWaterMark?: number): { bytes: Readable; close(): void } {
  const file = Buffer.isBuffer(path) ? Readable.from(bufferChunks(path, highWaterMark ?? 64 * 1024)) : fs.createReadStream(path, { highWaterMark });
  const bytes = Readable.from(meter.pass(file), { objectMode: false });
  return {
    bytes,
    close() {
      bytes.on('error', () => undefined);
      bytes.destroy();
      file.destroy();
    },
  };
}

/** An in-memory source, in stream-sized views of the same memory (nothing is copied). */
function* bufferChunks(buffer: Buffer, size: number): Generator<Buffer> {
  for (let at = 0; at < buffer.length; at += size) yield buffer.subarray(at, at + size);
}

export const STOPPED_EARLY = 'reading stopped before the end of the file';

export const isBlankRow = (cells: unknown[]): boolean =>
  cells.every((c) => c === '' || (typeof c === 'string' && c.trim() === ''));

// ---------------------------------------------------------------------------------------------
// CSV

type CsvEncoding = 'utf-8' | 'windows-1252';

/** Bytes looked at to choose the encoding and delimiter. */
const HEAD_BYTES = 64 * 1024;
const DELIMITERS = [',', ';', '\t', '|'];
const SNIFF_LINES = 10;
/** An unclosed quote would otherwise pull the rest of the file into one field, in memory. */
const MAX_RECORD_BYTES = 1024 * 1024;
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

export async function openCsv(path: TableInput): Promise<TableSource> {
  const meter = new ByteMeter(await sourceSize(path));
  const head = await readHead(path, HEAD_BYTES);
  const wholeFile = head.length === meter.totalBytes;
  const encoding = detectEncoding(head, wholeFile);
  // Delimiters and quotes are ASCII, and UTF-8 never uses ASCII bytes inside a multi-byte
  // character, so latin1 is a safe way to look at them whatever the real encoding.
  const delimiter = sniffDelimiter(head.toString('latin1'), wholeFile);

  return {
    rows: readCsv(path, meter, encoding, delimiter),
    sha256: () => meter.digest,
    progress: () => meter.progress(),
    describe: () => ({ format: 'csv', delimiter, encoding }),
  };
}

/** UTF-8 if the head decodes strictly (a character cut at the head's end is not an error). */
function detectEncoding(head: Buffer, wholeFile: boolean): CsvEncoding {
  if (head.subarray(0, 3).equals(UTF8_BOM)) return 'utf-8';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: !wholeFile });
    return 'utf-8';
  } catch {
    return 'windows-1252';
  }
}

/**
 * The candidate that splits the first lines most consistently: for each, the most common
 * non-zero count per line (so a title line above the header does not decide), scored by how
 * many lines share it, then by the count itself. Comma when none appears.
 */
function sniffDelimiter(text: string, wholeFile: boolean): string {
  const lines = unquotedLines(text, wholeFile);
  let best = { delimiter: ',', lines: 0, count: 0 };
  for (const delimiter of DELIMITERS) {
    const tally = new Map<number, number>();
    for (const line of lines) {
      const count = line.split(delimiter).length - 1;
      if (count > 0) tally.set(count, (tally.get(count) ?? 0) + 1);
    }
    for (const [count, lineCount] of tally) {
      if (lineCount > best.lines || (lineCount === best.lines && count > best.count)) {
        best = { delimiter, lines: lineCount, count };
      }
    }
  }
  return best.delimiter;
}

/** The first non-empty lines with quoted text removed; a line cut off by the head's end is dropped. */
function unquotedLines(text: string, wholeFile: boolean): string[] {
  const lines: string[] = [];
  let line = '';
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) {
      if (line) lines.push(line);
      line = '';
      if (lines.length === SNIFF_LINES) return lines;
    } else if (!quoted) line += ch;
  }
  if (line && (wholeFile || lines.length === 0)) lines.push(line);
  return lines;
}

async function* readCsv(path: TableInput, meter: ByteMeter, encoding: CsvEncoding, delimiter: string): AsyncGenerator<RawRow> {
  const source = meteredBytes(path, meter, HEAD_BYTES);
  const parser = parse({
    delimiter,
    record_delimiter: ['\r\n', '\n', '\r'], // mixed line endings occur in hand-edited exports
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false, // blank lines still count towards row numbers
    max_record_size: MAX_RECORD_BYTES,
  });
  // Errors from the file or decoder reach the parser, and so the loop below.
  pipeline(Readable.from(decodeText(source.bytes, encoding)), parser, () => undefined);

  let recordNumber = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      recordNumber++;
      if (!isBlankRow(record)) yield { rowNumber: recordNumber, cells: record };
    }
    meter.finish();
  } catch (err) {
    // csv-parse messages can quote a piece of the offending field: only its code is kept.
    const failure =
      err instanceof CsvError
        ? new SourceFormatError(
            err.code === 'CSV_MAX_RECORD_SIZE'
              ? `record ${recordNumber + 1} is larger than 1 MiB (probably an unclosed quote)`
              : `the CSV could not be parsed at record ${recordNumber + 1} (${err.code})`,
          )
        : err;
    meter.fail(failure);
    throw failure;
  } finally {
    meter.fail(new SourceFormatError(STOPPED_EARLY));
    parser.destroy();
    source.close();
  }
}

/** Decodes as the bytes arrive. Non-fatal: a bad byte after the sniffed head becomes U+FFFD. */
async function* decodeText(chunks: AsyncIterable<Buffer>, encoding: CsvEncoding): AsyncGenerator<string> {
  // TextDecoder drops a leading UTF-8 BOM by default; Windows-1252 files have none.
  const utf8 = new TextDecoder('utf-8');
  const cp1252 = iconv.getDecoder('win1252');
  const decode = (chunk: Buffer) => (encoding === 'utf-8' ? utf8.decode(chunk, { stream: true }) : cp1252.write(chunk));
  for await (const chunk of chunks) {
    const text = decode(chunk);
    if (text) yield text;
  }
  const rest = encoding === 'utf-8' ? utf8.decode() : cp1252.end();
  if (rest) yield rest;
}
