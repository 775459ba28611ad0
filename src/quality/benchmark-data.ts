/**
 * Ground-truth data for the matching benchmark (issue 5): an agency-style disclosure and an
 * intake-style client roster, with the truth about every roster row. Every person is an invented
 * combination of common names from src/sample/names.ts and ./names-extra; nothing here comes from,
 * or is compared with, a real list of people.
 *
 * Deterministic: the same options give the same benchmark. Randomness comes only from mulberry32.
 *
 * Roster conventions, so the benchmark measures names and dates rather than A-numbers: only the
 * `a-number-and-name` rows carry an A-number; every other row has the A# cell empty. A "one cell"
 * name is written whole into the first-name column with the last-name column left empty, as intake
 * staff do when a system has one name box.
 */
import { CULTURES, FACILITIES, culture as cultureById, type Culture, type CultureId, type Gender, type NamePart } from '../sample/names';
import { Random, stripAccents } from '../sample/generate';
import { nameTokens } from '../matching/normalize';
import { COMMON_NAMES, otherSpellings, spellingCanonical } from './names-extra';

export const POSITIVE_KINDS = [
  'exact',
  'family-first-one-cell',
  'given-first-one-cell',
  'dropped-second-surname',
  'dropped-middle-name',
  'diacritics-and-case',
  'hyphens-and-particles',
  'transliteration',
  'cyrillic-script',
  'arabic-script',
  'chinese-characters',
  'day-month-swapped',
  'placeholder-dob',
  'placeholder-year-off',
  'name-typo',
  'dob-digit-typo',
  'a-number-and-name',
  'combined',
] as const;
export type PositiveKind = (typeof POSITIVE_KINDS)[number];

export const NEGATIVE_KINDS = [
  'not-listed',
  'same-name-other-dob',
  'sibling-same-surname-and-dob',
  'same-given-and-dob-other-family',
  'transliteration-other-dob',
  'common-name',
] as const;
export type NegativeKind = (typeof NEGATIVE_KINDS)[number];
export type Kind = PositiveKind | NegativeKind;

/** Kinds where a plaintext Latin-alphabet comparison cannot work at all. */
export const SCRIPT_KINDS: readonly PositiveKind[] = ['cyrillic-script', 'arabic-script', 'chinese-characters'];

export const BENCH_DISCLOSURE_COLUMNS = [
  'Name', 'Date of Birth', 'A-Number', 'Country of Citizenship', 'Gender', 'Detention Facility', 'Facility State', 'Book-In Date', 'Case Status', 'Fear Screening',
] as const;
export const BENCH_ROSTER_COLUMNS = ['Client First Name', 'Client Last Name', 'DOB', 'A#', 'Country', 'Case Number'] as const;

export const DEFAULT_BENCH_RECORDS = 6252;
export const DEFAULT_BENCH_SEED = 5;
export const DEFAULT_PER_KIND = 60;
export const DEFAULT_NEGATIVES_PER_KIND = 150;
/** Share of disclosure records whose date of birth is a 1 January placeholder. */
export const PLACEHOLDER_SHARE = 0.08;

export interface BenchTruth {
  /** 1-based data row of roster.csv (header excluded). */
  rosterRow: number;
  kind: Kind;
  positive: boolean;
  /** 1-based data row of the disclosure the roster row names, or null for negatives. */
  disclosureRow: number | null;
  /** For `combined`: the two changes applied. */
  changes?: PositiveKind[];
}

export interface Benchmark {
  seed: number;
  disclosureColumns: string[];
  disclosure: Array<Record<string, string>>;
  rosterColumns: string[];
  roster: Array<Record<string, string>>;
  truth: BenchTruth[];
  /** Kinds that got fewer rows than asked for, because too few listed people fit them. */
  shortfalls: Partial<Record<Kind, number>>;
}

export interface BenchmarkOptions {
  records: number;
  seed?: number;
  perKind?: number;
  negativesPerKind?: number;
}

// ---------------------------------------------------------------------------------------------------
// Randomness, dates


