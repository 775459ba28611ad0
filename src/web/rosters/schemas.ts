import { z } from 'zod';
import { FIELDS, type Field } from '../../ingest/columns';
import type { DateOrder } from '../../matching/dates';

/**
 * The mapping step: for each field a column number (1-based) of the uploaded file or nothing, and the
 * date order. Messages name the field, never a value.
 */
export const MAPPED_FIELDS: readonly Field[] = FIELDS;

const column = z.string().trim().regex(/^\d{0,4}$/, 'choose a column from the list').default('');

export const mappingSchema = z.object({
  ...Object.fromEntries(MAPPED_FIELDS.map((f) => [`map_${f}`, column])),
  dateOrder: z.enum(['auto', 'MDY', 'DMY'], { message: 'choose how dates are written' }).default('auto'),
}) as unknown as z.ZodType<Record<`map_${Field}`, string> & { dateOrder: 'auto' | DateOrder }>;

export type MappingForm = z.infer<typeof mappingSchema>;

/** Field → 1-based column reference as text, for the engine's map (the format of `--map`). */
export function mapFromForm(form: MappingForm, width: number): { map: Partial<Record<Field, string>>; exclude: Field[]; problem?: string } {
  const map: Partial<Record<Field, string>> = {};
  const exclude: Field[] = [];
  for (const f of MAPPED_FIELDS) {
    const v = form[`map_${f}`];
    if (!v) {
      exclude.push(f); // "Not in this file": also when detection had guessed a column
      continue;
    }
    const n = Number(v);
    if (n < 1 || n > width) return { map, exclude, problem: `map_${f}` };
    map[f] = v;
  }
  return { map, exclude };
}
