import { nameTokens, persianReading } from './normalize';
import { parseANumber } from './anumber';
import { parseDateOfBirth, type CalendarDate, type DateOrder } from './dates';

/** A person as read from one row or one form: raw cells, before any normalisation. */
export interface PersonInput {
  fullName?: unknown;
  givenNames?: unknown;
  familyNames?: unknown;
  dateOfBirth?: unknown;
  aNumber?: unknown;
  nationality?: unknown;
}

/**
 * What match keys are built from. Holds normalised values only in memory, for the time it takes to
 * hash them; nothing of this type is ever stored or logged.
 */
export interface NormalizedPerson {
  /** All name tokens, order as written. */
  tokens: string[];
  /** Given-name tokens and family-name tokens when the source tells them apart. */
  given: string[];
  family: string[];
  /** Whether given and family are known, from split columns, "FAMILY, GIVEN" or Chinese characters. */
  splitKnown: boolean;
  dateOfBirth?: CalendarDate;
  aNumber?: string;
  /**
   * Other readings of the same name that a lookup also tries (the Persian values of Arabic letters).
   * Records are keyed by their primary reading only.
   */
  alternateNames?: NameReading[];
}

export type NameReading = Pick<NormalizedPerson, 'tokens' | 'given' | 'family' | 'splitKnown'>;

export type PersonParse =
  | { ok: true; person: NormalizedPerson; warnings: string[] }
  | { ok: false; reason: string };

const HAN_ONLY = /^[\p{Script=Han}\s·・]+$/u;

const text = (v: unknown): string => (v === null || v === undefined ? '' : String(v).trim());

function splitName(input: PersonInput): NameReading {
  const givenRaw = text(input.givenNames);
  const familyRaw = text(input.familyNames);
  if (givenRaw || familyRaw) {
    const given = nameTokens(givenRaw, 'given');
    const family = nameTokens(familyRaw, 'family');
    return { given, family, splitKnown: given.length > 0 && family.length > 0, tokens: [...given, ...family] };
  }
  const full = text(input.fullName);
  const comma = full.indexOf(',');
  if (comma > 0) {
    // Agency style: "GARCIA LOPEZ, MARIA JOSE".
    const family = nameTokens(full.slice(0, comma), 'family');
    const given = nameTokens(full.slice(comma + 1), 'given');
    return { given, family, splitKnown: given.length > 0 && family.length > 0, tokens: [...family, ...given] };
  }
  const tokens = nameTokens(full, 'full');
  if (HAN_ONLY.test(full) && tokens.length === 2) {
    // 张伟: family name first, romanised as [zhang, wei] by nameTokens.
    return { family: [tokens[0] as string], given: [tokens[1] as string], splitKnown: true, tokens };
  }
  return { given: [], family: [], splitKnown: false, tokens };
}

function persianNameInput(input: PersonInput): PersonInput | null {
  let changed = false;
  const read = (v: unknown) => {
    if (typeof v !== 'string') return v;
    const r = persianReading(v);
    if (r === null) return v;
    changed = true;
    return r;
  };
  const out = { ...input, fullName: read(input.fullName), givenNames: read(input.givenNames), familyNames: read(input.familyNames) };
  return changed ? out : null;
}

/**
 * Normalises one person. Rejects only what cannot be keyed at all: no name, or neither a usable date
 * of birth nor a usable A-number. Reasons name the field, never its value.
 */
export function normalizePerson(input: PersonInput, dateOrder: DateOrder = 'MDY', today: Date = new Date()): PersonParse {
  const name = splitName(input);
  if (name.tokens.length === 0) return { ok: false, reason: 'no name' };

  const warnings: string[] = [];
  const person: NormalizedPerson = { ...name };
  const persian = persianNameInput(input);
  if (persian) {
    const alt = splitName(persian);
    if (alt.tokens.join(' ') !== name.tokens.join(' ')) person.alternateNames = [alt];
  }

  const dobRaw = input.dateOfBirth;
  const hasDob = !(dobRaw === undefined || dobRaw === null || text(dobRaw) === '');
  let dobReason: string | undefined;
  if (hasDob) {
    const dob = parseDateOfBirth(dobRaw, dateOrder, today);
    if (dob.ok) person.dateOfBirth = dob.date;
    else dobReason = dob.reason;
  }

  const anRaw = input.aNumber;
  const hasANumber = !(anRaw === undefined || anRaw === null || text(anRaw) === '');
  let anReason: string | undefined;
  if (hasANumber) {
    const an = parseANumber(anRaw);
    if (an.ok) person.aNumber = an.value;
    else anReason = an.reason;
  }

  if (!person.dateOfBirth && !person.aNumber) {
    if (dobReason) return { ok: false, reason: anReason ? `${dobReason}; ${anReason}` : dobReason };
    if (anReason) return { ok: false, reason: `no date of birth; ${anReason}` };
    return { ok: false, reason: 'no date of birth and no A-number' };
  }
  if (dobReason) warnings.push(`${dobReason}; matched by A-number only`);
  if (anReason) warnings.push(`${anReason}; matched by name and date of birth only`);
  return { ok: true, person, warnings };
}
