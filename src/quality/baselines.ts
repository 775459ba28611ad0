/**
 * Two plaintext baselines for the matching benchmark, computed in the clear on the same data, so
 * that the price of keeping only digests is visible (issue 5). Neither is part of the product: they
 * read names and dates that the store never keeps.
 *
 * - exact: the sorted normalised name tokens (nameTokens) and the date of birth are both equal.
 * - fuzzy: Jaro-Winkler similarity of the names at least FUZZY_THRESHOLD, with the date of birth
 *   equal, day and month swapped, or either side a 1 January placeholder of the same year.
 *
 * Rows without a date of birth (A-number and name) match in both baselines when the A-number's nine
 * digits are equal and the family name agrees (exactly, or by Jaro-Winkler), which is what a careful
 * clerk would do. Baselines have no tiers: a baseline match counts at C+P and at any tier alike.
 */
import jaroWinkler from 'talisman/metrics/jaro-winkler';
import { nameTokens } from '../matching/normalize';
import type { Benchmark } from './benchmark-data';

/**
 * 0.9 is the conventional cut-off for Jaro-Winkler on personal names (the US Census record-linkage
 * work and most tools default near it): low enough for a typo or a transliteration of one word,
 * high enough that short unrelated names rarely pass.
 */
export const FUZZY_THRESHOLD = 0.9;

interface PlainDate {
  year: number;
  month: number;
  day: number;
}

interface PlainPerson {
  /** Sorted tokens of the whole name. */
  sorted: string;
  given: string;
  family: string;
  splitKnown: boolean;
  dob: PlainDate | null;
  aNumber: string | null;
}

function parseDate(s: string): PlainDate | null {
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s.trim());
  if (m) return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s.trim());
  if (m) return { year: Number(m[3]), month: Number(m[1]), day: Number(m[2]) };
  return null;
}

function aNumberDigits(s: string): string | null {
  const d = s.replace(/\D/g, '');
  if (d.length < 7 || d.length > 9) return null;
  return d.padStart(9, '0');
}

function plain(given: string, family: string, splitKnown: boolean, dob: string, aNumber: string): PlainPerson {
  const g = nameTokens(given, 'given');
  const f = nameTokens(family, 'family');
  return {
    sorted: [...g, ...f].sort().join(' '),
    given: g.join(' '),
    family: f.join(' '),
    splitKnown: splitKnown && g.length > 0 && f.length > 0,
    dob: parseDate(dob),
    aNumber: aNumberDigits(aNumber),
  };
}

function listedPeople(bench: Benchmark): PlainPerson[] {
  return bench.disclosure.map((r) => {
    const name = r.Name ?? '';
    const comma = name.indexOf(',');
    return plain(name.slice(comma + 1), name.slice(0, comma), true, r['Date of Birth'] ?? '', r['A-Number'] ?? '');
  });
}

function rosterPeople(bench: Benchmark): PlainPerson[] {
  return bench.roster.map((r) => {
    const last = r['Client Last Name'] ?? '';
    return plain(r['Client First Name'] ?? '', last, last.trim() !== '', r.DOB ?? '', r['A#'] ?? '');
  });
}

const dateKey = (d: PlainDate) => `${d.year}-${d.month}-${d.day}`;

/** Whether the fuzzy baseline accepts these two dates: equal, swapped, or a same-year placeholder. */
export function fuzzyDatesAgree(a: PlainDate, b: PlainDate): boolean {
  if (a.year !== b.year) return false;
  if (a.month === b.month && a.day === b.day) return true;
  if (a.month === b.day && a.day === b.month) return true;
  return (a.month === 1 && a.day === 1) || (b.month === 1 && b.day === 1);
}

/**
 * Name similarity for the fuzzy baseline: the best of the sorted-token strings and, when both
 * sides know which part is the family name, the mean of given-to-given and family-to-family.
 */
export function fuzzyNameScore(a: Pick<PlainPerson, 'sorted' | 'given' | 'family' | 'splitKnown'>, b: Pick<PlainPerson, 'sorted' | 'given' | 'family' | 'splitKnown'>): number {
  if (!a.sorted || !b.sorted) return 0;
  let best = jaroWinkler(a.sorted, b.sorted);
  if (a.splitKnown && b.splitKnown) best = Math.max(best, (jaroWinkler(a.given, b.given) + jaroWinkler(a.family, b.family)) / 2);
  return best;
}

/** Per roster row, whether the exact baseline matches it. */
export function exactBaseline(bench: Benchmark): boolean[] {
  const listed = listedPeople(bench);
  const keys = new Set(listed.filter((p) => p.dob).map((p) => `${p.sorted}|${dateKey(p.dob as PlainDate)}`));
  const byA = new Map(listed.filter((p) => p.aNumber).map((p) => [p.aNumber as string, p]));
  return rosterPeople(bench).map((q) => {
    if (q.dob) return keys.has(`${q.sorted}|${dateKey(q.dob)}`);
    const hit = q.aNumber ? byA.get(q.aNumber) : undefined;
    return hit !== undefined && q.family !== '' && hit.family === q.family;
  });
}

/** Per roster row, whether the fuzzy baseline matches it (see FUZZY_THRESHOLD). */
export function fuzzyBaseline(bench: Benchmark, threshold = FUZZY_THRESHOLD): boolean[] {
  const listed = listedPeople(bench);
  const byYear = new Map<number, PlainPerson[]>();
  for (const p of listed) if (p.dob) byYear.set(p.dob.year, [...(byYear.get(p.dob.year) ?? []), p]);
  const byA = new Map(listed.filter((p) => p.aNumber).map((p) => [p.aNumber as string, p]));
  return rosterPeople(bench).map((q) => {
    if (!q.dob) {
      const hit = q.aNumber ? byA.get(q.aNumber) : undefined;
      if (!hit) return false;
      const familyAgrees = q.splitKnown ? jaroWinkler(q.family, hit.family) >= threshold : fuzzyNameScore(q, hit) >= threshold;
      return familyAgrees;
    }
    const dob = q.dob;
    return (byYear.get(dob.year) ?? []).some((p) => p.dob !== null && fuzzyDatesAgree(p.dob, dob) && fuzzyNameScore(q, p) >= threshold);
  });
}
