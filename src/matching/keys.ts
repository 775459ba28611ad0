import { skeleton } from './normalize';
import { spellingFamily } from './spelling-families';
import { formatIso, isPossiblePlaceholder, isValidDate, type CalendarDate } from './dates';
import type { NormalizedPerson } from './person';

/**
 * Match keys. Matching is exact equality of digests, so every tolerance the product has lives here:
 * a record stores several keys, each of one kind; a lookup forms the same kinds plus probes (its date
 * of birth with day and month swapped, a 1 January placeholder), and the strongest kind that matches
 * sets the tier. Every key has a date-of-birth or an A-number part: a name alone never makes a key.
 *
 * Bump KEY_SCHEME whenever a canonical form changes: datasets record the scheme they were built with,
 * and a dataset built under another scheme must be re-ingested to be matched reliably.
 */
export const KEY_SCHEME = 3;

export type Tier = 'confirmed' | 'probable' | 'possible';
export const TIERS: readonly Tier[] = ['confirmed', 'probable', 'possible'];
export const TIER_RANK: Record<Tier, number> = { confirmed: 3, probable: 2, possible: 1 };

export type KeyKind =
  | 'name-dob'
  | 'pair-dob'
  | 'skel-dob'
  | 'skelpair-dob'
  | 'name-partial-dob'
  | 'joined-dob'
  | 'anum-dob'
  | 'anum-name';

/** Kinds from the most to the least telling: the order in which answers list them. */
export const KINDS_BY_STRENGTH: readonly KeyKind[] = [
  'anum-dob',
  'name-dob',
  'anum-name',
  'pair-dob',
  'joined-dob',
  'skel-dob',
  'name-partial-dob',
  'skelpair-dob',
];

/** What each kind compares, in words an attorney reads on the answer page and in the results file. */
export const KIND_LABELS: Record<KeyKind, string> = {
  'name-dob': 'full name and date of birth',
  'pair-dob': 'first given name, first family name and date of birth',
  'skel-dob': 'name spelling variant and date of birth',
  'joined-dob': 'given and family names written joined or apart, and date of birth',
  'skelpair-dob': 'first given and family name spelled differently or with one letter different, and date of birth',
  'name-partial-dob': 'full name and two of the three parts of the date of birth',
  'anum-dob': 'A-number and date of birth',
  'anum-name': 'A-number and a name',
};

/** The tier a kind gives when its value matches exactly. */
const BASE_TIER: Record<KeyKind, Tier> = {
  'name-dob': 'confirmed',
  'anum-dob': 'confirmed',
  'anum-name': 'confirmed',
  'pair-dob': 'probable',
  'skel-dob': 'probable',
  'joined-dob': 'probable',
  'skelpair-dob': 'possible',
  'name-partial-dob': 'possible',
};

export type Variation = 'day-month-swapped' | 'placeholder-date-of-birth' | 'placeholder-year-either-side';

export const VARIATION_LABELS: Record<Variation, string> = {
  'day-month-swapped': 'date of birth matched with day and month swapped',
  'placeholder-date-of-birth': 'date of birth matched a 1 January placeholder of the same year',
  'placeholder-year-either-side': 'a 1 January placeholder date of birth matched one year off',
};

export interface MatchKey {
  kind: KeyKind;
  /** The canonical string hashed for this key. Held in memory only. */
  canonical: string;
}

export interface Probe extends MatchKey {
  tier: Tier;
  variation?: Variation;
}

export function downgrade(tier: Tier, steps = 1): Tier | null {
  const rank = TIER_RANK[tier] - steps;
  return TIERS.find((t) => TIER_RANK[t] === rank) ?? null;
}

const sortedJoin = (tokens: string[]) => [...tokens].sort().join(' ');
const skel = (token: string) => skeleton(spellingFamily(token)) || token;

/**
 * Candidate (first given, first family) pairs. Known split: one pair. Unknown ("Maria Jose Garcia
 * Lopez" in one cell, any order): the first word with the second, the third and the last, which
 * covers given-first and family-first writing with up to two given and two family names.
 */
export function namePairs(p: NormalizedPerson): Array<[string, string]> {
  if (p.splitKnown && p.given[0] && p.family[0]) return [[p.given[0], p.family[0]]];
  const t = p.tokens;
  if (t.length < 2) return [];
  const first = t[0] as string;
  const partners = new Set([t[1], t[2], t[t.length - 1]].filter((x): x is string => !!x && x !== first));
  return [...partners].map((x) => [first, x] as [string, string]);
}

