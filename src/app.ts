import path from 'node:path';
import express, { type Express } from 'express';
import { pinoHttp } from 'pino-http';
import type { Logger } from 'pino';
import { DEFAULT_ROSTER_CONFIG, type RosterConfig, type WebConfig } from './config';
import type { Argon2Params } from './crypto/argon2-params';
import type { KeyRing } from './crypto/keyring';
import type { HashScheduler } from './crypto/hash-scheduler';
import { PURPOSES } from './crypto/keys';
import { tokenDigest } from './crypto/tokens';
import { Matcher } from './check/matcher';
import type { SqliteStore } from './store/sqlite-store';
import { AccountsRepo } from './store/accounts-repo';
import { AuditRepo } from './store/audit-repo';
import { SqliteSessionStore } from './store/sessions-repo';
import { AuditLog } from './audit/audit-log';
import { AccountService } from './accounts/accounts';
import type { WebContext } from './web/context';
import { requestSerializers, safePath } from './web/logger';
import { securityHeaders } from './web/middleware/security-headers';
import { sessions } from './web/middleware/sessions';
import { loadUser } from './web/middleware/auth';
import { csrfProtection } from './web/middleware/csrf';
import { errorHandler, notFoundHandler } from './web/middleware/errors';
import { authRoutes } from './web/auth/routes';
import { accountRoutes } from './web/account/routes';
import { lookupRoutes } from './web/lookup/routes';
import { adminRoutes } from './web/admin/routes';
import { presentNavigation } from './web/layout-presenter';
import { ApiTokensRepo } from './store/api-tokens-repo';
import { RosterJobsRepo } from './store/roster-jobs-repo';
import { ApiTokenService } from './accounts/api-tokens';
import { RosterJobs } from './rosters/jobs';
import { PendingUploads } from './rosters/pending-uploads';
import { rosterRoutes } from './web/rosters/routes';
import { tokenRoutes } from './web/account/tokens';
import { apiRoutes } from './web/api/routes';

export interface AppDeps {
  store: SqliteStore;
  keyring: KeyRing;
  scheduler: HashScheduler;
  config: WebConfig;
  /** Argon2id cost for account passwords (the configured match-key cost: at least the OWASP minimum). */
  passwordParams: Argon2Params;
  logger: Logger;
  clock?: () => Date;
  /** Roster limits and retention; the defaults when not given. */
  rosters?: Partial<RosterConfig>;
}

export interface App {
  app: Express;
  context: WebContext;
}

const ROOT = path.resolve(__dirname, '..');

/**
 * Builds the web app from its dependencies. Opens nothing and listens on nothing: server.ts does
 * that, and tests drive the result with supertest.
 */
