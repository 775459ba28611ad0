import anyAsciiModule from 'any-ascii';
import { pinyin } from 'pinyin-pro';
import { CULTURES, type NamePart } from '../../src/sample/names';
import {
  DEFAULT_SEED,
  DISCLOSURE_COLUMNS,
  MAX_BIRTH_YEAR,
  MIN_BIRTH_YEAR,
  NEGATIVE_VARIANTS,
  POSITIVE_VARIANTS,
  ROSTER_COLUMNS,
  SCRIPT_VARIANTS,
  VARIANTS,
  generateSample,
  variantCounts,
  type DisclosureRow,
  type RosterRow,
  type Sample,
  type TruthEntry,
  type Variant,
} from '../../src/sample/generate';

// any-ascii ships ESM and CJS builds; take the function whichever the loader gives us.
const anyAscii: (s: string) => string =
  typeof anyAsciiModule === 'function' ? anyAsciiModule : (anyAsciiModule as unknown as { default: (s: string) => string }).default;

// --- helpers, written independently of the generator -------------------------------------------

const cell = (row: DisclosureRow | RosterRow | undefined, column: string): string => {
  if (!row) throw new Error('no such row');
  const v = row[column];
  if (v === undefined) throw new Error(`no column ${column}`);
  return v;
};

const unaccent = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/Đ/g, 'D').replace(/đ/g, 'd');
const accented = (s: string) => unaccent(s).normalize('NFC') !== s.normalize('NFC');
const fold = (s: string) => unaccent(s).toUpperCase();
const digits = (s: string) => s.replace(/\D/g, '').padStart(9, '0');

function mdyToIso(s: string): string {
  const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(s);
  if (!m) throw new Error(`not MM/DD/YYYY: ${s}`);
  return `${m[3]}-${m[1]}-${m[2]}`;
}

/** "GARCÍA LÓPEZ, MARÍA JOSÉ" → family and given. */
function splitName(name: string): { family: string; given: string } {
  const i = name.indexOf(', ');
  if (i < 0) throw new Error(`not FAMILY, GIVEN: ${name}`);
  return { family: name.slice(0, i), given: name.slice(i + 2) };
}

/** Consonant skeleton, for checking Arabic-script names against their Latin forms. */
function skeleton(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^a-z]/g, '')
    .replace(/([kgstdcz])h/g, '$1')
    .replace(/q/g, 'k')
    .replace(/[aeiouyw]/g, '')
    .replace(/(.)\1+/g, '$1')
    .replace(/(?<=.)h$/, '');
}

const hanToPinyin = (s: string, role: 'given' | 'family') =>
  pinyin(s, { toneType: 'none', type: 'array', surname: role === 'family' ? 'head' : 'off' }).join('');

const nameKey = (given: string, family: string) =>
  fold(`${given} ${family}`)
    .split(/[^A-Z]+/)
    .filter(Boolean)
    .sort()
    .join(' ');

interface Resolved {
  entry: TruthEntry;
  r: RosterRow;
  d: DisclosureRow | undefined;
}

function resolve(sample: Sample): Resolved[] {
  return sample.truth.map((entry) => ({
    entry,
    r: sample.roster[entry.rosterRow - 1] as RosterRow,
    d: entry.disclosureRow === null ? undefined : sample.disclosure[entry.disclosureRow - 1],
  }));
}

function countVariants(sample: Sample): Record<Variant, number> {
  const counts = Object.fromEntries(VARIANTS.map((v) => [v, 0])) as Record<Variant, number>;
  for (const t of sample.truth) counts[t.variant]++;
  return counts;
}

const SAMPLES: Array<[string, Sample]> = [
  ['300 records, default seed', generateSample({ records: 300 })],
  ['150 records, seed 42', generateSample({ records: 150, seed: 42 })],
  ['100 records, seed 7', generateSample({ records: 100, seed: 7 })],
  ['30 records, seed 5', generateSample({ records: 30, seed: 5 })],
];

// --- tests ----------------------------------------------------------------------------------------

