import { toLatin } from '../matching/normalize';
import type { RawRow } from './readers/types';

/**
 * Column detection: finds the header row and which column holds each field, from the header names
 * agencies and case-management systems use. Headers are column names, not values, but when a file has
 * no header row its first row is data: messages here never quote header cells.
 */
export type Field = 'fullName' | 'givenNames' | 'middleNames' | 'familyNames' | 'dateOfBirth' | 'aNumber' | 'nationality';
export const FIELDS: readonly Field[] = ['fullName', 'givenNames', 'middleNames', 'familyNames', 'dateOfBirth', 'aNumber', 'nationality'];

/** Categories of data a column exposes; the dataset's provenance lists those present. */
export type Category =
  | 'name'
  | 'date_of_birth'
  | 'a_number'
  | 'nationality'
  | 'country_of_birth'
  | 'gender'
  | 'detention_facility'
  | 'detention_dates'
  | 'case_status'
  | 'fear_screening'
  | 'criminal_history'
  | 'contact_details'
  | 'other';

export const CATEGORY_LABELS: Record<Category, string> = {
  name: 'name',
  date_of_birth: 'date of birth',
  a_number: 'A-number',
  nationality: 'nationality',
  country_of_birth: 'country of birth',
  gender: 'gender',
  detention_facility: 'detention facility or location',
  detention_dates: 'detention or book-in dates',
  case_status: 'case status',
  fear_screening: 'fear-screening results',
  criminal_history: 'criminal history',
  contact_details: 'contact details',
  other: 'other information',
};

const FIELD_CATEGORY: Record<Field, Category> = {
  fullName: 'name',
  givenNames: 'name',
  middleNames: 'name',
  familyNames: 'name',
  dateOfBirth: 'date_of_birth',
  aNumber: 'a_number',
  nationality: 'nationality',
};