export interface Ymd {
  year: number;
  month: number;
  day: number;
}

const pad2 = (n: number) => String(n).padStart(2, '0');
const daysInMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
export const mdy = (d: Ymd) => `${pad2(d.month)}/${pad2(d.day)}/${d.year}`;
export const iso = (d: Ymd) => `${d.year}-${pad2(d.month)}-${pad2(d.day)}`;
const isJan1 = (d: Ymd) => d.month === 1 && d.day === 1;
const sameDate = (a: Ymd, b: Ymd) => a.year === b.year && a.month === b.month && a.day === b.day;
const validYmd = (d: Ymd) => d.month >= 1 && d.month <= 12 && d.day >= 1 && d.day <= daysInMonth(d.year, d.month) && d.year >= 1940 && d.year <= 2010;

/**
 * Whether two dates of birth could be written for one person by the differences the design lists:
 * equal, day and month swapped, a 1 January placeholder of the same year, or two placeholders a year
 * apart. Negatives must not be compatible with a listed person of the same name.
 */
export function datesCompatible(a: Ymd, b: Ymd): boolean {
  if (sameDate(a, b)) return true;
  if (a.year === b.year && a.month === b.day && a.day === b.month) return true;
  if (a.year === b.year && (isJan1(a) || isJan1(b))) return true;
  return isJan1(a) && isJan1(b) && Math.abs(a.year - b.year) <= 1;
}

function drawDob(rng: Random): Ymd {
  const year = rng.chance(0.75) ? 1975 + Math.floor(((rng.float() + rng.float() + rng.float()) / 3) * 34) : rng.between(1955, 2008);
  for (;;) {
    const month = rng.between(1, 12);
    const d = { year, month, day: rng.between(1, daysInMonth(year, month)) };
    if (!isJan1(d)) return d;
  }
}

// ---------------------------------------------------------------------------------------------------
// A-numbers

type AStyle = 'A9' | 'dashed' | 'A-dashed' | 'eight' | 'plain9' | 'A#-spaced';
const AGENCY_A_STYLES: readonly AStyle[] = ['A9', 'dashed', 'eight', 'A-dashed'];
const INTAKE_A_STYLES: readonly AStyle[] = ['A9', 'dashed', 'A-dashed', 'plain9', 'A#-spaced', 'eight'];

function writeANumber(digits: string, style: AStyle): string {
  const [a, b, c] = [digits.slice(0, 3), digits.slice(3, 6), digits.slice(6)];
  switch (style) {
    case 'A9': return `A${digits}`;
    case 'dashed': return `${a}-${b}-${c}`;
    case 'A-dashed': return `A-${a}-${b}-${c}`;
    case 'eight': return digits.slice(1);
    case 'plain9': return digits;
    case 'A#-spaced': return `A# ${a} ${b} ${c}`;
  }
}
const stylesFor = (digits: string, styles: readonly AStyle[]) => styles.filter((s) => s !== 'eight' || digits.startsWith('0'));

// ---------------------------------------------------------------------------------------------------
// People

interface Person {
  culture: Culture;
  gender: Gender;
  given: NamePart[];
  family: NamePart[];
  /** The real date of birth (never 1 January). */
  dob: Ymd;
  /** What the agency wrote: the real date, or 1 January of its year for a placeholder. */
  listedDob: Ymd;
  placeholder: boolean;
  aNumber: string;
  nationality: string;
}

interface ListedRecord {
  person: Person;
  /** 1-based disclosure data row. */
  row: number;
  accents: boolean;
  aStyle: AStyle;
}

const lat = (s: string): NamePart => ({ latin: s });
const render = (parts: readonly string[], accents: boolean) => (accents ? parts.join(' ') : stripAccents(parts.join(' ')));
const partsLatin = (parts: readonly NamePart[]) => parts.map((p) => p.latin);
const words = (parts: readonly string[]) => parts.join(' ').split(/\s+/).filter(Boolean);

