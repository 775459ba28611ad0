import { checkTargets, formatSummary, isAny, isCP, isWrongPerson, rate, summarise, summariseRows, type RowOutcome } from '../../src/quality/metrics';

const row = (over: Partial<RowOutcome>): RowOutcome => ({ kind: 'exact', positive: true, answer: 'confirmed', exact: true, fuzzy: true, ...over });

describe('rate', () => {
  it('divides, and gives 0 for an empty set', () => {
    expect(rate(1, 4)).toBe(0.25);
    expect(rate(0, 0)).toBe(0);
  });
  it('rejects impossible counts', () => {
    expect(() => rate(5, 4)).toThrow('rate');
    expect(() => rate(-1, 4)).toThrow('rate');
    expect(() => rate(0.5, 4)).toThrow('rate');
  });
});

describe('tiers', () => {
  it('counts confirmed and probable at C+P, and possible only at any tier', () => {
    expect([isCP('confirmed'), isCP('probable'), isCP('possible'), isCP('none'), isCP('error')]).toEqual([true, true, false, false, false]);
    expect([isAny('confirmed'), isAny('probable'), isAny('possible'), isAny('none'), isAny('error')]).toEqual([true, true, true, false, false]);
  });
});

describe('summariseRows and summarise', () => {
  it('computes C+P, any and both baselines per kind', () => {
    const r = summariseRows('exact', true, [
      row({ answer: 'confirmed' }),
      row({ answer: 'possible', exact: false }),
      row({ answer: 'none', exact: false, fuzzy: false }),
      row({ answer: 'probable', exact: false }),
    ]);
    expect(r).toEqual({ kind: 'exact', positive: true, n: 4, cp: 0.5, any: 0.75, exact: 0.25, fuzzy: 0.75, wrongPerson: 0 });
  });

  it('counts a positive matched only to other records as the wrong person', () => {
    expect(isWrongPerson(row({ expectedSourceRow: 5, sourceRows: [9] }))).toBe(true);
    expect(isWrongPerson(row({ expectedSourceRow: 5, sourceRows: [9, 5] }))).toBe(false);
    expect(isWrongPerson(row({ expectedSourceRow: 5, sourceRows: [] }))).toBe(false);
    expect(isWrongPerson(row({ expectedSourceRow: 5, sourceRows: [9], answer: 'none' }))).toBe(false);
    expect(isWrongPerson(row({ positive: false, expectedSourceRow: null, sourceRows: [9] }))).toBe(false);
    expect(summariseRows('exact', true, [row({ expectedSourceRow: 5, sourceRows: [9] })]).wrongPerson).toBe(1);
  });

  it('separates positives from negatives, keeps kind order and counts errors', () => {
    const s = summarise([
      row({ kind: 'name-typo', answer: 'possible' }),
      row({ kind: 'exact' }),
      row({ kind: 'common-name', positive: false, answer: 'possible', exact: false, fuzzy: false }),
      row({ kind: 'not-listed', positive: false, answer: 'none', exact: false, fuzzy: false }),
      row({ kind: 'exact', answer: 'error' }),
    ]);
    expect(s.positives.map((r) => r.kind)).toEqual(['exact', 'name-typo']);
    expect(s.negatives.map((r) => r.kind)).toEqual(['not-listed', 'common-name']);
    expect(s.overallPositive).toMatchObject({ n: 3, cp: 1 / 3, any: 2 / 3 });
    expect(s.overallNegative).toMatchObject({ n: 2, cp: 0, any: 0.5 });
    expect(s.errors).toBe(1);
    expect(formatSummary(s)).toContain('common-name');
  });
});

describe('checkTargets', () => {
  it('passes a perfect run and fails each target on its own', () => {
    const good = summarise([row({}), row({ kind: 'arabic-script', fuzzy: false }), row({ kind: 'not-listed', positive: false, answer: 'none', exact: false, fuzzy: false })]);
    expect(checkTargets(good).every((t) => t.pass)).toBe(true);

    const weak = summarise([
      row({ kind: 'name-typo', answer: 'none' }),
      row({ kind: 'arabic-script', answer: 'none', fuzzy: false }),
      row({ kind: 'common-name', positive: false, answer: 'probable' }),
    ]);
    const res = checkTargets(weak);
    expect(res.map((t) => t.pass)).toEqual([false, false, false, false, false]);
    expect(res[1]?.detail).toContain('name-typo 0.0% < 100.0%');
    expect(res[1]?.detail).toContain('arabic-script 0.0% < 80.0%');
  });
});
