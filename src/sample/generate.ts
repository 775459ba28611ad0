/**
 * Deterministic generator of sample data: an agency-style disclosure (the shape of a detention
 * spreadsheet), an intake-style roster that a legal-aid office might check against it, and the truth
 * about every roster row. Every person is an invented combination of names from ./names; nothing here
 * comes from, or is compared with, a real list of people.
 *
 * Pure: the same options give the same sample, byte for byte. Randomness comes only from a seeded
 * mulberry32 generator.
 */
import { CULTURES, FACILITIES, type Culture, type CultureId, type Gender, type NamePart } from './names';

export interface DisclosureRow {
  [column: string]: string;
}

export interface RosterRow {
  [column: string]: string;
}

export type Variant =
  | 'exact'
  | 'case-and-accents'
  | 'reordered-name'
  | 'dropped-second-surname'
  | 'dropped-middle-name'
  | 'day-month-swapped'
  | 'cyrillic-script'
  | 'arabic-script'
  | 'chinese-characters'
  | 'hyphen-dropped'
  | 'a-number-and-name-only'
  | 'a-number-other-format'
  | 'not-listed'
  | 'same-name-other-dob'
  | 'sibling-same-surname-and-dob';

export interface TruthEntry {
  /** 1-based data row index in roster.csv, header excluded. */
  rosterRow: number;
  variant: Variant;
  /** 1-based data row index in disclosure.csv of the person the roster row names, or null if none. */
  disclosureRow: number | null;
}

export interface Sample {
  disclosureColumns: string[];
  disclosure: DisclosureRow[];
  rosterColumns: string[];
  roster: RosterRow[];
  truth: TruthEntry[];
}

export interface GenerateOptions {
  /** Number of disclosure records; at least MIN_RECORDS. */
  records: number;
  /** Any integer; DEFAULT_SEED if left out. */
  seed?: number;
}

export type PositiveVariant = Exclude<Variant, NegativeVariant>;
export type NegativeVariant = 'not-listed' | 'same-name-other-dob' | 'sibling-same-surname-and-dob';

/** Roster rows that name a disclosure person, written differently in one way each. */
export const POSITIVE_VARIANTS: readonly PositiveVariant[] = [
  'exact',
  'case-and-accents',
  'reordered-name',
  'dropped-second-surname',
  'dropped-middle-name',
  'day-month-swapped',
  'cyrillic-script',
  'arabic-script',
  'chinese-characters',
  'hyphen-dropped',
  'a-number-and-name-only',
  'a-number-other-format',
];

/** Roster rows that name nobody in the disclosure, some of them close to someone who is. */
export const NEGATIVE_VARIANTS: readonly NegativeVariant[] = ['not-listed', 'same-name-other-dob', 'sibling-same-surname-and-dob'];

export const VARIANTS: readonly Variant[] = [...POSITIVE_VARIANTS, ...NEGATIVE_VARIANTS];

export const SCRIPT_VARIANTS: readonly PositiveVariant[] = ['cyrillic-script', 'arabic-script', 'chinese-characters'];

export const DISCLOSURE_COLUMNS: readonly string[] = [
  'Name',
  'Date of Birth',
  'A-Number',
  'Country of Citizenship',
  'Gender',
  'Detention Facility',
  'Facility State',
  'Book-In Date',
  'Processing Disposition',
  'Case Status',
  'Fear Screening',
  'AOR',
];

export const ROSTER_COLUMNS: readonly string[] = [
  'Client First Name',
  'Client Last Name',
  'DOB',
  'A#',
  'Country',
  'Case Number',
  'Intake Notes',
];

export const DEFAULT_SEED = 20240611;
export const DEFAULT_RECORDS = 300;
export const MIN_RECORDS = 10;
export const MIN_BIRTH_YEAR = 1955;
export const MAX_BIRTH_YEAR = 2008;

// ---------------------------------------------------------------------------------------------------
// Randomness

/** mulberry32: a small, fast 32-bit PRNG. Returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The seeded random source of the invented-data generators (this one and src/quality). */
export class Random {
  private readonly next: () => number;

  constructor(seed: number) {
    this.next = mulberry32(seed);
  }

