import fs from 'node:fs';
import path from 'node:path';

const titleCase = (s: string) => s.toLowerCase().replace(/(^|[\s,'-])(\p{L})/gu, (_m, sep: string, c: string) => sep + c.toUpperCase());
const stripAccents = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '');

/** Every spelling of a value worth looking for: as written, upper, lower, title case, without accents. */
export function spellings(value: string): string[] {
  const forms = new Set<string>();
  for (const v of [value, stripAccents(value)]) for (const f of [v, v.toUpperCase(), v.toLowerCase(), titleCase(v)]) forms.add(f);
  return [...forms];
}

export interface Finding {
  file: string;
  /** Index of the needle in the list given, so a failure never prints the value itself. */
  needleIndex: number;
}

export function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}

/** Looks for each needle, in UTF-8 and UTF-16LE, in every file under `dir`. */
export function scanForPlaintext(dir: string, needles: string[]): Finding[] {
  const encoded = needles.map((n) => [Buffer.from(n, 'utf8'), Buffer.from(n, 'utf16le')]);
  const findings: Finding[] = [];
  for (const file of filesUnder(dir)) {
    const bytes = fs.readFileSync(file);
    encoded.forEach((forms, needleIndex) => {
      if (forms.some((f) => bytes.includes(f))) findings.push({ file: path.relative(dir, file), needleIndex });
    });
  }
  return findings;
}