/** Field patterns over a normalised header (lower-case ASCII words). Order matters: first wins. */
const FIELD_PATTERNS: Array<[Field, RegExp]> = [
  ['aNumber', /^(?:(?:a|alien)(?: ?(?:no|nbr|num|number|#|id|file(?: number| no)?|reg(?:istration)?(?: number| no)?))?|anum(?:ber)?|a number|alien registration number)$/],
  ['dateOfBirth', /\b(?:dob|d o b|date of birth|birth ?date|birthdate|born|fecha de nacimiento|fecha nac(?:imiento)?|f nac|date de naissance|data de nascimento)\b/],
  ['middleNames', /\bmiddle\b/],
  ['givenNames', /\b(?:first|given|forenames?|nombres?|prenoms?|primeiro nome)\b/],
  ['familyNames', /\b(?:last|family|surnames?|apellidos?|nom de famille|sobrenome)\b/],
  ['nationality', /\b(?:nationality|citizenship|nacionalidad|country of citizenship|citizen)\b|^country$/],
  ['fullName', /\bname\b|\bnombre\b|^nom$|^full ?name$/],
];

const OTHER_PATTERNS: Array<[Category, RegExp]> = [
  ['country_of_birth', /\b(?:country of birth|birth country|place of birth|pob|cob)\b/],
  ['fear_screening', /\b(?:fear|cfi|rfi|asylum|screening|persecution|torture)\b/],
  ['detention_dates', /\b(?:book ?in|booking|arrest|apprehension|entry|release|detained since|admission)\b/],
  ['detention_facility', /\b(?:facility|detention|center|centre|location|aor|field office|housing|unit)\b/],
  ['case_status', /\b(?:case|status|docket|proceedings?|hearing|judge|court|removal|order|disposition)\b/],
  ['gender', /\b(?:gender|sex)\b/],
  ['criminal_history', /\b(?:criminal|conviction|charge|offen[cs]e)\b/],
  ['contact_details', /\b(?:phone|email|address|telephone|contact)\b/],
];

export function normalizeHeader(header: unknown): string {
  const s = header === null || header === undefined ? '' : String(header);
  return toLatin(s)
    .toLowerCase()
    .replace(/#/g, ' # ')
    .replace(/[^a-z0-9#]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/ #$/, '#')
    .replace(/^a ?#$/, 'a #');
}

export function fieldForHeader(header: unknown): Field | null {
  const h = normalizeHeader(header);
  if (!h) return null;
  for (const [field, re] of FIELD_PATTERNS) if (re.test(h)) return field;
  return null;
}

export function categoryForHeader(header: unknown): Category {
  const field = fieldForHeader(header);
  if (field) return FIELD_CATEGORY[field];
  const h = normalizeHeader(header);
  for (const [cat, re] of OTHER_PATTERNS) if (re.test(h)) return cat;
  return 'other';
}

export type ColumnMapping = Partial<Record<Field, number>>;

export interface Layout {
  /** Index into the rows given to `detectLayout` of the header row. */
  headerIndex: number;
  headerRowNumber: number;
  headers: string[];
  mapping: ColumnMapping;
  /** Category of every column, in column order. */
  columnCategories: Category[];
}

export class LayoutError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LayoutError';
  }
}

const HEADER_SEARCH_ROWS = 10;

function mappingFor(headers: unknown[]): ColumnMapping {
  const mapping: ColumnMapping = {};
  headers.forEach((h, i) => {
    const field = fieldForHeader(h);
    if (field && mapping[field] === undefined) mapping[field] = i;
  });
  // "Name" next to "First name" is the family name in some exports; split columns win over a full name.
  if (mapping.fullName !== undefined && (mapping.givenNames !== undefined || mapping.familyNames !== undefined)) {
    if (mapping.familyNames === undefined) mapping.familyNames = mapping.fullName;
    else if (mapping.givenNames === undefined) mapping.givenNames = mapping.fullName;
    delete mapping.fullName;
  }
  return mapping;
}

const score = (m: ColumnMapping) => Object.keys(m).length;

/** Aliases accepted by `--map field=Column`. */
const MAP_ALIASES: Record<string, Field> = {
  name: 'fullName', fullname: 'fullName', full: 'fullName',
  given: 'givenNames', givennames: 'givenNames', first: 'givenNames', firstname: 'givenNames',
  middle: 'middleNames', middlenames: 'middleNames', middlename: 'middleNames',
  family: 'familyNames', familynames: 'familyNames', last: 'familyNames', lastname: 'familyNames', surname: 'familyNames',
  dob: 'dateOfBirth', dateofbirth: 'dateOfBirth', birth: 'dateOfBirth', birthdate: 'dateOfBirth',
  anumber: 'aNumber', a: 'aNumber', alien: 'aNumber',
  nationality: 'nationality', country: 'nationality', citizenship: 'nationality',
};

/** Parses `--map name=Full Name,dob=Birth Date` into field → column reference (header text or number). */
export function parseMapOption(spec: string | undefined): Partial<Record<Field, string>> {
  const out: Partial<Record<Field, string>> = {};
  if (!spec) return out;
  for (const part of spec.split(',')) {
    if (!part.trim()) continue;
    const eq = part.indexOf('=');
    if (eq <= 0) throw new LayoutError(`--map expects field=Column pairs separated by commas (for example name=Full Name,dob=DOB)`);
    const key = part.slice(0, eq).trim().toLowerCase().replace(/[^a-z]/g, '');
    const field = MAP_ALIASES[key];
    if (!field) throw new LayoutError(`--map: unknown field "${part.slice(0, eq).trim()}"; use one of name, given, middle, family, dob, anumber, nationality`);
    out[field] = part.slice(eq + 1).trim();
  }
  return out;
}

function resolveColumn(ref: string, headers: unknown[]): number | null {
  const want = normalizeHeader(ref);
  const byName = headers.findIndex((h) => normalizeHeader(h) === want);
  if (byName >= 0) return byName;
  if (/^\d+$/.test(ref) && Number(ref) >= 1) return Number(ref) - 1;
  return null;
}

const isBlankRow = (r: RawRow) => r.cells.every((c) => c === null || c === undefined || String(c).trim() === '');

/**
 * Finds the header row among the first rows and maps fields to columns, then applies `--map`.
 * Throws a LayoutError naming what is missing when no name column or no date-of-birth / A-number
 * column can be found.
 */
export function detectLayout(rows: RawRow[], overrides: Partial<Record<Field, string>> = {}): Layout {
  const candidates = rows.slice(0, HEADER_SEARCH_ROWS);
  if (candidates.length === 0 || candidates.every(isBlankRow)) throw new LayoutError('the file is empty');
  const overrideRefs = Object.values(overrides);

  let best = -1;
  let bestScore = 0;
  candidates.forEach((row, i) => {
    if (isBlankRow(row)) return;
    let s = score(mappingFor(row.cells));
    // A row that holds the columns named in --map is the header row.
    s += overrideRefs.filter((ref) => row.cells.some((c) => normalizeHeader(c) === normalizeHeader(ref))).length * 10;
    if (s > bestScore) {
      best = i;
      bestScore = s;
    }
  });
  if (best < 0) best = candidates.findIndex((r) => !isBlankRow(r));

  const headerRow = candidates[best] as RawRow;
  const headers = headerRow.cells.map((c) => (c === null || c === undefined ? '' : String(c)));
  const mapping = bestScore > 0 ? mappingFor(headers) : {};
  for (const [field, ref] of Object.entries(overrides) as Array<[Field, string]>) {
    const col = resolveColumn(ref, headers);
    if (col === null) throw new LayoutError(`--map ${field}: no column of that name in the header row`);
    for (const f of FIELDS) if (mapping[f] === col) delete mapping[f];
    mapping[field] = col;
  }
  if (overrides.fullName !== undefined) {
    if (overrides.givenNames === undefined) delete mapping.givenNames;
    if (overrides.familyNames === undefined) delete mapping.familyNames;
  }

  const hasName = mapping.fullName !== undefined || mapping.givenNames !== undefined || mapping.familyNames !== undefined;
  const hasKeyPart = mapping.dateOfBirth !== undefined || mapping.aNumber !== undefined;
  if (!hasName || !hasKeyPart) {
    const missing = [!hasName && 'a name column', !hasKeyPart && 'a date-of-birth or A-number column'].filter(Boolean).join(' and ');
    throw new LayoutError(
      `no ${missing} was recognised in the first ${HEADER_SEARCH_ROWS} rows; name the columns with ` +
        '--map (for example --map name="Full Name",dob="Birth Date")',
    );
  }

  const columnCategories = headers.map((h, i) => {
    const mapped = (Object.entries(mapping) as Array<[Field, number]>).find(([, col]) => col === i);
    return mapped ? FIELD_CATEGORY[mapped[0]] : categoryForHeader(h);
  });
  return { headerIndex: best, headerRowNumber: headerRow.rowNumber, headers, mapping, columnCategories };
}

/** Human description of a mapping for the dry run: field → header (headers are column names). */
export function describeMapping(layout: Layout): Array<{ field: Field; column: number; header: string }> {
  return (Object.entries(layout.mapping) as Array<[Field, number]>).map(([field, column]) => ({
    field,
    column: column + 1,
    header: layout.headers[column] ?? '',
  }));
}
