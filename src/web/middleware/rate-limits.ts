import { rateLimit, type Options } from 'express-rate-limit';
import type { Request, RequestHandler } from 'express';
import { tooManyRequests } from '../errors';

/**
 * Request-rate limits (memory store: one server process). Quotas per day are separate
 * (accounts/quotas.ts); these stop bursts and password guessing.
 */
const refuse: Options['handler'] = (_req, _res, next) => next(tooManyRequests());

/** Wrong passwords allowed per account in the window; the next attempt is refused (429). */
export const SIGN_IN_FAILURES_PER_ACCOUNT = 5;
/** Wrong passwords allowed per client address in the window, whatever the accounts tried. */
export const SIGN_IN_FAILURES_PER_ADDRESS = 30;
const WINDOW_MS = 15 * 60_000;

const emailOf = (req: Request): string => {
  const email = (req.body as { email?: unknown } | undefined)?.email;
  return typeof email === 'string' ? email.trim().toLowerCase() : '';
};

export function signInLimits(): RequestHandler[] {
  return [
    // Per address: many accounts tried from one place. Failures only, so that an office behind one
    // NAT address can still sign everyone in on a Monday morning.
    rateLimit({
      windowMs: WINDOW_MS,
      limit: SIGN_IN_FAILURES_PER_ADDRESS,
      skipSuccessfulRequests: true,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      handler: refuse,
    }),
    // Per account: failures only, so that a user who signs in normally never meets it. Keyed by the
    // email typed, whether or not it exists, so the limit says nothing about which emails exist.
    rateLimit({
      windowMs: WINDOW_MS,
      limit: SIGN_IN_FAILURES_PER_ACCOUNT,
      skipSuccessfulRequests: true,
      keyGenerator: (req) => `account:${emailOf(req)}`,
      standardHeaders: false,
      legacyHeaders: false,
      handler: refuse,
    }),
  ];
}

/** One-time links and second-factor codes: guessing either must be slow. */
export function tokenLimits(): RequestHandler {
  return rateLimit({ windowMs: WINDOW_MS, limit: 20, standardHeaders: 'draft-8', legacyHeaders: false, handler: refuse });
}

/** Lookups per user per minute, on top of the daily quota. */
export function lookupLimits(): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: 30,
    // Runs after authentication, so there is always a user to key on.
    keyGenerator: (_req, res) => `user:${String((res.locals as { signedIn?: { user: { id: string } } }).signedIn?.user.id)}`,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: refuse,
  });
}

/** Roster uploads and mapping posts per account per 10 minutes (web and API): each can start a job. */
export function rosterLimits(): RequestHandler {
  return rateLimit({
    windowMs: 10 * 60_000,
    limit: 20,
    keyGenerator: (_req, res) => `user:${String((res.locals as { signedIn?: { user: { id: string } } }).signedIn?.user.id)}`,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: refuse,
  });
}
