import { z } from 'zod';
import { FIELDS, type Field } from '../../ingest/columns';
import { lookupSchema } from '../lookup/schema';
import type { FieldProblem } from './problem';

/**
 * Request schemas of API v1. The lookup is the web form's schema (the same minimum query and
 * messages); a roster's optional mapping names, per field, a header of the file or a 1-based column.
 */
export const apiLookupSchema = lookupSchema;

const columnRef = z.string().trim().min(1, 'must name a column').max(200, 'must be at most 200 characters');

export const rosterOptionsSchema = z.object({
  mapping: z
    .string()
    .max(4000, 'must be at most 4000 characters')
    .optional()
    .transform((text, ctx) => {
      if (text === undefined || text.trim() === '') return {} as Partial<Record<Field, string>>;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be a JSON object of field names to column headers or numbers' });
        return z.NEVER;
      }
      const parsed = z.partialRecord(z.enum(FIELDS as [Field, ...Field[]]), z.union([columnRef, z.number().int().min(1).max(10_000).transform(String)])).safeParse(value);
      if (!parsed.success) {
        ctx.addIssue({ code: 'custom', message: `must map only the fields ${FIELDS.join(', ')} to column headers or 1-based column numbers` });
        return z.NEVER;
      }
      return parsed.data as Partial<Record<Field, string>>;
    }),
  dateOrder: z.enum(['MDY', 'DMY'], { message: 'must be MDY or DMY' }).optional(),
});

/** Zod issues as problem-detail field errors: the field's name and the schema's message, no value. */
export function fieldProblems(error: z.ZodError): FieldProblem[] {
  const seen = new Set<string>();
  const out: FieldProblem[] = [];
  for (const issue of error.issues) {
    const field = issue.path.length ? issue.path.map(String).join('.') : 'body';
    if (seen.has(field)) continue;
    seen.add(field);
    out.push({ field, message: issue.message });
  }
  return out;
}