export function createApp(deps: AppDeps): App {
  const clock = deps.clock ?? (() => new Date());
  const db = deps.store.database;
  const tokenKey = deps.keyring.derive(PURPOSES.tokenSecret, 'web');
  const accountsRepo = new AccountsRepo(db);
  const auditRepo = new AuditRepo(db);
  const audit = new AuditLog(auditRepo, deps.keyring.derive(PURPOSES.auditChain), clock);
  const idleMs = deps.config.sessionIdleMinutes * 60_000;
  const sessionStore = new SqliteSessionStore(db, { digestId: (sid) => tokenDigest(tokenKey, 'session-id', sid), idleMs, clock });
  const accounts = new AccountService({
    repo: accountsRepo,
    audit,
    tokenKey,
    totpKey: deps.keyring.derive(PURPOSES.totpSecret),
    passwordParams: deps.passwordParams,
    publicUrl: deps.config.publicUrl,
    clock,
    endAllSessions: (userId) => sessionStore.destroyAllForUser(userId),
  });
  const rosterConfig: RosterConfig = { ...DEFAULT_ROSTER_CONFIG, ...deps.rosters };
  const rosterJobs = new RosterJobs({
    repo: new RosterJobsRepo(db),
    store: deps.store,
    keyring: deps.keyring,
    scheduler: deps.scheduler,
    audit,
    clock,
    retentionHours: rosterConfig.retentionHours,
    logger: deps.logger,
  });
  const apiTokens = new ApiTokenService({ repo: new ApiTokensRepo(db), accounts: accountsRepo, audit, tokenKey, clock });
  const context: WebContext = {
    config: deps.config,
    clock,
    store: deps.store,
    matcher: new Matcher(deps.store, deps.keyring, deps.scheduler),
    accounts,
    accountsRepo,
    audit,
    auditRepo,
    sessionStore,
    rosterConfig,
    rosterJobs,
    pendingUploads: new PendingUploads(clock),
    apiTokens,
  };

  const app = express();
  // 'production' keeps Express's own fallback handler from ever printing a stack trace.
  app.set('env', 'production');
  app.set('trust proxy', deps.config.trustProxy);
  app.set('views', path.join(ROOT, 'views'));
  app.set('view engine', 'ejs');
  app.set('view cache', true);
  app.disable('x-powered-by');

  app.use(pinoHttp({
    logger: deps.logger,
    serializers: requestSerializers,
    // Request bodies, headers and query strings never reach the log (see web/logger.ts).
    customSuccessMessage: (req, res) => `${req.method} ${safePath(req.url)} ${res.statusCode}`,
    customErrorMessage: (req, res) => `${req.method} ${safePath(req.url)} ${res.statusCode}`,
    customProps: (_req, res) => ({ userId: (res as unknown as { locals?: { signedIn?: { user: { id: string } } } }).locals?.signedIn?.user.id }),
  }));
  app.use(...securityHeaders());
  const csrf = csrfProtection();
  app.use((req, res, next) => {
    // Layout locals exist before anything can fail, so that even an error page renders.
    // csrfToken is a function, so that only pages with a form put a token (and so a session) in place.
    res.locals.csrfToken = () => csrf.generateToken(req);
    res.locals.nav = null;
    res.locals.printable = false;
    next();
  });
  // Own static files, before sessions: a stylesheet request never creates or touches a session.
  app.use('/static', express.static(path.join(ROOT, 'public'), { index: false, fallthrough: true, maxAge: '1h' }));
  // For load balancers and monitoring; a sealed server answers {"status":"sealed"} here instead.
  app.get('/healthz', (_req, res) => void res.json({ status: 'ok' }));
  // The API authenticates by bearer token alone: mounted before sessions, it never reads the session
  // cookie, so a cookie-riding (CSRF) request cannot act through it.
  app.use('/api/v1', apiRoutes(context));
  app.use(express.urlencoded({ extended: false, limit: '64kb', parameterLimit: 50 }));

  // The session cookie is signed with a key derived from the master key: nothing to configure.
  const cookieSecret = deps.keyring.derive(PURPOSES.tokenSecret, 'session-cookie').toString('base64');
  app.use(sessions(sessionStore, cookieSecret, idleMs));
  // The roster upload is multipart: its CSRF token is in the body multer parses, so the route checks
  // it right after parsing (web/rosters/routes.ts), and only that route skips the check here.
  app.use((req, res, next) => (req.method === 'POST' && req.path === '/rosters' ? next() : csrf.csrfSynchronisedProtection(req, res, next)));
  app.use(loadUser(accountsRepo, deps.config.sessionAbsoluteHours * 3_600_000, clock));
  app.use((req, res, next) => {
    res.locals.nav = presentNavigation(res.locals.signedIn, req.path);
    next();
  });

  app.use(authRoutes(context));
  app.use(accountRoutes(context));
  app.use(lookupRoutes(context, deps.keyring.derive(PURPOSES.noticeSeal)));
  app.use(adminRoutes(context));
  app.use(rosterRoutes(context, csrf.csrfSynchronisedProtection));
  app.use(tokenRoutes(context));
  app.use(notFoundHandler);
  app.use(errorHandler);
  return { app, context };
}