  float(): number {
    return this.next();
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Integer in [lo, hi]. */
  between(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[this.int(items.length)] as T;
  }

  weighted<T>(items: ReadonlyArray<readonly [T, number]>): T {
    const total = items.reduce((s, [, w]) => s + w, 0);
    let r = this.next() * total;
    for (const [item, w] of items) {
      r -= w;
      if (r < 0) return item;
    }
    return (items[items.length - 1] as readonly [T, number])[0];
  }

  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [items[i], items[j]] = [items[j] as T, items[i] as T];
    }
    return items;
  }
}

// ---------------------------------------------------------------------------------------------------
// Dates and A-numbers as written

interface Ymd {
  year: number;
  month: number;
  day: number;
}

const pad2 = (n: number) => String(n).padStart(2, '0');
const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
const mdy = (d: Ymd) => `${pad2(d.month)}/${pad2(d.day)}/${d.year}`;
const iso = (d: Ymd) => `${d.year}-${pad2(d.month)}-${pad2(d.day)}`;

function drawDob(rng: Random, swappable: boolean): Ymd {
  // Most people held are young adults; a quarter are spread over the whole range.
  const year = rng.chance(0.75)
    ? 1975 + Math.floor(((rng.float() + rng.float() + rng.float()) / 3) * (MAX_BIRTH_YEAR - 1975 + 1))
    : rng.between(MIN_BIRTH_YEAR, MAX_BIRTH_YEAR);
  if (swappable) {
    // A date that still reads as a date with day and month exchanged, and reads differently.
    const month = rng.between(1, 12);
    let day = rng.between(1, 11);
    if (day >= month) day++;
    return { year, month, day };
  }
  const month = rng.between(1, 12);
  return { year, month, day: rng.between(1, daysInMonth(year, month)) };
}