/** The benchmark's own normalised name: sorted nameTokens of the whole name. */
export function normalisedName(text: string): string {
  return [...nameTokens(text)].sort().join(' ');
}
/** Name words in canonical spelling (see names-extra), as a set. */
export function looseWords(text: string): Set<string> {
  return new Set(nameTokens(text).map(spellingCanonical));
}
const isSubset = (a: Set<string>, b: Set<string>) => [...a].every((w) => b.has(w));
const personName = (p: Pick<Person, 'given' | 'family'>) => normalisedName([...partsLatin(p.given), ...partsLatin(p.family)].join(' '));

function weightedCulture(rng: Random): Culture {
  const total = CULTURES.reduce((s, c) => s + c.weight, 0);
  let r = rng.float() * total;
  for (const c of CULTURES) {
    r -= c.weight;
    if (r < 0) return c;
  }
  return CULTURES[CULTURES.length - 1] as Culture;
}

function drawName(rng: Random, c: Culture, gender: Gender, nativeOnly: boolean): Pick<Person, 'given' | 'family'> {
  const usable = (parts: readonly NamePart[]) => (nativeOnly ? parts.filter((p) => p.native) : parts);
  const other = (parts: readonly NamePart[], taken: readonly NamePart[]) => rng.pick(parts.filter((p) => !taken.some((t) => t.latin === p.latin)));
  switch (c.pattern) {
    case 'vietnamese':
      return { given: [rng.pick(c.middle?.[gender] ?? []), rng.pick(c.given[gender])], family: [rng.pick(c.family[gender])] };
    case 'sikh': {
      const first = rng.pick(c.given[gender]);
      const sk = rng.pick(c.middle?.[gender] ?? []);
      const r = rng.float();
      if (r < 0.45) return { given: [first], family: [sk] };
      if (r < 0.75) return { given: [first, sk], family: [rng.pick(c.family[gender])] };
      return { given: [first], family: [rng.pick(c.family[gender])] };
    }
    case 'western': {
      const given = [rng.pick(usable(c.given[gender]))];
      if (!nativeOnly && rng.chance(Math.max(c.secondGivenChance, 0.15))) given.push(other(c.middle?.[gender] ?? c.given[gender], given));
      const family = [rng.pick(usable(c.family[gender]))];
      if (!nativeOnly && rng.chance(c.secondFamilyChance)) family.push(other(c.family[gender], family));
      return { given, family };
    }
  }
}

const COMMON_CULTURE: Record<string, CultureId> = {
  Singh: 'punjabi', Kaur: 'punjabi', Nguyen: 'vietnamese', Tran: 'vietnamese', Ahmed: 'arabic', Ali: 'arabic', Mohammed: 'arabic',
  Hassan: 'arabic', Ahmadi: 'persian', García: 'spanish', Hernández: 'spanish', López: 'spanish', Martínez: 'spanish',
  Diallo: 'west-african', Bah: 'west-african', Zhang: 'chinese', Wang: 'chinese', Joseph: 'haitian', Pierre: 'haitian',
};

function commonPerson(rng: Random): Pick<Person, 'culture' | 'given' | 'family'> {
  const [g, f] = rng.pick(COMMON_NAMES);
  return { culture: cultureById(COMMON_CULTURE[f] ?? 'spanish'), given: [lat(g)], family: [lat(f)] };
}

