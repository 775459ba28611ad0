import readline from 'node:readline';
import { ByteMeter, meteredBytes, sourceSize, STOPPED_EARLY, type TableInput } from './csv';
import { SourceFormatError, type RawRow, type TableSource } from './types';

/**
 * JSON Lines: one object per line. Yields a synthetic header row (rowNumber 0) holding the first
 * object's keys, then each object's values in that key order (keys the first object lacks are not read).
 */
export async function openJsonl(path: TableInput): Promise<TableSource> {
  const meter = new ByteMeter(await sourceSize(path));
  return {
    rows: readJsonl(path, meter),
    sha256: () => meter.digest,
    progress: () => meter.progress(),
    describe: () => ({ format: 'jsonl' }),
  };
}

async function* readJsonl(path: TableInput, meter: ByteMeter): AsyncGenerator<RawRow> {
  const source = meteredBytes(path, meter);
  const lines = readline.createInterface({ input: source.bytes, crlfDelay: Infinity });
  let keys: string[] | undefined;
  let lineNumber = 0;
  try {
    for await (const text of lines) {
      lineNumber++;
      const line = lineNumber === 1 ? text.replace(/^\uFEFF/, '') : text;
      if (line.trim() === '') continue;
      const record = parseObject(line, lineNumber);
      if (!keys) {
        keys = Object.keys(record);
        yield { rowNumber: 0, cells: [...keys] };
      }
      yield { rowNumber: lineNumber, cells: keys.map((k) => cellValue(record[k])) };
    }
    meter.finish();
  } catch (err) {
    meter.fail(err);
    throw err;
  } finally {
    meter.fail(new SourceFormatError(STOPPED_EARLY));
    lines.close();
    source.close();
  }
}

function parseObject(line: string, lineNumber: number): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    value = undefined; // JSON.parse's message quotes the line, so it is never passed on
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SourceFormatError(`line ${lineNumber} is not a JSON object`);
  }
  return value as Record<string, unknown>;
}

/** Missing and null are empty cells; other primitives as they are; nested values as JSON text. */
function cellValue(value: unknown): unknown {
  if (value === undefined || value === null) return '';
  return typeof value === 'object' ? JSON.stringify(value) : value;
}
