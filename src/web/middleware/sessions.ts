import session from 'express-session';
import type { RequestHandler } from 'express';
import type { SqliteSessionStore } from '../../store/sessions-repo';

declare module 'express-session' {
  interface SessionData {
    /** Set once sign-in is complete (password and, if enrolled, second factor). */
    userId?: string;
    /** Milliseconds since the epoch; the absolute lifetime counts from here. */
    signedInAt?: number;
    /** Password accepted, second factor still to come. */
    pendingUserId?: string;
    pendingSince?: number;
    /** A TOTP secret being enrolled, sealed (see AccountService.startTotpEnrolment). */
    totpEnrolment?: string;
    /** A one-line message for the next page (never a value a user typed). */
    notice?: string;
  }
}

export const SESSION_COOKIE = 'ec_session';

/**
 * Cookie sessions with server-side state. The cookie is HttpOnly and SameSite=Lax, Secure whenever
 * the request came over TLS ('auto'), and lasts as long as the idle timeout; every request renews
 * it (rolling). The session secret only signs the cookie; the id itself is 24 random bytes (uid-safe)
 * and stored in the database as a keyed digest.
 */
export function sessions(store: SqliteSessionStore, secret: string, idleMs: number): RequestHandler {
  return session({
    name: SESSION_COOKIE,
    secret,
    store,
    resave: false,
    saveUninitialized: false,
    rolling: true,
    unset: 'destroy',
    cookie: { httpOnly: true, sameSite: 'lax', secure: 'auto', maxAge: idleMs, path: '/' },
  });
}