function drawPerson(rng: Random, aNumbers: Set<string>, opts: { common?: boolean } = {}): Person {
  let c = weightedCulture(rng);
  const gender: Gender = rng.chance(0.55) ? 'M' : 'F';
  let name: Pick<Person, 'given' | 'family'>;
  if (opts.common || rng.chance(0.12)) {
    const cp = commonPerson(rng);
    c = cp.culture;
    name = cp;
  } else {
    name = drawName(rng, c, gender, c.script !== undefined && rng.chance(0.4));
    // Listed people carry the whole spread of a spelling family, not only the pool's spelling.
    if (!name.given.every((p) => p.native) && rng.chance(0.3)) {
      name.given = name.given.map((p) => {
        const alt = otherSpellings(p.latin);
        return alt.length > 0 ? lat(rng.pick(alt)) : p;
      });
    }
  }
  const dob = drawDob(rng);
  const placeholder = rng.chance(PLACEHOLDER_SHARE);
  let aNumber: string;
  do aNumber = String(rng.between(0, 299_999_999)).padStart(9, '0');
  while (aNumbers.has(aNumber));
  aNumbers.add(aNumber);
  return {
    culture: c,
    gender,
    ...name,
    dob,
    listedDob: placeholder ? { year: dob.year, month: 1, day: 1 } : dob,
    placeholder,
    aNumber,
    nationality: rng.pick(c.nationalities),
  };
}

// ---------------------------------------------------------------------------------------------------
// Roster drafts and the changes applied to them

interface Draft {
  given: string[];
  family: string[];
  layout: 'split' | 'family-first' | 'given-first';
  letterCase: 'as-written' | 'lower' | 'upper';
  dob: Ymd | null;
  aNumber: string;
}

interface Change {
  applies(r: ListedRecord): boolean;
  apply(d: Draft, r: ListedRecord, rng: Random): void;
}

const PARTICLE_WORDS = new Set(['de', 'del', 'la', 'las', 'los', 'da', 'das', 'do', 'dos', 'du']);
const hasParticleOrHyphen = (parts: readonly string[]) => parts.some((p) => p.includes('-') || p.split(' ').some((w) => PARTICLE_WORDS.has(w.toLowerCase())));

function joinParticles(part: string, rng: Random): string {
  if (part.includes('-')) {
    // Al-Hassan → Alhassan or Al Hassan; Jean-Baptiste → Jean Baptiste.
    if (/^(Al|El)-/i.test(part)) return rng.chance(0.5) ? part.replace('-', ' ') : part.slice(0, 2) + part.slice(3).toLowerCase();
    return rng.chance(0.8) ? part.replace(/-/g, ' ') : part.replace(/-(\p{L})/gu, (_m, ch: string) => ch.toLowerCase());
  }
  const ws = part.split(' ');
  if (!ws.some((w) => PARTICLE_WORDS.has(w.toLowerCase()))) return part;
  // de la Cruz → Delacruz, dos Santos → Dossantos.
  const joined = ws.map((w) => w.toLowerCase()).join('');
  return joined.charAt(0).toUpperCase() + joined.slice(1);
}

function typoWord(w: string, rng: Random): string {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const i = rng.between(1, w.length - 1);
  const op = rng.int(3);
  if (op === 0) {
    let ch: string;
    do ch = rng.pick([...letters]);
    while (ch === w.charAt(i).toLowerCase());
    return w.slice(0, i) + ch + w.slice(i + 1);
  }
  if (op === 1 || i >= w.length - 1 || w.charAt(i) === w.charAt(i + 1)) return w.slice(0, i) + w.slice(i + 1);
  return w.slice(0, i) + w.charAt(i + 1) + w.charAt(i) + w.slice(i + 2);
}

const typoable = (w: string) => /^\p{L}{4,}$/u.test(w);

function swapped(d: Ymd): Ymd {
  return { year: d.year, month: d.day, day: d.month };
}

