/**
 * Alien registration numbers ("A-numbers") as they are written: A012345678, A-012-345-678,
 * 012-345-678, 012 345 678, A# 12345678, 12345678 (older eight-digit numbers), or a spreadsheet
 * number that lost its leading zero. Normalised to nine digits.
 */
export type ANumberParse = { ok: true; value: string } | { ok: false; reason: string };

const WRITTEN = /^(?:a\s*[-#:.]?\s*(?:no\.?|number)?\s*[-#:.]?\s*)?(\d[\d\s.-]*\d)$/;

export function parseANumber(raw: unknown): ANumberParse {
  if (raw === null || raw === undefined) return { ok: false, reason: 'A-number is missing' };
  if (typeof raw === 'number') {
    if (!Number.isInteger(raw) || raw <= 0) return { ok: false, reason: 'A-number is not in a recognised format' };
    raw = String(raw);
  }
  if (typeof raw !== 'string') return { ok: false, reason: 'A-number is not in a recognised format' };
  const s = raw.trim().toLowerCase();
  if (!s) return { ok: false, reason: 'A-number is missing' };
  const m = WRITTEN.exec(s);
  if (!m) return { ok: false, reason: 'A-number is not in a recognised format' };
  const digits = (m[1] as string).replace(/\D/g, '');
  if (digits.length < 7 || digits.length > 9) return { ok: false, reason: 'A-number must have 7 to 9 digits' };
  const value = digits.padStart(9, '0');
  if (/^0+$/.test(value)) return { ok: false, reason: 'A-number is all zeros' };
  return { ok: true, value };
}
