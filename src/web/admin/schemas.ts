import { z } from 'zod';
import { ROLES } from '../../store/accounts-repo';

const role = z.enum(ROLES as [string, ...string[]], { message: 'Choose a role: admin, attorney or staff.' }).transform((v) => v as (typeof ROLES)[number]);

export const inviteSchema = z.object({
  email: z.string().trim().min(3, 'Enter the email address of the person to invite.').max(254, 'Enter a valid email address.'),
  role,
});

export const roleSchema = z.object({ role });

/** An empty quota field means "the server's default". */
const optionalQuota = (label: string) =>
  z
    .string()
    .trim()
    .default('')
    .refine((v) => v === '' || /^\d{1,7}$/.test(v), `${label} must be a whole number, or empty for the server's default.`)
    .transform((v) => (v === '' ? null : Number(v)))
    .refine((v) => v === null || v >= 1, `${label} must be at least 1.`);

export const orgSettingsSchema = z.object({
  requireTotp: z.literal('on').optional().transform((v) => v === 'on'),
  userDailyQuota: optionalQuota('The daily lookups per user'),
  orgDailyQuota: optionalQuota('The daily lookups for the organisation'),
});