const CHANGES: Record<Exclude<PositiveKind, 'combined'>, Change> = {
  exact: { applies: () => true, apply: () => undefined },
  'family-first-one-cell': { applies: () => true, apply: (d) => void (d.layout = 'family-first') },
  'given-first-one-cell': { applies: () => true, apply: (d) => void (d.layout = 'given-first') },
  'dropped-second-surname': {
    applies: (r) => r.person.family.length >= 2,
    apply: (d) => void (d.family = d.family.slice(0, 1)),
  },
  'dropped-middle-name': {
    applies: (r) => words(partsLatin(r.person.given)).length >= 2,
    apply: (d) => {
      const ws = words(d.given);
      ws.splice(1, 1);
      d.given = ws;
    },
  },
  'diacritics-and-case': {
    applies: (r) => stripAccents([...partsLatin(r.person.given), ...partsLatin(r.person.family)].join(' ')) !== [...partsLatin(r.person.given), ...partsLatin(r.person.family)].join(' '),
    apply: (d, r, rng) => {
      // The agency wrote the name with or without accents; intake writes it the other way, in another case.
      d.given = partsLatin(r.person.given).map((p) => (r.accents ? stripAccents(p) : p));
      d.family = partsLatin(r.person.family).map((p) => (r.accents ? stripAccents(p) : p));
      d.letterCase = rng.chance(0.5) ? 'lower' : 'upper';
    },
  },
  'hyphens-and-particles': {
    applies: (r) => hasParticleOrHyphen([...partsLatin(r.person.given), ...partsLatin(r.person.family)]),
    apply: (d, _r, rng) => {
      d.given = d.given.map((p) => joinParticles(p, rng));
      d.family = d.family.map((p) => joinParticles(p, rng));
    },
  },
  transliteration: {
    applies: (r) => [...partsLatin(r.person.given), ...partsLatin(r.person.family)].some((p) => p.split(' ').some((w) => otherSpellings(w).length > 0)),
    apply: (d, _r, rng) => {
      let done = false;
      const swap = (p: string) =>
        p
          .split(' ')
          .map((w) => {
            const alt = otherSpellings(w);
            if (done || alt.length === 0) return w;
            done = true;
            return rng.pick(alt);
          })
          .join(' ');
      d.given = d.given.map(swap);
      d.family = d.family.map(swap);
    },
  },
  'cyrillic-script': scriptChange('cyrillic'),
  'arabic-script': scriptChange('arabic'),
  'chinese-characters': scriptChange('han'),
  'day-month-swapped': {
    applies: (r) => !r.person.placeholder && r.person.dob.day <= 12 && r.person.dob.day !== r.person.dob.month,
    apply: (d, r) => void (d.dob = swapped(r.person.dob)),
  },
  'placeholder-dob': { applies: (r) => r.person.placeholder, apply: (d, r) => void (d.dob = r.person.dob) },
  'placeholder-year-off': {
    applies: (r) => r.person.placeholder,
    apply: (d, r, rng) => void (d.dob = { year: r.person.listedDob.year + (rng.chance(0.5) ? 1 : -1), month: 1, day: 1 }),
  },
  'name-typo': {
    applies: (r) => words([...partsLatin(r.person.given), ...partsLatin(r.person.family)]).some(typoable),
    apply: (d, _r, rng) => {
      const all = [...d.given.map((p, i) => ({ side: 'given' as const, i, p })), ...d.family.map((p, i) => ({ side: 'family' as const, i, p }))];
      const cands = all.flatMap((x) => x.p.split(' ').map((w, wi) => ({ ...x, w, wi }))).filter((x) => typoable(x.w));
      if (cands.length === 0) return;
      const t = rng.pick(cands);
      const ws = t.p.split(' ');
      ws[t.wi] = typoWord(t.w, rng);
      (t.side === 'given' ? d.given : d.family)[t.i] = ws.join(' ');
    },
  },
  'dob-digit-typo': {
    applies: (r) => !r.person.placeholder,
    apply: (d, r, rng) => {
      const orig = r.person.dob;
      const digits = `${orig.year}${pad2(orig.month)}${pad2(orig.day)}`;
      for (let tries = 0; tries < 200; tries++) {
        const i = rng.int(8);
        const nd = String((Number(digits[i]) + rng.between(1, 9)) % 10);
        const s = digits.slice(0, i) + nd + digits.slice(i + 1);
        const c = { year: Number(s.slice(0, 4)), month: Number(s.slice(4, 6)), day: Number(s.slice(6, 8)) };
        if (validYmd(c) && !datesCompatible(c, orig)) {
          d.dob = c;
          return;
        }
      }
    },
  },
  'a-number-and-name': {
    applies: () => true,
    apply: (d, r, rng) => {
      d.dob = null;
      d.aNumber = writeANumber(r.person.aNumber, rng.pick(stylesFor(r.person.aNumber, INTAKE_A_STYLES).filter((s) => s !== r.aStyle)));
      d.given = words(d.given).slice(0, 1);
    },
  },
};

