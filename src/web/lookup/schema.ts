import { z } from 'zod';

/**
 * The lookup form. Every message names the field and says how to fix it; none repeats a value. The
 * minimum query — a name and a full date of birth, or a name and an A-number — is enforced here, so
 * a stolen account cannot search by a name alone or by part of one.
 */
const field = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`).default('');
/**
 * A name is matched whole: wildcard characters, control characters (NUL, line breaks) and a value with
 * no letter at all are refused by field, so that nothing looks like a partial or pattern search.
 */
const nameField = (max: number) =>
  field(max)
    .refine((v) => !/[*%_?]/.test(v), 'must not contain * % _ or ?: a lookup matches whole names only')
    .refine((v) => !/\p{Cc}/u.test(v), 'must not contain control characters')
    .refine((v) => v === '' || /\p{L}/u.test(v), 'must contain letters');

export const lookupSchema = z
  .object({
    givenNames: nameField(200),
    familyNames: nameField(200),
    fullName: nameField(300),
    dateOfBirth: field(10).refine((v) => v === '' || isFullIsoDate(v), 'Enter the date of birth as a full date: day, month and year.'),
    aNumber: field(20).refine(
      (v) => v === '' || /^[Aa]?[\d\s-]{7,13}$/.test(v),
      'Enter the A-number as 8 or 9 digits, with or without the leading A (for example A012345678).',
    ),
    nationality: field(100).refine((v) => !/\p{Cc}/u.test(v), 'must not contain control characters'),
  })
  .superRefine((v, ctx) => {
    if (!v.givenNames && !v.familyNames && !v.fullName) {
      ctx.addIssue({ code: 'custom', path: ['familyNames'], message: 'Enter the client’s family name and given names, or their full name.' });
    } else if ((v.givenNames || v.familyNames) && v.fullName) {
      ctx.addIssue({ code: 'custom', path: ['fullName'], message: 'Enter either separate given and family names or a full name, not both.' });
    }
    if (!v.dateOfBirth && !v.aNumber) {
      ctx.addIssue({ code: 'custom', path: ['dateOfBirth'], message: 'Enter a full date of birth, or an A-number.' });
    }
  });

export type LookupQuery = z.infer<typeof lookupSchema>;

export const LOOKUP_FIELDS = ['givenNames', 'familyNames', 'fullName', 'dateOfBirth', 'aNumber', 'nationality'] as const;

function isFullIsoDate(v: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

export interface FieldErrors {
  [field: string]: string;
}

/** The first message per field; messages are the schema's own, which never quote input. */
export function fieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? 'form');
    out[key] ??= issue.message;
  }
  return out;
}

/** The name as the attorney typed it, for the notice: rendered from the request, never stored. */
export function typedName(q: LookupQuery): string {
  return q.fullName || [q.givenNames, q.familyNames].filter(Boolean).join(' ');
}
