import { csrfSync } from 'csrf-sync';
import type { Request } from 'express';

/**
 * Synchroniser-token CSRF protection (csrf-sync): one token per session, kept in the session,
 * rendered as a hidden `_csrf` field in every form, required on every POST.
 */
export function csrfProtection() {
  return csrfSync({
    getTokenFromRequest: (req: Request) => {
      const token = (req.body as { _csrf?: unknown } | undefined)?._csrf;
      return typeof token === 'string' ? token : undefined;
    },
  });
}