function scriptChange(script: 'cyrillic' | 'arabic' | 'han'): Change {
  return {
    applies: (r) => r.person.culture.script === script && [...r.person.given, ...r.person.family].every((p) => p.native),
    apply: (d, r) => {
      d.given = r.person.given.map((p) => p.native ?? p.latin);
      d.family = r.person.family.map((p) => p.native ?? p.latin);
    },
  };
}

/** Changes that `combined` draws two of, in the order they are applied. */
const COMBINABLE: ReadonlyArray<Exclude<PositiveKind, 'combined'>> = [
  'diacritics-and-case', 'hyphens-and-particles', 'transliteration', 'dropped-second-surname', 'dropped-middle-name', 'name-typo',
  'family-first-one-cell', 'given-first-one-cell', 'day-month-swapped', 'placeholder-dob', 'placeholder-year-off', 'dob-digit-typo',
];
const GROUPS: ReadonlyArray<ReadonlySet<string>> = [
  new Set(['family-first-one-cell', 'given-first-one-cell']),
  new Set(['day-month-swapped', 'placeholder-dob', 'placeholder-year-off', 'dob-digit-typo']),
  new Set(['transliteration', 'name-typo', 'diacritics-and-case']),
];
const compatible = (a: string, b: string) => a !== b && !GROUPS.some((g) => g.has(a) && g.has(b));

function baseDraft(r: ListedRecord): Draft {
  return {
    given: partsLatin(r.person.given).map((p) => (r.accents ? p : stripAccents(p))),
    family: partsLatin(r.person.family).map((p) => (r.accents ? p : stripAccents(p))),
    layout: 'split',
    letterCase: 'as-written',
    dob: r.person.listedDob,
    aNumber: '',
  };
}

// ---------------------------------------------------------------------------------------------------
// The benchmark

