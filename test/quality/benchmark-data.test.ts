import { datesCompatible, generateBenchmark, looseWords, NEGATIVE_KINDS, normalisedName, POSITIVE_KINDS, type Ymd } from '../../src/quality/benchmark-data';
import { exactBaseline, fuzzyBaseline, fuzzyDatesAgree } from '../../src/quality/baselines';

const small = { records: 600, seed: 7, perKind: 6, negativesPerKind: 15 };

function parseDob(s: string): Ymd | null {
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (m) return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(s);
  return m ? { year: Number(m[3]), month: Number(m[1]), day: Number(m[2]) } : null;
}

describe('generateBenchmark', () => {
  const bench = generateBenchmark(small);

  it('is deterministic for a seed, and differs for another seed', () => {
    expect(generateBenchmark(small)).toEqual(bench);
    expect(generateBenchmark({ ...small, seed: 8 }).disclosure).not.toEqual(bench.disclosure);
  });

  it('writes the disclosure in agency style', () => {
    expect(bench.disclosure).toHaveLength(600);
    for (const r of bench.disclosure) {
      expect(r.Name).toMatch(/^[^a-z]+, [^a-z]+$/);
      expect(r['Date of Birth']).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
    }
    const placeholders = bench.disclosure.filter((r) => r['Date of Birth']?.startsWith('01/01/')).length / 600;
    expect(placeholders).toBeGreaterThan(0.04);
    expect(placeholders).toBeLessThan(0.14);
  });

  it('has every kind, and truth rows that point at the roster and the disclosure', () => {
    const kinds = new Set(bench.truth.map((t) => t.kind));
    for (const k of [...POSITIVE_KINDS, ...NEGATIVE_KINDS]) expect(kinds).toContain(k);
    expect(bench.truth.map((t) => t.rosterRow)).toEqual(bench.roster.map((_, i) => i + 1));
    for (const t of bench.truth) {
      if (t.positive) expect(t.disclosureRow).toBeGreaterThanOrEqual(1);
      else expect(t.disclosureRow).toBeNull();
    }
  });

  it("lists nobody with a negative row's normalised name and a compatible date of birth", () => {
    const listed = new Map<string, Ymd[]>();
    for (const r of bench.disclosure) {
      const [family = '', given = ''] = (r.Name ?? '').split(', ');
      const key = normalisedName(`${given} ${family}`);
      listed.set(key, [...(listed.get(key) ?? []), parseDob(r['Date of Birth'] ?? '') as Ymd]);
    }
    const negatives = bench.truth.filter((t) => !t.positive);
    expect(negatives.length).toBe(NEGATIVE_KINDS.length * 15);
    for (const t of negatives) {
      const r = bench.roster[t.rosterRow - 1]!;
      const dob = parseDob(r.DOB ?? '') as Ymd;
      const key = normalisedName(`${r['Client First Name']} ${r['Client Last Name']}`);
      expect((listed.get(key) ?? []).some((d) => datesCompatible(d, dob))).toBe(false);
    }
  });

  it('has no negative that a positive kind could make of a listed person (spelling family, dropped words)', () => {
    const listed = bench.disclosure.map((r) => {
      const [family = '', given = ''] = (r.Name ?? '').split(', ');
      return { words: looseWords(`${given} ${family}`), dob: parseDob(r['Date of Birth'] ?? '') as Ymd };
    });
    const within = (a: Set<string>, b: Set<string>) => [...a].every((w) => b.has(w));
    for (const t of bench.truth.filter((x) => !x.positive)) {
      const r = bench.roster[t.rosterRow - 1]!;
      const dob = parseDob(r.DOB ?? '') as Ymd;
      const words = looseWords(`${r['Client First Name']} ${r['Client Last Name']}`);
      const clash = listed.find((l) => datesCompatible(l.dob, dob) && (within(words, l.words) || within(l.words, words)));
      expect(clash).toBeUndefined();
    }
  });

  it('changes dates only the way each kind says', () => {
    for (const t of bench.truth.filter((x) => x.kind === 'day-month-swapped')) {
      const got = parseDob(bench.roster[t.rosterRow - 1]!.DOB ?? '')!;
      const listed = parseDob(bench.disclosure[t.disclosureRow! - 1]!['Date of Birth'] ?? '')!;
      expect([got.year, got.month, got.day]).toEqual([listed.year, listed.day, listed.month]);
      expect(got.month).not.toBe(got.day);
    }
    for (const t of bench.truth.filter((x) => x.kind === 'placeholder-year-off')) {
      const got = parseDob(bench.roster[t.rosterRow - 1]!.DOB ?? '')!;
      const listed = parseDob(bench.disclosure[t.disclosureRow! - 1]!['Date of Birth'] ?? '')!;
      expect([got.month, got.day, listed.month, listed.day]).toEqual([1, 1, 1, 1]);
      expect(Math.abs(got.year - listed.year)).toBe(1);
    }
  });

  it('rejects a tiny disclosure', () => {
    expect(() => generateBenchmark({ records: 10 })).toThrow('records');
  });
});

describe('dates and baselines', () => {
  it('treats equal, swapped and same-year placeholder dates as compatible', () => {
    const d = (year: number, month: number, day: number) => ({ year, month, day });
    expect(datesCompatible(d(1990, 3, 4), d(1990, 4, 3))).toBe(true);
    expect(datesCompatible(d(1990, 1, 1), d(1990, 7, 9))).toBe(true);
    expect(datesCompatible(d(1990, 1, 1), d(1991, 1, 1))).toBe(true);
    expect(datesCompatible(d(1990, 3, 4), d(1990, 3, 5))).toBe(false);
    expect(fuzzyDatesAgree(d(1990, 1, 1), d(1991, 1, 1))).toBe(false);
  });

  it('give one answer per roster row, and the exact baseline finds every exact row', () => {
    const bench = generateBenchmark(small);
    const exact = exactBaseline(bench);
    const fuzzy = fuzzyBaseline(bench);
    expect(exact).toHaveLength(bench.roster.length);
    expect(fuzzy).toHaveLength(bench.roster.length);
    for (const t of bench.truth.filter((x) => x.kind === 'exact')) {
      expect(exact[t.rosterRow - 1]).toBe(true);
      expect(fuzzy[t.rosterRow - 1]).toBe(true);
    }
    for (const t of bench.truth.filter((x) => x.kind === 'not-listed')) expect(exact[t.rosterRow - 1]).toBe(false);
  });
});
