import type { CliContext } from '../cli/context';
import { PURPOSES } from '../crypto/keys';
import { AccountsRepo } from '../store/accounts-repo';
import { AuditRepo } from '../store/audit-repo';
import { SqliteSessionStore } from '../store/sessions-repo';
import { tokenDigest } from '../crypto/tokens';
import { AuditLog } from '../audit/audit-log';
import { AccountService } from './accounts';
import { ApiTokenService } from './api-tokens';
import { ApiTokensRepo } from '../store/api-tokens-repo';

/**
 * The account service for command-line use (`npm run user`, the demo), on the same database and
 * keys as the web app, so that links it prints work there.
 */
export function cliAccountService(ctx: Pick<CliContext, 'store' | 'keyring' | 'config'>, publicUrl: string): { accounts: AccountService; repo: AccountsRepo } {
  const db = ctx.store.database;
  const tokenKey = ctx.keyring.derive(PURPOSES.tokenSecret, 'web');
  const repo = new AccountsRepo(db);
  const audit = new AuditLog(new AuditRepo(db), ctx.keyring.derive(PURPOSES.auditChain));
  const sessions = new SqliteSessionStore(db, { digestId: (sid) => tokenDigest(tokenKey, 'session-id', sid), idleMs: 0, clock: () => new Date() });
  const accounts = new AccountService({
    repo,
    audit,
    tokenKey,
    totpKey: ctx.keyring.derive(PURPOSES.totpSecret),
    passwordParams: ctx.config.argon2,
    publicUrl,
    clock: () => new Date(),
    endAllSessions: (userId) => sessions.destroyAllForUser(userId),
  });
  return { accounts, repo };
}

/** The API token service for `npm run token`, with the same keys as the web app so tokens work there. */
export function cliApiTokenService(ctx: Pick<CliContext, 'store' | 'keyring'>): ApiTokenService {
  const db = ctx.store.database;
  return new ApiTokenService({
    repo: new ApiTokensRepo(db),
    accounts: new AccountsRepo(db),
    audit: new AuditLog(new AuditRepo(db), ctx.keyring.derive(PURPOSES.auditChain)),
    tokenKey: ctx.keyring.derive(PURPOSES.tokenSecret, 'web'),
    clock: () => new Date(),
  });
}