describe('generateSample', () => {
  it('is deterministic for a seed, and differs between seeds', () => {
    const a = generateSample({ records: 120, seed: 99 });
    const b = generateSample({ records: 120, seed: 99 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(generateSample({ records: 300 }))).toBe(JSON.stringify(generateSample({ records: 300, seed: DEFAULT_SEED })));
    const c = generateSample({ records: 120, seed: 100 });
    expect(JSON.stringify(c.disclosure)).not.toBe(JSON.stringify(a.disclosure));
    expect(JSON.stringify(c.roster)).not.toBe(JSON.stringify(a.roster));
  });

  it('rejects too few records and non-integer options', () => {
    expect(() => generateSample({ records: 5 })).toThrow(RangeError);
    expect(() => generateSample({ records: 50.5 })).toThrow(RangeError);
    expect(() => generateSample({ records: 50, seed: 1.5 })).toThrow(RangeError);
  });

  it.each([100, 150, 300, 1000])('has every variant at least twice for %i records', (records) => {
    for (const seed of [1, 2, 3]) {
      const counts = countVariants(generateSample({ records, seed }));
      for (const v of VARIANTS) expect([v, counts[v] >= 2]).toEqual([v, true]);
      expect(counts).toEqual(variantCounts(records));
    }
  });

  it.each([10, 30, 60])('has every script variant for %i records', (records) => {
    const counts = countVariants(generateSample({ records, seed: 11 }));
    for (const v of SCRIPT_VARIANTS) expect(counts[v]).toBeGreaterThanOrEqual(1);
    for (const v of NEGATIVE_VARIANTS) expect(counts[v]).toBeGreaterThanOrEqual(1);
  });

  it('sizes the roster at about a fifth of the records plus the negatives', () => {
    const counts = variantCounts(300);
    const positives = POSITIVE_VARIANTS.reduce((s, v) => s + counts[v], 0);
    const negatives = NEGATIVE_VARIANTS.reduce((s, v) => s + counts[v], 0);
    expect(positives / 300).toBeGreaterThanOrEqual(0.2);
    expect(positives / 300).toBeLessThanOrEqual(0.25);
    expect(negatives).toBeGreaterThanOrEqual(6);
  });

  describe.each(SAMPLES)('%s', (_label, sample) => {
    it('writes the fixed columns on every row', () => {
      expect(sample.disclosureColumns).toEqual([...DISCLOSURE_COLUMNS]);
      expect(sample.disclosureColumns).toHaveLength(12);
      expect(sample.rosterColumns).toEqual(['Client First Name', 'Client Last Name', 'DOB', 'A#', 'Country', 'Case Number', 'Intake Notes']);
      expect(sample.rosterColumns).toEqual([...ROSTER_COLUMNS]);
      for (const row of sample.disclosure) expect(Object.keys(row)).toEqual(sample.disclosureColumns);
      for (const row of sample.roster) expect(Object.keys(row)).toEqual(sample.rosterColumns);
    });

    it('writes disclosure records the agency way, A-numbers and (name, date of birth) unique', () => {
      const aNumbers = sample.disclosure.map((d) => digits(cell(d, 'A-Number')));
      expect(new Set(aNumbers).size).toBe(sample.disclosure.length);
      const people = sample.disclosure.map((d) => `${fold(cell(d, 'Name'))}|${cell(d, 'Date of Birth')}`);
      expect(new Set(people).size).toBe(sample.disclosure.length);
      for (const d of sample.disclosure) {
        expect(cell(d, 'Name')).toMatch(/^[^,a-z]+, [^,a-z]+$/u);
        expect(cell(d, 'Date of Birth')).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
        expect(cell(d, 'Book-In Date')).toMatch(/^\d{2}\/\d{2}\/202[34]$/);
        const year = Number(mdyToIso(cell(d, 'Date of Birth')).slice(0, 4));
        expect(year).toBeGreaterThanOrEqual(MIN_BIRTH_YEAR);
        expect(year).toBeLessThanOrEqual(MAX_BIRTH_YEAR);
        expect(cell(d, 'A-Number')).toMatch(/^(A\d{9}|\d{3}-\d{3}-\d{3}|\d{8}|A-\d{3}-\d{3}-\d{3})$/);
        expect(['Male', 'Female']).toContain(cell(d, 'Gender'));
      }
      const placeholders = sample.disclosure.filter((d) => cell(d, 'Date of Birth').startsWith('01/01/')).length;
      expect(placeholders / sample.disclosure.length).toBeGreaterThanOrEqual(0.06);
      expect(placeholders / sample.disclosure.length).toBeLessThanOrEqual(0.11);
    });

    it('has one truth entry per roster row, in order', () => {
      expect(sample.truth.map((t) => t.rosterRow)).toEqual(sample.roster.map((_, i) => i + 1));
      for (const t of sample.truth) {
        expect(t.disclosureRow === null).toBe((NEGATIVE_VARIANTS as readonly Variant[]).includes(t.variant));
        if (t.disclosureRow !== null) {
          expect(t.disclosureRow).toBeGreaterThanOrEqual(1);
          expect(t.disclosureRow).toBeLessThanOrEqual(sample.disclosure.length);
        }
      }
      const listed = sample.truth.flatMap((t) => (t.disclosureRow === null ? [] : [t.disclosureRow]));
      expect(new Set(listed).size).toBe(listed.length);
    });

    it('points every listed roster row at the disclosure person it names', () => {
      for (const { entry, r, d } of resolve(sample)) {
        if (!d) continue;
        const { family, given } = splitName(cell(d, 'Name'));
        const dob = mdyToIso(cell(d, 'Date of Birth'));
        const first = cell(r, 'Client First Name');
        const last = cell(r, 'Client Last Name');
        const an = cell(r, 'A#');
        const context = `${entry.variant} at roster row ${entry.rosterRow}`;
        const sameName = first.toUpperCase() === given && last.toUpperCase() === family;
        expect([context, cell(r, 'Country')]).toEqual([context, cell(d, 'Country of Citizenship')]);
        if (!['exact', 'a-number-and-name-only', 'a-number-other-format'].includes(entry.variant)) expect([context, an]).toEqual([context, '']);

        switch (entry.variant) {
          case 'exact':
            expect([context, sameName, cell(r, 'DOB')]).toEqual([context, true, dob]);
            expect(['', cell(d, 'A-Number')]).toContain(an);
            break;
          case 'case-and-accents':
            expect([context, fold(first), fold(last), cell(r, 'DOB')]).toEqual([context, fold(given), fold(family), dob]);
            expect(sameName).toBe(false);
            // Accents written where the agency stripped them, or stripped where it kept them.
            expect(accented(`${first} ${last}`)).not.toBe(accented(`${given} ${family}`));
            expect([`${first} ${last}`.toLowerCase(), `${first} ${last}`.toUpperCase()]).toContain(`${first} ${last}`);
            break;
          case 'reordered-name':
            expect([context, first.toUpperCase(), last.toUpperCase(), cell(r, 'DOB')]).toEqual([context, family, given, dob]);
            break;
          case 'dropped-second-surname':
            expect(first.toUpperCase()).toBe(given);
            expect(family.startsWith(`${last.toUpperCase()} `)).toBe(true);
            expect(cell(r, 'DOB')).toBe(dob);
            break;
          case 'dropped-middle-name':
            expect(last.toUpperCase()).toBe(family);
            expect(given.startsWith(`${first.toUpperCase()} `)).toBe(true);
            expect(cell(r, 'DOB')).toBe(dob);
            break;
          case 'day-month-swapped': {
            expect([context, sameName]).toEqual([context, true]);
            const [y, m, dd] = dob.split('-');
            expect(Number(dd)).toBeLessThanOrEqual(12);
            expect(dd).not.toBe(m);
            expect(cell(r, 'DOB')).toBe(`${y}-${dd}-${m}`);
            break;
          }
          case 'cyrillic-script':
            expect(first).toMatch(/^[\p{Script=Cyrillic} ]+$/u);
            expect(last).toMatch(/^[\p{Script=Cyrillic} ]+$/u);
            expect([anyAscii(first).toUpperCase(), anyAscii(last).toUpperCase()]).toEqual([given, family]);
            expect(cell(r, 'DOB')).toBe(dob);
            break;
          case 'arabic-script':
            expect(first).toMatch(/^[\p{Script=Arabic} ]+$/u);
            expect(last).toMatch(/^[\p{Script=Arabic} ]+$/u);
            expect([skeleton(anyAscii(first)), skeleton(anyAscii(last))]).toEqual([skeleton(given), skeleton(family)]);
            expect(cell(r, 'DOB')).toBe(dob);
            break;
          case 'chinese-characters':
            expect(first).toMatch(/^\p{Script=Han}+$/u);
            expect(last).toMatch(/^\p{Script=Han}+$/u);
            expect([hanToPinyin(first, 'given').toUpperCase(), hanToPinyin(last, 'family').toUpperCase()]).toEqual([given, family]);
            expect(cell(r, 'DOB')).toBe(dob);
            break;
          case 'hyphen-dropped':
            expect(`${given} ${family}`).toContain('-');
            expect(`${first} ${last}`).not.toContain('-');
            expect([first.toUpperCase(), last.toUpperCase()]).toEqual([given.replace(/-/g, ' '), family.replace(/-/g, ' ')]);
            expect(cell(r, 'DOB')).toBe(dob);
            break;
          case 'a-number-and-name-only':
            expect([context, sameName, cell(r, 'DOB')]).toEqual([context, true, '']);
            expect(digits(an)).toBe(digits(cell(d, 'A-Number')));
            break;
          case 'a-number-other-format':
            expect([context, sameName, cell(r, 'DOB')]).toEqual([context, true, dob]);
            expect(an).not.toBe(cell(d, 'A-Number'));
            expect(digits(an)).toBe(digits(cell(d, 'A-Number')));
            break;
          default:
            throw new Error(`unexpected listed variant ${entry.variant}`);
        }
      }
    });

    it('never puts a listed person on the roster as a negative', () => {
      const byNameDob = new Set(
        sample.disclosure.map((d) => {
          const { family, given } = splitName(cell(d, 'Name'));
          return `${nameKey(given, family)}|${mdyToIso(cell(d, 'Date of Birth'))}`;
        }),
      );
      const aNumbers = new Set(sample.disclosure.map((d) => digits(cell(d, 'A-Number'))));
      for (const { entry, r, d } of resolve(sample)) {
        if (d) continue;
        const first = cell(r, 'Client First Name');
        const last = cell(r, 'Client Last Name');
        expect(byNameDob.has(`${nameKey(first, last)}|${cell(r, 'DOB')}`)).toBe(false);
        if (cell(r, 'A#')) expect(aNumbers.has(digits(cell(r, 'A#')))).toBe(false);
        expect(cell(r, 'DOB')).toMatch(/^\d{4}-\d{2}-\d{2}$/);

        const dYear = (row: DisclosureRow) => Number(mdyToIso(cell(row, 'Date of Birth')).slice(0, 4));
        const rYear = Number(cell(r, 'DOB').slice(0, 4));
        if (entry.variant === 'same-name-other-dob') {
          const namesakes = sample.disclosure.filter((x) => {
            const n = splitName(cell(x, 'Name'));
            return fold(n.given) === fold(first) && fold(n.family) === fold(last);
          });
          expect(namesakes.length).toBeGreaterThanOrEqual(1);
          for (const x of namesakes) expect(Math.abs(dYear(x) - rYear)).toBeGreaterThanOrEqual(2);
        }
        if (entry.variant === 'sibling-same-surname-and-dob') {
          const twins = sample.disclosure.filter(
            (x) => fold(splitName(cell(x, 'Name')).family) === fold(last) && mdyToIso(cell(x, 'Date of Birth')) === cell(r, 'DOB'),
          );
          expect(twins.length).toBeGreaterThanOrEqual(1);
          for (const x of twins) {
            const firstGiven = (s: string) => fold(s).split(/[\s-]+/)[0];
            expect(firstGiven(splitName(cell(x, 'Name')).given)).not.toBe(firstGiven(first));
          }
        }
      }
    });

    it('writes the roster the intake way', () => {
      for (const r of sample.roster) {
        expect(cell(r, 'DOB')).toMatch(/^(\d{4}-\d{2}-\d{2})?$/);
        expect(cell(r, 'Client First Name')).not.toBe('');
        expect(cell(r, 'Client Last Name')).not.toBe('');
        expect(cell(r, 'Case Number')).toMatch(/^IM-24-\d{5}$/);
      }
      expect(new Set(sample.roster.map((r) => cell(r, 'Case Number'))).size).toBe(sample.roster.length);
    });

    it('has formula-like intake notes to neutralise, and mostly empty ones', () => {
      const notes = sample.roster.map((r) => cell(r, 'Intake Notes'));
      for (const lead of ['=', '+', '-', '@']) expect(notes.some((n) => n.startsWith(lead))).toBe(true);
      if (sample.roster.length >= 40) expect(notes.filter((n) => n === '').length / notes.length).toBeGreaterThan(0.7);
    });
  });

  it('writes A-numbers in each agency style, and other styles on the roster', () => {
    const { disclosure, roster } = generateSample({ records: 300 });
    const styles = [/^A\d{9}$/, /^\d{3}-\d{3}-\d{3}$/, /^\d{8}$/, /^A-\d{3}-\d{3}-\d{3}$/];
    for (const style of styles) expect(disclosure.some((d) => style.test(cell(d, 'A-Number')))).toBe(true);
    expect(roster.some((r) => /^A# \d{3} \d{3} \d{3}$|^\d{9}$/.test(cell(r, 'A#')))).toBe(true);
  });

  it('keeps accents on some disclosure names and strips them on others', () => {
    const { disclosure } = generateSample({ records: 300 });
    const names = disclosure.map((d) => cell(d, 'Name'));
    expect(names.some((n) => /[ÁÉÍÓÚÑÃÇÊÔỄĐẦ]/u.test(n))).toBe(true);
    // Spanish names that normally carry an accent, written without one.
    expect(names.some((n) => /\b(GARCIA|LOPEZ|HERNANDEZ|MARTINEZ|GONZALEZ|RODRIGUEZ|PEREZ|SANCHEZ|RAMIREZ)\b/.test(n))).toBe(true);
  });
});

describe('name pools', () => {
  const allParts = CULTURES.flatMap((c) =>
    [c.given.F, c.given.M, c.family.F, c.family.M, c.middle?.F ?? [], c.middle?.M ?? []].flatMap((parts) =>
      parts.map((p: NamePart) => ({ culture: c, part: p, family: c.family.F.includes(p) || c.family.M.includes(p) })),
    ),
  );

  it('gives every culture a nationality and enough names', () => {
    for (const c of CULTURES) {
      expect(c.nationalities.length).toBeGreaterThan(0);
      expect(c.given.F.length + c.given.M.length).toBeGreaterThanOrEqual(10);
      expect(c.family.M.length).toBeGreaterThanOrEqual(5);
    }
  });

  it('writes Cyrillic names exactly as any-ascii reads them', () => {
    const pairs = allParts.filter(({ culture }) => culture.script === 'cyrillic').flatMap(({ part }) => (part.native ? [part] : []));
    expect(pairs.length).toBeGreaterThan(40);
    for (const p of pairs) expect([p.native, anyAscii(p.native as string).toLowerCase()]).toEqual([p.native, p.latin.toLowerCase()]);
  });

  it('writes Arabic-script names whose letters match the Latin consonants', () => {
    const pairs = allParts.filter(({ culture }) => culture.script === 'arabic').flatMap(({ part }) => (part.native ? [part] : []));
    expect(pairs.length).toBeGreaterThan(40);
    for (const p of pairs) {
      expect(p.native).toMatch(/^\p{Script=Arabic}+$/u);
      expect([p.latin, skeleton(anyAscii(p.native as string))]).toEqual([p.latin, skeleton(p.latin)]);
    }
  });

  it('writes Chinese names as the Pinyin of their characters', () => {
    const parts = allParts.filter(({ culture }) => culture.script === 'han');
    for (const { part, family } of parts) {
      expect(part.native).toMatch(/^\p{Script=Han}+$/u);
      expect(hanToPinyin(part.native as string, family ? 'family' : 'given')).toBe(part.latin.toLowerCase());
    }
  });

  it('gives native forms only in cultures with a script', () => {
    for (const { culture, part } of allParts) if (!culture.script) expect(part.native).toBeUndefined();
  });
});
