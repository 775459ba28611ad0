/**
 * Dates of birth as agencies and intake systems write them: ISO, MM/DD/YYYY, DD/MM/YYYY, 15-MAR-1990,
 * "March 15, 1990", YYYYMMDD, spreadsheet serial numbers and spreadsheet Date cells. Numeric dates
 * are read in the order given for their column (see `inferDateOrder`).
 */
export type DateOrder = 'MDY' | 'DMY';

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

export type DateParse = { ok: true; date: CalendarDate } | { ok: false; reason: string };

const MONTHS: Record<string, number> = {};
(
  [
    ['jan', 'january', 'ene', 'enero', 'janv', 'janvier', 'janeiro'],
    ['feb', 'february', 'febrero', 'fev', 'fevr', 'fevrier', 'fevereiro'],
    ['mar', 'march', 'marzo', 'mars', 'marco'],
    ['apr', 'april', 'abr', 'abril', 'avr', 'avril'],
    ['may', 'mayo', 'mai', 'maio'],
    ['jun', 'june', 'junio', 'juin', 'junho'],
    ['jul', 'july', 'julio', 'juil', 'juillet', 'julho'],
    ['aug', 'august', 'ago', 'agosto', 'aout'],
    ['sep', 'sept', 'september', 'septiembre', 'set', 'setembro', 'septembre'],
    ['oct', 'october', 'octubre', 'out', 'outubro', 'octobre'],
    ['nov', 'november', 'noviembre', 'novembre', 'novembro'],
    ['dec', 'december', 'dic', 'diciembre', 'dez', 'dezembro', 'decembre'],
  ] as const
).forEach((names, i) => names.forEach((n) => (MONTHS[n] = i + 1)));

const EARLIEST_YEAR = 1900;

export function isValidDate(d: CalendarDate, today: Date = new Date()): boolean {
  if (!Number.isInteger(d.year) || !Number.isInteger(d.month) || !Number.isInteger(d.day)) return false;
  if (d.month < 1 || d.month > 12 || d.day < 1) return false;
  const daysInMonth = new Date(Date.UTC(d.year, d.month, 0)).getUTCDate();
  if (d.day > daysInMonth) return false;
  return d.year >= EARLIEST_YEAR && Date.UTC(d.year, d.month - 1, d.day) <= today.getTime();
}

