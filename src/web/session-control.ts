import type { Request } from 'express';

/** Promise forms of express-session's callbacks. */
export const regenerateSession = (req: Request): Promise<void> =>
  new Promise((resolve, reject) => req.session.regenerate((err: unknown) => (err ? reject(err) : resolve())));

export const destroySession = (req: Request): Promise<void> =>
  new Promise((resolve, reject) => req.session.destroy((err: unknown) => (err ? reject(err) : resolve())));

export const saveSession = (req: Request): Promise<void> =>
  new Promise((resolve, reject) => req.session.save((err: unknown) => (err ? reject(err) : resolve())));

/** Takes the one-line notice left for this page, if any. */
export function takeNotice(req: Request): string | undefined {
  const notice = req.session?.notice;
  if (notice) delete req.session.notice;
  return notice;
}
