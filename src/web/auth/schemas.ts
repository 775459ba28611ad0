import { z } from 'zod';
import { PASSWORD_MAX_LENGTH } from '../../crypto/password';

export const signInSchema = z.object({
  email: z.string().trim().min(1, 'Enter your email address.').max(254, 'Enter a valid email address.'),
  password: z.string().min(1, 'Enter your password.').max(PASSWORD_MAX_LENGTH * 4, 'Enter your password.'),
});

export const codeSchema = z.object({
  code: z.string().trim().regex(/^\d{3}\s?\d{3}$/, 'Enter the 6-digit code from your authenticator app.'),
});

export const setPasswordSchema = z
  .object({
    password: z.string().max(PASSWORD_MAX_LENGTH * 4, 'Use a shorter password.'),
    confirm: z.string().max(PASSWORD_MAX_LENGTH * 4),
  })
  .refine((v) => v.password === v.confirm, { path: ['confirm'], message: 'The two passwords are not the same.' });