export function formatIso(d: CalendarDate): string {
  return `${String(d.year).padStart(4, '0')}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

/** Two-digit years are births: 05 is 2005 only if that is not in the future, else 1905. */
function fullYear(y: string, today: Date): number {
  if (y.length === 4) return Number(y);
  const yy = Number(y);
  const century = Math.floor(today.getUTCFullYear() / 100) * 100;
  return century + yy > today.getUTCFullYear() ? century - 100 + yy : century + yy;
}

/**
 * Spreadsheet serial date (1900 system): days since 1899-12-30. The epoch absorbs Lotus 1-2-3's
 * phantom 29 February 1900, so serials from 61 on (1 March 1900) convert exactly.
 */
export function fromSpreadsheetSerial(serial: number): CalendarDate | null {
  if (!Number.isFinite(serial) || serial < 61 || serial > 2958465) return null;
  const ms = Date.UTC(1899, 11, 30) + Math.floor(serial) * 86_400_000;
  const d = new Date(ms);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

const NUMERIC = /^(\d{1,2})[/.\-\s](\d{1,2})[/.\-\s](\d{4}|\d{2})$/;
const ISO = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[t\s].*)?$/;
const DAY_MONTH_NAME = /^(\d{1,2})(?:st|nd|rd|th)?[\s\-/.]*([a-z]{3,10})\.?[\s\-/.,]*(\d{4}|\d{2})$/;
const MONTH_NAME_DAY = /^([a-z]{3,10})\.?[\s\-/.]*(\d{1,2})(?:st|nd|rd|th)?,?[\s\-/.]*(\d{4})$/;
const COMPACT = /^(19|20)(\d{2})(\d{2})(\d{2})$/;
const SERIAL = /^\d{2,5}(?:\.\d+)?$/;

function checked(d: CalendarDate, today: Date, what = 'date of birth'): DateParse {
  if (!isValidDate(d, today)) {
    const inFuture = Date.UTC(d.year, d.month - 1, d.day) > today.getTime() && d.month >= 1 && d.month <= 12;
    return { ok: false, reason: inFuture ? `${what} is in the future` : `${what} is not a real calendar date` };
  }
  return { ok: true, date: d };
}

/**
 * Which order one numeric value proves, if any: 25/03/1990 can only be day-first, 03/25/1990 only
 * month-first, 03/04/1990 proves nothing.
 */
export function dateOrderEvidence(raw: unknown): DateOrder | null {
  if (typeof raw !== 'string') return null;
  const m = NUMERIC.exec(raw.trim());
  if (!m) return null;
  const a = Number(m[1]);
  const b = Number(m[2]);
  if (a > 12 && b <= 12) return 'DMY';
  if (b > 12 && a <= 12) return 'MDY';
  return null;
}

export interface DateOrderInference {
  order: DateOrder;
  /** How the order was settled: by values that allow only one reading, or by default. */
  basis: 'values' | 'default' | 'mixed';
}

/** Infers a column's numeric date order from its values. Month-first (US agencies) by default. */
export function inferDateOrder(values: Iterable<unknown>): DateOrderInference {
  let dmy = 0;
  let mdy = 0;
  for (const v of values) {
    const e = dateOrderEvidence(v);
    if (e === 'DMY') dmy++;
    else if (e === 'MDY') mdy++;
  }
  if (dmy > 0 && mdy > 0) return { order: dmy > mdy ? 'DMY' : 'MDY', basis: 'mixed' };
  if (dmy > 0) return { order: 'DMY', basis: 'values' };
  if (mdy > 0) return { order: 'MDY', basis: 'values' };
  return { order: 'MDY', basis: 'default' };
}

export function parseDateOfBirth(raw: unknown, order: DateOrder = 'MDY', today: Date = new Date()): DateParse {
  if (raw instanceof Date) {
    if (Number.isNaN(raw.getTime())) return { ok: false, reason: 'date of birth is not a real calendar date' };
    // Spreadsheet readers give date cells as midnight UTC.
    return checked({ year: raw.getUTCFullYear(), month: raw.getUTCMonth() + 1, day: raw.getUTCDate() }, today);
  }
  if (typeof raw === 'number') {
    const d = fromSpreadsheetSerial(raw);
    return d ? checked(d, today) : { ok: false, reason: 'date of birth is a number that is not a spreadsheet date' };
  }
  if (typeof raw !== 'string') return { ok: false, reason: 'date of birth is missing' };
  const s = raw.trim().toLowerCase();
  if (!s) return { ok: false, reason: 'date of birth is missing' };

  let m: RegExpExecArray | null;
  if ((m = ISO.exec(s))) {
    const iso = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
    // Year first with the day before the month (1990-15-03) happens when a day-first date is
    // re-typed; read it the only way it is valid.
    const swapped = { year: iso.year, month: iso.day, day: iso.month };
    return checked(!isValidDate(iso, today) && iso.month > 12 && isValidDate(swapped, today) ? swapped : iso, today);
  }
  if ((m = NUMERIC.exec(s))) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    const year = fullYear(m[3] as string, today);
    const preferred = order === 'MDY' ? { year, month: a, day: b } : { year, month: b, day: a };
    if (isValidDate(preferred, today)) return { ok: true, date: preferred };
    // A value that has only one valid reading (25/03 in a month-first column) is read that way.
    const other = order === 'MDY' ? { year, month: b, day: a } : { year, month: a, day: b };
    return checked(isValidDate(other, today) ? other : preferred, today);
  }
  if ((m = COMPACT.exec(s))) return checked({ year: Number(m[1]! + m[2]!), month: Number(m[3]), day: Number(m[4]) }, today);
  if ((m = DAY_MONTH_NAME.exec(s))) {
    const month = MONTHS[m[2] as string];
    if (month) return checked({ year: fullYear(m[3] as string, today), month, day: Number(m[1]) }, today);
  }
  if ((m = MONTH_NAME_DAY.exec(s))) {
    const month = MONTHS[m[1] as string];
    if (month) return checked({ year: Number(m[3]), month, day: Number(m[2]) }, today);
  }
  if (SERIAL.test(s)) {
    const d = fromSpreadsheetSerial(Number(s));
    if (d) return checked(d, today);
  }
  return { ok: false, reason: 'date of birth is not in a recognised format' };
}

/** 1 January is what agencies record when only the year is known. */
export function isPossiblePlaceholder(d: CalendarDate): boolean {
  return d.month === 1 && d.day === 1;
}