/** The tokens that pair with an A-number: the first given and first family name (or first two words). */
function anumNameTokens(p: NormalizedPerson): string[] {
  const picked = p.splitKnown ? [p.given[0], p.family[0]] : p.tokens.slice(0, 2);
  return [...new Set(picked.filter((x): x is string => !!x).map(skel))];
}

/**
 * Given names and family names each written as one word: Rose-Marie Jean-Louis, Rosemarie Jean Louis
 * and "Rosemarie Jeanlouis" agree. Unknown split: the first word against the rest, the last word
 * against the rest, and the first two against the rest.
 */
function joinedNames(p: NormalizedPerson): string[] {
  const splits: Array<[string[], string[]]> = [];
  if (p.splitKnown) splits.push([p.given, p.family]);
  else {
    const t = p.tokens;
    if (t.length < 2) return [];
    splits.push([t.slice(0, 1), t.slice(1)], [t.slice(0, -1), t.slice(-1)]);
    if (t.length >= 4) splits.push([t.slice(0, 2), t.slice(2)]);
  }
  return [...new Set(splits.map(([g, f]) => sortedJoin([g.join(''), f.join('')])))];
}

function nameDateKeys(p: NormalizedPerson, iso: string): MatchKey[] {
  const pairs = namePairs(p);
  return [
    { kind: 'name-dob', canonical: `${sortedJoin(p.tokens)}|${iso}` },
    ...pairs.map(([a, b]): MatchKey => ({ kind: 'pair-dob', canonical: `${sortedJoin([a, b])}|${iso}` })),
    { kind: 'skel-dob', canonical: `${sortedJoin(p.tokens.map(skel))}|${iso}` },
  ];
}

function joinedKeys(p: NormalizedPerson, iso: string): MatchKey[] {
  return joinedNames(p).map((name) => ({ kind: 'joined-dob', canonical: `${name}|${iso}` }));
}

const MIN_WORDS_FOR_PARTIAL_DATE = 3;

/**
 * The full name with the date of birth less one of its parts (year, month or day): a typo in one
 * part of the date (1990-03-15 typed 1990-03-16) still leaves two parts that agree. Only for names of
 * three words or more.
 */
function partialDateKeys(p: NormalizedPerson, dob: CalendarDate): MatchKey[] {
  // A two-word name with most of a date is what common names share (Gurpreet Singh, María López):
  // the benchmark found these keys matching strangers on such names far more than they found typos.
  if (p.tokens.length < MIN_WORDS_FOR_PARTIAL_DATE) return [];
  const name = sortedJoin(p.tokens);
  const y = String(dob.year).padStart(4, '0');
  const m = String(dob.month).padStart(2, '0');
  const d = String(dob.day).padStart(2, '0');
  return [`${y}-${m}-__`, `${y}-__-${d}`, `____-${m}-${d}`].map((part) => ({ kind: 'name-partial-dob', canonical: `${name}|${part}` }));
}

/** A name word and, when it has three letters or more, each way of leaving one letter out. */
function oneLetterOut(word: string): string[] {
  if (word.length < 3) return [word];
  return [word, ...Array.from({ length: word.length }, (_, i) => word.slice(0, i) + word.slice(i + 1))];
}

/**
 * Pair keys: the consonant skeletons of a first given and first family name, which survive
 * transliteration, and — with `typos` — each name word with one letter left out, beside the other
 * name's skeleton, which survive one typo in either name (a letter changed, dropped, added, or two
 * swapped): a single typo always leaves one such form in common on both sides (symmetric deletion).
 * Whole words rather than skeletons: skeletons are short (Walid is "ld"), and leaving a letter out of
 * them made strangers meet (Felipe and Rafael are both "fl" less one letter).
 */
function skeletonPairKeys(a: string, b: string, iso: string, typos: boolean): MatchKey[] {
  // Tagged so that a word with a letter left out can never equal some other name's skeleton.
  const sa = `s:${skel(a)}`;
  const sb = `s:${skel(b)}`;
  const words = (w: string) => oneLetterOut(w).map((v) => `w:${v}`);
  const forms = typos
    ? [sortedJoin([sa, sb]), ...words(a).map((va) => sortedJoin([va, sb])), ...words(b).map((vb) => sortedJoin([sa, vb]))]
    : [sortedJoin([sa, sb])];
  return forms.map((form) => ({ kind: 'skelpair-dob', canonical: `${form}|${iso}` }));
}