function drawBookIn(rng: Random): Ymd {
  const start = Date.UTC(2023, 0, 1);
  const days = (Date.UTC(2024, 11, 31) - start) / 86_400_000;
  const d = new Date(start + rng.between(0, days) * 86_400_000);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

type ANumberStyle = 'A9' | 'dashed' | 'A-dashed' | 'eight' | 'plain9' | 'A#-spaced';

/** How the agency writes A-numbers, varying from row to row. */
const DISCLOSURE_A_STYLES: readonly ANumberStyle[] = ['A9', 'dashed', 'eight', 'A-dashed'];
/** How intake staff write them. */
const ROSTER_A_STYLES: readonly ANumberStyle[] = ['A9', 'dashed', 'A-dashed', 'plain9', 'A#-spaced', 'eight'];

function writeANumber(digits: string, style: ANumberStyle): string {
  const [a, b, c] = [digits.slice(0, 3), digits.slice(3, 6), digits.slice(6)];
  switch (style) {
    case 'A9':
      return `A${digits}`;
    case 'dashed':
      return `${a}-${b}-${c}`;
    case 'A-dashed':
      return `A-${a}-${b}-${c}`;
    case 'eight':
      return digits.slice(1);
    case 'plain9':
      return digits;
    case 'A#-spaced':
      return `A# ${a} ${b} ${c}`;
  }
}

/** The eight-digit form exists only for older numbers, whose nine-digit form starts with 0. */
const stylesFor = (digits: string, styles: readonly ANumberStyle[]) =>
  styles.filter((s) => s !== 'eight' || digits.startsWith('0'));

// ---------------------------------------------------------------------------------------------------
// Names

interface Person {
  culture: Culture;
  gender: Gender;
  given: NamePart[];
  family: NamePart[];
  dob: Ymd;
  /** Nine digits. */
  aNumber: string;
  nationality: string;
}

export function stripAccents(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').replace(/Đ/g, 'D').replace(/đ/g, 'd').normalize('NFC');
}

function render(parts: readonly NamePart[], accents: boolean): string {
  const text = parts.map((p) => p.latin).join(' ');
  return accents ? text : stripAccents(text);
}

function renderNative(parts: readonly NamePart[]): string {
  return parts
    .map((p) => {
      if (!p.native) throw new Error(`no native form for ${p.latin}`);
      return p.native;
    })
    .join(' ');
}

const givenWords = (p: Person) => p.given.map((g) => g.latin).join(' ').split(' ');
const fullLatin = (p: Person) => [...p.given, ...p.family].map((n) => n.latin).join(' ');
const hasAccents = (p: Person) => stripAccents(fullLatin(p)) !== fullLatin(p);
const hasHyphen = (p: Person) => fullLatin(p).includes('-');

const PARTICLES = new Set(['de', 'del', 'della', 'di', 'da', 'das', 'do', 'dos', 'du', 'la', 'las', 'los', 'al', 'el', 'ul', 'bin', 'ibn', 'bint', 'ben', 'abu', 'saint', 'st']);

/** The first word of a name, particles joined to the word after them ("de la Cruz" → "delacruz"). */
function firstToken(text: string): string {
  const words = stripAccents(text).toLowerCase().replace(/['’]/g, '').split(/[^a-z0-9]+/).filter(Boolean);
  let pending = '';
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    if (PARTICLES.has(w) && i < words.length - 1) pending += w;
    else return pending + w;
  }
  return pending;
}

/**
 * A deliberately coarse consonant skeleton: spellings that a tolerant matcher could take for one
 * another (Mohammed, Mohamad; Zhao, Sow) share it. Used only to keep sample people apart.
 */
function coarseSkeleton(token: string): string {
  const s = token
    .replace(/[^a-z]/g, '')
    .replace(/ph/g, 'f')
    .replace(/x/g, 'ks')
    .replace(/q/g, 'k')
    .replace(/c(?=[eiy])/g, 's')
    .replace(/c/g, 'k')
    .replace(/z/g, 's')
    .replace(/[aeiouywh]/g, '')
    .replace(/(.)\1+/g, '$1');
  return s || token;
}

/** First given and first family name, order-free: what two people must differ in to be told apart. */
function pairKey(given: string, family: string): string {
  return [coarseSkeleton(firstToken(given)), coarseSkeleton(firstToken(family))].sort().join('|');
}

const personPairKey = (p: Person) => pairKey(render(p.given, false), render(p.family, false));

/**
 * Keeps generated people distinguishable: no two people whose first given and family names could be
 * mistaken for one another are born within a year of each other (that also keeps apart day-month
 * swaps and 1 January placeholders, which stay within the year).
 */
class Registry {
  private readonly years = new Map<string, number[]>();

  clashes(key: string, year: number): boolean {
    return (this.years.get(key) ?? []).some((y) => Math.abs(y - year) <= 1);
  }

  add(key: string, year: number): void {
    const list = this.years.get(key) ?? [];
    list.push(year);
    this.years.set(key, list);
  }
}

function drawName(rng: Random, c: Culture, gender: Gender, nativeOnly: boolean): Pick<Person, 'given' | 'family'> {
  const usable = (parts: readonly NamePart[]) => (nativeOnly ? parts.filter((p) => p.native) : parts);
  const pickOther = (parts: readonly NamePart[], taken: readonly NamePart[]) =>
    rng.pick(parts.filter((p) => !taken.some((t) => t.latin === p.latin)));
  switch (c.pattern) {
    case 'vietnamese': {
      const middle = c.middle?.[gender] ?? [];
      return { given: [rng.pick(middle), rng.pick(c.given[gender])], family: [rng.pick(c.family[gender])] };
    }
    case 'sikh': {
      const first = rng.pick(c.given[gender]);
      const singhKaur = rng.pick(c.middle?.[gender] ?? []);
      const r = rng.float();
      if (r < 0.4) return { given: [first], family: [singhKaur] };
      if (r < 0.75) return { given: [first, singhKaur], family: [rng.pick(c.family[gender])] };
      return { given: [first], family: [rng.pick(c.family[gender])] };
    }
    case 'western': {
      const given = [rng.pick(usable(c.given[gender]))];
      if (!nativeOnly && rng.chance(c.secondGivenChance)) given.push(pickOther(c.middle?.[gender] ?? c.given[gender], given));
      const family = [rng.pick(usable(c.family[gender]))];
      if (!nativeOnly && rng.chance(c.secondFamilyChance)) family.push(pickOther(c.family[gender], family));
      return { given, family };
    }
  }
}

interface Requirement {
  cultures?: readonly CultureId[];
  /** Every name part has an accurate native-script form. */
  nativeOnly?: boolean;
  /** Day and month both at most 12 and different. */
  swappableDob?: boolean;
  test?: (p: Person) => boolean;
}

const REQUIREMENTS: Record<PositiveVariant, Requirement> = {
  exact: {},
  'case-and-accents': {
    cultures: ['spanish', 'central-american', 'brazilian', 'vietnamese', 'west-african', 'haitian'],
    test: hasAccents,
  },
  'reordered-name': {},
  'dropped-second-surname': { cultures: ['spanish', 'central-american'], test: (p) => p.family.length >= 2 },
  'dropped-middle-name': {
    cultures: ['spanish', 'central-american', 'haitian', 'brazilian', 'punjabi', 'persian', 'arabic', 'west-african'],
    test: (p) => givenWords(p).length >= 2,
  },
  'day-month-swapped': { swappableDob: true },
  'cyrillic-script': { cultures: ['russian', 'ukrainian'], nativeOnly: true },
  'arabic-script': { cultures: ['arabic', 'persian'], nativeOnly: true },
  'chinese-characters': { cultures: ['chinese'], nativeOnly: true },
  'hyphen-dropped': { cultures: ['haitian', 'arabic'], test: hasHyphen },
  'a-number-and-name-only': {},
  'a-number-other-format': {},
};

class People {
  readonly registry = new Registry();
  private readonly aNumbers = new Set<string>();

  constructor(private readonly rng: Random) {}

  /** A nine-digit A-number used by nobody else: older ones start 0 (and can be written with 8 digits). */
  freshANumber(): string {
    for (;;) {
      const digits = this.rng.chance(0.35)
        ? `0${this.rng.between(1, 9)}${String(this.rng.int(10_000_000)).padStart(7, '0')}`
        : `2${String(this.rng.int(100_000_000)).padStart(8, '0')}`;
      if (!this.aNumbers.has(digits)) {
        this.aNumbers.add(digits);
        return digits;
      }
    }
  }

  pickCulture(ids?: readonly CultureId[]): Culture {
    const pool = ids ? CULTURES.filter((c) => ids.includes(c.id)) : CULTURES;
    return this.rng.weighted(pool.map((c) => [c, c.weight] as const));
  }

  /** A new person meeting `req` who cannot be mistaken for anyone registered; registered if `register`. */
  make(req: Requirement, register: boolean): Person {
    for (let attempt = 0; attempt < 10_000; attempt++) {
      const c = this.pickCulture(req.cultures);
      const gender: Gender = this.rng.chance(0.7) ? 'M' : 'F';
      const name = drawName(this.rng, c, gender, req.nativeOnly ?? false);
      const dob = drawDob(this.rng, req.swappableDob ?? false);
      const draft: Person = { culture: c, gender, ...name, dob, aNumber: '', nationality: this.rng.pick(c.nationalities) };
      if (req.test && !req.test(draft)) continue;
      const key = personPairKey(draft);
      if (this.registry.clashes(key, dob.year)) continue;
      if (register) this.registry.add(key, dob.year);
      return { ...draft, aNumber: this.freshANumber() };
    }
    throw new Error('could not generate a distinct person; too many records for the name pools');
  }
}

// ---------------------------------------------------------------------------------------------------
// How many of each variant

const EXTRA_WEIGHTS: Record<PositiveVariant, number> = {
  exact: 6,
  'case-and-accents': 2,
  'reordered-name': 2,
  'dropped-second-surname': 2,
  'dropped-middle-name': 2,
  'day-month-swapped': 2,
  'cyrillic-script': 1,
  'arabic-script': 1,
  'chinese-characters': 1,
  'hyphen-dropped': 1,
  'a-number-and-name-only': 1,
  'a-number-other-format': 1,
};

/**
 * Positives are about 22% of the records (at least two of each variant from 100 records, at least one
 * of each script variant below that), negatives about 6%. Counts depend on `records` only.
 */
export function variantCounts(records: number): Record<Variant, number> {
  const counts = Object.fromEntries(VARIANTS.map((v) => [v, 0])) as Record<Variant, number>;
  const big = records >= 100;
  for (const v of POSITIVE_VARIANTS) counts[v] = big ? 2 : SCRIPT_VARIANTS.includes(v) ? 1 : 0;
  const base = POSITIVE_VARIANTS.reduce((s, v) => s + counts[v], 0);
  const positives = Math.max(Math.round(records * 0.22), base);
  // Largest remainder: the rest in proportion to the weights, ties in list order.
  const rest = positives - base;
  const totalWeight = POSITIVE_VARIANTS.reduce((s, v) => s + EXTRA_WEIGHTS[v], 0);
  const shares = POSITIVE_VARIANTS.map((v, i) => ({ v, i, exact: (rest * EXTRA_WEIGHTS[v]) / totalWeight }));
  let given = 0;
  for (const s of shares) {
    counts[s.v] += Math.floor(s.exact);
    given += Math.floor(s.exact);
  }
  const byRemainder = [...shares].sort((a, b) => b.exact - Math.floor(b.exact) - (a.exact - Math.floor(a.exact)) || a.i - b.i);
  for (const s of byRemainder.slice(0, rest - given)) counts[s.v]++;

  const negatives = Math.max(Math.round(records * 0.06), big ? 2 * NEGATIVE_VARIANTS.length : NEGATIVE_VARIANTS.length);
  NEGATIVE_VARIANTS.forEach((v, i) => {
    counts[v] = Math.floor(negatives / NEGATIVE_VARIANTS.length) + (i < negatives % NEGATIVE_VARIANTS.length ? 1 : 0);
  });
  return counts;
}

// ---------------------------------------------------------------------------------------------------
// Rows

interface DisclosureRecord {
  person: Person;
  accents: boolean;
  aNumberWritten: string;
  aNumberStyle: ANumberStyle;
  row: DisclosureRow;
}

const DISPOSITIONS = [
  ['Notice to Appear', 5],
  ['Expedited Removal', 3],
  ['Expedited Removal - Credible Fear', 2],
  ['Reinstatement of Prior Order', 1],
] as const;
const CASE_STATUSES = [
  ['Pending EOIR Hearing', 5],
  ['Awaiting Credible Fear Interview', 3],
  ['Bond Set', 2],
  ['Parole Requested', 2],
  ['Final Order of Removal', 2],
  ['Appeal Pending (BIA)', 1],
] as const;
const FEAR_SCREENINGS = [
  ['Positive', 4],
  ['Pending', 4],
  ['Negative', 2],
  ['Not Applicable', 3],
  ['IJ Review Requested', 1],
] as const;

function disclosureRecord(rng: Random, person: Person): DisclosureRecord {
  const accents = rng.chance(0.5);
  const aNumberStyle = rng.pick(stylesFor(person.aNumber, DISCLOSURE_A_STYLES));
  const aNumberWritten = writeANumber(person.aNumber, aNumberStyle);
  const facility = rng.pick(FACILITIES);
  const row: DisclosureRow = {
    Name: `${render(person.family, accents)}, ${render(person.given, accents)}`.toUpperCase(),
    'Date of Birth': mdy(person.dob),
    'A-Number': aNumberWritten,
    'Country of Citizenship': person.nationality,
    Gender: person.gender === 'M' ? 'Male' : 'Female',
    'Detention Facility': facility.name,
    'Facility State': facility.state,
    'Book-In Date': mdy(drawBookIn(rng)),
    'Processing Disposition': rng.weighted(DISPOSITIONS),
    'Case Status': rng.weighted(CASE_STATUSES),
    'Fear Screening': rng.weighted(FEAR_SCREENINGS),
    AOR: facility.aor,
  };
  return { person, accents, aNumberWritten, aNumberStyle, row };
}

interface RosterDraft {
  variant: Variant;
  /** Index into the disclosure before it is shuffled, or null. */
  source: number | null;
  first: string;
  last: string;
  dob: string;
  aNumber: string;
  country: string;
}

function positiveDraft(rng: Random, variant: PositiveVariant, rec: DisclosureRecord, source: number): RosterDraft {
  const p = rec.person;
  const draft: RosterDraft = {
    variant,
    source,
    first: render(p.given, rec.accents),
    last: render(p.family, rec.accents),
    dob: iso(p.dob),
    aNumber: '',
    country: p.nationality,
  };
  const otherStyle = () => {
    const styles = stylesFor(p.aNumber, ROSTER_A_STYLES).filter((s) => writeANumber(p.aNumber, s) !== rec.aNumberWritten);
    return writeANumber(p.aNumber, rng.pick(styles));
  };
  switch (variant) {
    case 'exact':
      if (rng.chance(0.4)) draft.aNumber = rec.aNumberWritten;
      break;
    case 'case-and-accents': {
      const upper = rng.chance(0.4);
      const recase = (s: string) => (upper ? s.toUpperCase() : s.toLowerCase());
      draft.first = recase(render(p.given, !rec.accents));
      draft.last = recase(render(p.family, !rec.accents));
      break;
    }
    case 'reordered-name':
      [draft.first, draft.last] = [draft.last, draft.first];
      break;
    case 'dropped-second-surname':
      draft.last = render(p.family.slice(0, 1), rec.accents);
      break;
    case 'dropped-middle-name': {
      const words = draft.first.split(' ');
      draft.first = words.slice(0, -1).join(' ');
      break;
    }
    case 'day-month-swapped':
      draft.dob = iso({ year: p.dob.year, month: p.dob.day, day: p.dob.month });
      break;
    case 'cyrillic-script':
    case 'arabic-script':
    case 'chinese-characters':
      draft.first = renderNative(p.given);
      draft.last = renderNative(p.family);
      break;
    case 'hyphen-dropped':
      draft.first = draft.first.replace(/-/g, ' ');
      draft.last = draft.last.replace(/-/g, ' ');
      break;
    case 'a-number-and-name-only':
      draft.dob = '';
      draft.aNumber = rng.chance(0.5) ? rec.aNumberWritten : otherStyle();
      break;
    case 'a-number-other-format':
      draft.aNumber = otherStyle();
      break;
  }
  return draft;
}

function negativeDraft(variant: NegativeVariant, person: Person, rng: Random, people: People): RosterDraft {
  const accents = rng.chance(0.6);
  return {
    variant,
    source: null,
    first: render(person.given, accents),
    last: render(person.family, accents),
    dob: iso(person.dob),
    // Half carry an A-number of their own, which is in no record of the disclosure.
    aNumber: rng.chance(0.5) ? writeANumber(people.freshANumber(), rng.pick(ROSTER_A_STYLES.filter((s) => s !== 'eight'))) : '',
    country: person.nationality,
  };
}

/** The same name as `source`, born at least two years earlier or later. */
function sameNameOtherDob(rng: Random, people: People, source: Person): Person | null {
  for (let attempt = 0; attempt < 50; attempt++) {
    const offset = rng.between(2, 8) * (rng.chance(0.5) ? 1 : -1);
    const year = source.dob.year + offset;
    if (year < MIN_BIRTH_YEAR || year > MAX_BIRTH_YEAR) continue;
    if (people.registry.clashes(personPairKey(source), year)) continue;
    const month = rng.between(1, 12);
    return { ...source, dob: { year, month, day: rng.between(1, daysInMonth(year, month)) } };
  }
  return null;
}

/** A twin: the same family name(s) and date of birth as `source`, a given name that cannot be confused with theirs. */
function sibling(rng: Random, people: People, source: Person): Person | null {
  for (let attempt = 0; attempt < 50; attempt++) {
    const fresh = drawName(rng, source.culture, source.gender, false).given;
    // The family name(s) stay exactly; a Sikh twin keeps the Singh or Kaur that follows the given name.
    const given = source.culture.pattern === 'sikh' ? [fresh[0] as NamePart, ...source.given.slice(1)] : fresh;
    const twin: Person = { ...source, given };
    if (people.registry.clashes(personPairKey(twin), twin.dob.year)) continue;
    return twin;
  }
  return null;
}

const FORMULA_NOTES = ['=1+1', '@follow up', '-see file', '+1 555 0100', '=SUM(1,2)', '@call cousin re: bond', '-2 hearings missed?', '+ needs interpreter'];
const PLAIN_NOTES = [
  'Needs interpreter',
  'Family member called',
  'Transferred? Confirm facility',
  'Prior attorney withdrew',
  'Called 3x, no answer',
  'Client says "detained since March"',
  'Check bond status',
];

// ---------------------------------------------------------------------------------------------------

export function generateSample(opts: GenerateOptions): Sample {
  const records = opts.records;
  const seed = opts.seed ?? DEFAULT_SEED;
  if (!Number.isInteger(records) || records < MIN_RECORDS) throw new RangeError(`records must be an integer of at least ${MIN_RECORDS}`);
  if (!Number.isInteger(seed)) throw new RangeError('seed must be an integer');

  const rng = new Random(seed);
  const people = new People(rng);
  const counts = variantCounts(records);

  // People named by positive roster rows, each made to suit its variant; then everyone else.
  const slots: PositiveVariant[] = POSITIVE_VARIANTS.flatMap((v) => Array<PositiveVariant>(counts[v]).fill(v));
  if (slots.length > records) throw new RangeError(`records must be larger to hold ${slots.length} listed roster people`);
  const persons: Person[] = slots.map((v) => people.make(REQUIREMENTS[v], true));
  while (persons.length < records) persons.push(people.make({}, true));

  // About 8% carry a 1 January placeholder date of birth (never those whose day and month are swapped).
  const placeholderable = persons.map((_, i) => i).filter((i) => slots[i] !== 'day-month-swapped');
  for (const i of rng.shuffle(placeholderable).slice(0, Math.round(records * 0.08))) {
    const p = persons[i] as Person;
    p.dob = { year: p.dob.year, month: 1, day: 1 };
  }

  const recordsBefore = persons.map((p) => disclosureRecord(rng, p));

  const drafts: RosterDraft[] = slots.map((v, i) => positiveDraft(rng, v, recordsBefore[i] as DisclosureRecord, i));

  // Negatives: decoys built from people not otherwise on the roster, and people who are in no record.
  const decoySources = rng.shuffle(persons.map((_, i) => i).slice(slots.length));
  const takeDecoy = (build: (p: Person) => Person | null): Person => {
    while (decoySources.length > 0) {
      const made = build(persons[decoySources.pop() as number] as Person);
      if (made) return made;
    }
    throw new Error('ran out of people to build decoys from');
  };
  for (let i = 0; i < counts['same-name-other-dob']; i++) {
    drafts.push(negativeDraft('same-name-other-dob', takeDecoy((p) => sameNameOtherDob(rng, people, p)), rng, people));
  }
  for (let i = 0; i < counts['sibling-same-surname-and-dob']; i++) {
    drafts.push(negativeDraft('sibling-same-surname-and-dob', takeDecoy((p) => sibling(rng, people, p)), rng, people));
  }
  for (let i = 0; i < counts['not-listed']; i++) {
    drafts.push(negativeDraft('not-listed', people.make({}, false), rng, people));
  }

  // Shuffle both files; truth follows the shuffles.
  const disclosureOrder = rng.shuffle(recordsBefore.map((_, i) => i));
  const disclosurePosition = new Map<number, number>(disclosureOrder.map((before, after) => [before, after]));
  const disclosure = disclosureOrder.map((i) => (recordsBefore[i] as DisclosureRecord).row);
  rng.shuffle(drafts);

  const notes = new Map<number, string>();
  const noteRows = rng.shuffle(drafts.map((_, i) => i));
  const formulaCount = Math.min(drafts.length, Math.max(4, Math.round(drafts.length * 0.05)));
  noteRows.slice(0, formulaCount).forEach((row, i) => notes.set(row, FORMULA_NOTES[i % FORMULA_NOTES.length] as string));
  const plainCount = Math.round(drafts.length * 0.08);
  noteRows.slice(formulaCount, formulaCount + plainCount).forEach((row) => notes.set(row, rng.pick(PLAIN_NOTES)));

  let caseNumber = rng.between(1000, 4000);
  const roster: RosterRow[] = [];
  const truth: TruthEntry[] = [];
  drafts.forEach((d, i) => {
    caseNumber += rng.between(1, 9);
    roster.push({
      'Client First Name': d.first,
      'Client Last Name': d.last,
      DOB: d.dob,
      'A#': d.aNumber,
      Country: d.country,
      'Case Number': `IM-24-${String(caseNumber).padStart(5, '0')}`,
      'Intake Notes': notes.get(i) ?? '',
    });
    truth.push({
      rosterRow: i + 1,
      variant: d.variant,
      disclosureRow: d.source === null ? null : (disclosurePosition.get(d.source) as number) + 1,
    });
  });

  return { disclosureColumns: [...DISCLOSURE_COLUMNS], disclosure, rosterColumns: [...ROSTER_COLUMNS], roster, truth };
}
