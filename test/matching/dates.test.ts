import { formatIso, fromSpreadsheetSerial, inferDateOrder, parseDateOfBirth } from '../../src/matching/dates';

const today = new Date(Date.UTC(2026, 10, 24));
const iso = (raw: unknown, order: 'MDY' | 'DMY' = 'MDY') => {
  const r = parseDateOfBirth(raw, order, today);
  return r.ok ? formatIso(r.date) : `error: ${r.reason}`;
};

describe('parseDateOfBirth', () => {
  it.each([
    ['1990-03-15', '1990-03-15'],
    ['1990/3/5', '1990-03-05'],
    ['1990-03-15T00:00:00Z', '1990-03-15'],
    ['1990-15-03', '1990-03-15'],
    ['03/15/1990', '1990-03-15'],
    ['3/5/1990', '1990-03-05'],
    ['15-MAR-1990', '1990-03-15'],
    ['15 March 1990', '1990-03-15'],
    ['15-mar-90', '1990-03-15'],
    ['March 15, 1990', '1990-03-15'],
    ['Mar. 5 1990', '1990-03-05'],
    ['5 ene 1990', '1990-01-05'],
    ['19900315', '1990-03-15'],
    ['32947', '1990-03-15'],
    [32947, '1990-03-15'],
    [new Date(Date.UTC(1990, 2, 15)), '1990-03-15'],
    ['03/15/05', '2005-03-15'],
    ['03/15/45', '1945-03-15'],
  ])('%p -> %s', (raw, expected) => {
    expect(iso(raw)).toBe(expected);
  });

  it('reads numeric dates in the column order, and a value with one valid reading that way', () => {
    expect(iso('03/04/1990', 'MDY')).toBe('1990-03-04');
    expect(iso('03/04/1990', 'DMY')).toBe('1990-04-03');
    expect(iso('25/03/1990', 'MDY')).toBe('1990-03-25');
    expect(iso('15.03.1990', 'DMY')).toBe('1990-03-15');
  });

  it.each([
    ['', 'missing'],
    ['13/45/1990', 'not a real calendar date'],
    ['1990-02-30', 'not a real calendar date'],
    ['02/29/1991', 'not a real calendar date'],
    ['2030-01-01', 'in the future'],
    ['1850-01-01', 'not a real calendar date'],
    ['yesterday', 'not in a recognised format'],
    ['15-XYZ-1990', 'not in a recognised format'],
    [-5, 'not a spreadsheet date'],
    [{}, 'missing'],
  ])('rejects %p with a reason that names the field', (raw, reason) => {
    const r = parseDateOfBirth(raw, 'MDY', today);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason).toContain('date of birth');
      expect(r.reason).toContain(reason);
      if (typeof raw === 'string' && raw) expect(r.reason).not.toContain(raw);
    }
  });

  it('accepts 29 February in a leap year', () => {
    expect(iso('02/29/1992')).toBe('1992-02-29');
  });
});

describe('inferDateOrder', () => {
  it('is settled by a value with only one reading', () => {
    expect(inferDateOrder(['03/04/1990', '25/03/1990'])).toEqual({ order: 'DMY', basis: 'values' });
    expect(inferDateOrder(['03/04/1990', '03/25/1990'])).toEqual({ order: 'MDY', basis: 'values' });
  });
  it('defaults to month first when nothing settles it', () => {
    expect(inferDateOrder(['03/04/1990', '1990-01-01', ''])).toEqual({ order: 'MDY', basis: 'default' });
  });
  it('follows the majority of a mixed column', () => {
    expect(inferDateOrder(['25/03/1990', '26/03/1990', '03/25/1990']).order).toBe('DMY');
    expect(inferDateOrder(['25/03/1990', '26/03/1990', '03/25/1990']).basis).toBe('mixed');
  });
});

describe('fromSpreadsheetSerial', () => {
  it('converts across the 1900 leap-year bug', () => {
    expect(fromSpreadsheetSerial(61)).toEqual({ year: 1900, month: 3, day: 1 });
    expect(fromSpreadsheetSerial(36526)).toEqual({ year: 2000, month: 1, day: 1 });
    expect(fromSpreadsheetSerial(10)).toBeNull();
  });
});