function dedupe<T extends MatchKey>(keys: T[]): T[] {
  const seen = new Map<string, T>();
  for (const k of keys) {
    const id = `${k.kind}\u0000${k.canonical}`;
    const prior = seen.get(id) as (T & { tier?: Tier }) | undefined;
    const tier = (k as T & { tier?: Tier }).tier;
    if (!prior || (tier && prior.tier && TIER_RANK[tier] > TIER_RANK[prior.tier])) seen.set(id, k);
  }
  return [...seen.values()];
}

/** The keys stored for one record of a dataset. */
export function matchKeysFor(p: NormalizedPerson): MatchKey[] {
  const keys: MatchKey[] = [];
  if (p.dateOfBirth) {
    const iso = formatIso(p.dateOfBirth);
    keys.push(...nameDateKeys(p, iso));
    // One-letter-out forms for the first pair only: a record's other pairs are guesses at its split.
    namePairs(p).forEach(([a, b], i) => keys.push(...skeletonPairKeys(a, b, iso, i === 0)));
    keys.push(...partialDateKeys(p, p.dateOfBirth));
    keys.push(...joinedKeys(p, iso));
    if (p.aNumber) keys.push({ kind: 'anum-dob', canonical: `${p.aNumber}|${iso}` });
  }
  if (p.aNumber) for (const t of anumNameTokens(p)) keys.push({ kind: 'anum-name', canonical: `${p.aNumber}|${t}` });
  return dedupe(keys);
}

function dateProbes(dob: CalendarDate): Array<{ date: CalendarDate; variation?: Variation; steps: number }> {
  const out: Array<{ date: CalendarDate; variation?: Variation; steps: number }> = [{ date: dob, steps: 0 }];
  const swapped = { year: dob.year, month: dob.day, day: dob.month };
  if (dob.day !== dob.month && isValidDate(swapped)) out.push({ date: swapped, variation: 'day-month-swapped', steps: 1 });
  if (!isPossiblePlaceholder(dob)) {
    out.push({ date: { year: dob.year, month: 1, day: 1 }, variation: 'placeholder-date-of-birth', steps: 1 });
  } else {
    for (const year of [dob.year - 1, dob.year + 1]) {
      const d = { year, month: 1, day: 1 };
      if (isValidDate(d)) out.push({ date: d, variation: 'placeholder-year-either-side', steps: 2 });
    }
  }
  return out;
}

/** The probes a lookup hashes for one person; the strongest that matches sets the tier. */
export function probesFor(person: NormalizedPerson): Probe[] {
  const readings = [person, ...(person.alternateNames ?? []).map((alt) => ({ ...person, ...alt }))];
  return dedupe(readings.flatMap(probesForReading));
}

function probesForReading(p: NormalizedPerson): Probe[] {
  const probes: Probe[] = [];
  if (p.dateOfBirth) {
    for (const { date, variation, steps } of dateProbes(p.dateOfBirth)) {
      const iso = formatIso(date);
      for (const key of nameDateKeys(p, iso)) {
        const tier = downgrade(BASE_TIER[key.kind], steps);
        // A guessed date goes only with exact name words, and one year off only with the whole name:
        // skeletons with a guessed date met strangers (Sow and Cissé are both "s").
        if (!tier || (variation && key.kind === 'skel-dob') || (variation === 'placeholder-year-either-side' && key.kind !== 'name-dob')) continue;
        probes.push({ ...key, tier, ...(variation ? { variation } : {}) });
      }
    }
    const iso = formatIso(p.dateOfBirth);
    for (const [a, b] of namePairs(p)) for (const key of skeletonPairKeys(a, b, iso, true)) probes.push({ ...key, tier: 'possible' });
    for (const key of partialDateKeys(p, p.dateOfBirth)) probes.push({ ...key, tier: 'possible' });
    for (const key of joinedKeys(p, iso)) probes.push({ ...key, tier: 'probable' });
    if (p.aNumber) probes.push({ kind: 'anum-dob', canonical: `${p.aNumber}|${iso}`, tier: 'confirmed' });
  }
  if (p.aNumber) {
    // Any of the query's names may be the one the agency paired with the A-number.
    const names = [...new Set(p.tokens.map(skel))].slice(0, 4);
    for (const t of names) probes.push({ kind: 'anum-name', canonical: `${p.aNumber}|${t}`, tier: 'confirmed' });
  }
  return dedupe(probes);
}