export function generateBenchmark(opts: BenchmarkOptions): Benchmark {
  if (!Number.isInteger(opts.records) || opts.records < 200) throw new Error('generateBenchmark: records must be an integer of at least 200');
  const seed = opts.seed ?? DEFAULT_BENCH_SEED;
  const perKind = opts.perKind ?? DEFAULT_PER_KIND;
  const negativesPerKind = opts.negativesPerKind ?? DEFAULT_NEGATIVES_PER_KIND;
  const rng = new Random(seed);
  const aNumbers = new Set<string>();

  // The disclosure.
  const listed: ListedRecord[] = [];
  const byName = new Map<string, Ymd[]>();
  const disclosure: Array<Record<string, string>> = [];
  while (listed.length < opts.records) {
    const person = drawPerson(rng, aNumbers);
    const key = personName(person);
    if ((byName.get(key) ?? []).some((d) => datesCompatible(d, person.listedDob))) continue; // keep listed people distinguishable
    byName.set(key, [...(byName.get(key) ?? []), person.listedDob]);
    const accents = rng.chance(0.5);
    const aStyle = rng.pick(stylesFor(person.aNumber, AGENCY_A_STYLES));
    const rec: ListedRecord = { person, row: listed.length + 1, accents, aStyle };
    listed.push(rec);
    const facility = rng.pick(FACILITIES);
    const bookIn = { year: rng.between(2023, 2024), month: rng.between(1, 12), day: rng.between(1, 28) };
    disclosure.push({
      Name: `${render(partsLatin(person.family), accents)}, ${render(partsLatin(person.given), accents)}`.toUpperCase(),
      'Date of Birth': mdy(person.listedDob),
      'A-Number': writeANumber(person.aNumber, aStyle),
      'Country of Citizenship': person.nationality,
      Gender: person.gender === 'M' ? 'Male' : 'Female',
      'Detention Facility': facility.name,
      'Facility State': facility.state,
      'Book-In Date': mdy(bookIn),
      'Case Status': rng.pick(['Pending EOIR Hearing', 'Awaiting Credible Fear Interview', 'Bond Set', 'Final Order of Removal']),
      'Fear Screening': rng.pick(['Positive', 'Pending', 'Negative', 'Not Applicable']),
    });
  }

  // Loose view of every listed person, for keeping negatives honest: name words in canonical
  // spelling, by year of the listed date of birth.
  const looseByYear = new Map<number, Array<{ words: Set<string>; dob: Ymd }>>();
  for (const r of listed) {
    const entry = { words: looseWords([...partsLatin(r.person.given), ...partsLatin(r.person.family)].join(' ')), dob: r.person.listedDob };
    looseByYear.set(entry.dob.year, [...(looseByYear.get(entry.dob.year) ?? []), entry]);
  }
  /**
   * True when the row could name a listed person by the benchmark's own positive kinds: a listed
   * person with a compatible date of birth whose name words, in canonical spelling, equal the row's
   * or contain them or are contained in them (a dropped surname or middle name).
   */
  const isListed = (name: string, dob: Ymd, words: Set<string>) => {
    if ((byName.get(name) ?? []).some((d) => datesCompatible(d, dob))) return true;
    const near = [dob.year - 1, dob.year, dob.year + 1].flatMap((y) => looseByYear.get(y) ?? []);
    return near.some((e) => datesCompatible(e.dob, dob) && (isSubset(words, e.words) || isSubset(e.words, words)));
  };

  const rows: Array<{ draft: Draft; truth: Omit<BenchTruth, 'rosterRow'>; country: string }> = [];
  const shortfalls: Partial<Record<Kind, number>> = {};
  const used = new Set<number>();

  /** A listed record not yet used on the roster that `ok` accepts, or null. */
  const pickListed = (ok: (r: ListedRecord) => boolean): ListedRecord | null => {
    for (let tries = 0; tries < 400; tries++) {
      const r = rng.pick(listed);
      if (!used.has(r.row) && ok(r)) return r;
    }
    const rest = listed.filter((r) => !used.has(r.row) && ok(r));
    return rest.length > 0 ? rng.pick(rest) : null;
  };

  for (const kind of POSITIVE_KINDS) {
    let made = 0;
    for (let n = 0; n < perKind; n++) {
      let changes: Array<Exclude<PositiveKind, 'combined'>>;
      let rec: ListedRecord | null;
      if (kind === 'combined') {
        const a = rng.pick(COMBINABLE);
        const b = rng.pick(COMBINABLE.filter((x) => compatible(a, x)));
        changes = COMBINABLE.filter((x) => x === a || x === b);
        rec = pickListed((r) => changes.every((c) => CHANGES[c].applies(r)));
      } else {
        changes = [kind];
        rec = pickListed((r) => CHANGES[kind].applies(r));
      }
      if (!rec) continue;
      used.add(rec.row);
      const draft = baseDraft(rec);
      for (const c of changes) CHANGES[c].apply(draft, rec, rng);
      rows.push({ draft, country: rec.person.nationality, truth: { kind, positive: true, disclosureRow: rec.row, ...(kind === 'combined' ? { changes } : {}) } });
      made++;
    }
    if (made < perKind) shortfalls[kind] = perKind - made;
  }

  const otherDob = (orig: Ymd): Ymd => {
    for (;;) {
      const d = rng.chance(0.5) ? drawDob(rng) : { ...drawDob(rng), year: orig.year };
      if (!datesCompatible(d, orig)) return d;
    }
  };
  const negative = (kind: NegativeKind): { given: string[]; family: string[]; dob: Ymd; country: string } | null => {
    switch (kind) {
      case 'not-listed': {
        const p = drawPerson(rng, aNumbers);
        return { given: partsLatin(p.given), family: partsLatin(p.family), dob: p.dob, country: p.nationality };
      }
      case 'same-name-other-dob': {
        const r = rng.pick(listed);
        return { given: partsLatin(r.person.given), family: partsLatin(r.person.family), dob: otherDob(r.person.listedDob), country: r.person.nationality };
      }
      case 'sibling-same-surname-and-dob': {
        const r = rng.pick(listed);
        const p = r.person;
        const first = words(partsLatin(p.given))[0] ?? '';
        // Another given name, not a spelling of the same one (that would be the same person).
        const pool = p.culture.given[rng.chance(0.5) ? 'M' : 'F'].filter((g) => {
          const w = words([g.latin])[0] ?? '';
          return stripAccents(w).toLowerCase() !== stripAccents(first).toLowerCase() && !otherSpellings(first).includes(w);
        });
        const g = rng.pick(pool);
        return { given: [g.latin], family: partsLatin(p.family), dob: p.listedDob, country: p.nationality };
      }
      case 'same-given-and-dob-other-family': {
        const p = rng.pick(listed).person;
        const pool = p.culture.family[p.gender].filter((f) => !p.family.some((x) => x.latin === f.latin || otherSpellings(x.latin).includes(f.latin)));
        if (pool.length === 0) return null;
        return { given: partsLatin(p.given), family: [rng.pick(pool).latin], dob: p.listedDob, country: p.nationality };
      }
      case 'transliteration-other-dob': {
        const r = pickListed((x) => CHANGES.transliteration.applies(x));
        if (!r) return null;
        const d = baseDraft(r);
        CHANGES.transliteration.apply(d, r, rng);
        return { given: d.given, family: d.family, dob: otherDob(r.person.listedDob), country: r.person.nationality };
      }
      case 'common-name': {
        const cp = commonPerson(rng);
        return { given: partsLatin(cp.given), family: partsLatin(cp.family), dob: drawDob(rng), country: rng.pick(cp.culture.nationalities) };
      }
    }
  };

  for (const kind of NEGATIVE_KINDS) {
    let made = 0;
    for (let tries = 0; made < negativesPerKind && tries < negativesPerKind * 20; tries++) {
      const neg = negative(kind);
      if (!neg) continue;
      const name = normalisedName([...neg.given, ...neg.family].join(' '));
      // The guarantee: no listed person has this normalised name with a compatible date of birth.
      if (isListed(name, neg.dob, looseWords([...neg.given, ...neg.family].join(' ')))) continue;
      const draft: Draft = { given: neg.given, family: neg.family, layout: 'split', letterCase: 'as-written', dob: neg.dob, aNumber: '' };
      rows.push({ draft, country: neg.country, truth: { kind, positive: false, disclosureRow: null } });
      made++;
    }
    if (made < negativesPerKind) shortfalls[kind] = negativesPerKind - made;
  }

  // Intake writes rows in its own order, dates in ISO or US form.
  rng.shuffle(rows);
  const roster: Array<Record<string, string>> = [];
  const truth: BenchTruth[] = [];
  rows.forEach((r, i) => {
    const d = r.draft;
    const cased = (s: string) => (d.letterCase === 'lower' ? s.toLowerCase() : d.letterCase === 'upper' ? s.toUpperCase() : s);
    const given = cased(d.given.join(' '));
    const family = cased(d.family.join(' '));
    const [first, last] = d.layout === 'split' ? [given, family] : d.layout === 'family-first' ? [`${family} ${given}`, ''] : [`${given} ${family}`, ''];
    roster.push({
      'Client First Name': first,
      'Client Last Name': last,
      DOB: d.dob ? (rng.chance(0.5) ? iso(d.dob) : mdy(d.dob)) : '',
      'A#': d.aNumber,
      Country: r.country,
      'Case Number': `EC-${String(100000 + i)}`,
    });
    truth.push({ rosterRow: i + 1, ...r.truth });
  });

  return { seed, disclosureColumns: [...BENCH_DISCLOSURE_COLUMNS], disclosure, rosterColumns: [...BENCH_ROSTER_COLUMNS], roster, truth, shortfalls };
}
