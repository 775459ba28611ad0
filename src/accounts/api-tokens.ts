import { newId, newToken, tokenDigest } from '../crypto/tokens';
import type { AccountsRepo, Organisation, User } from '../store/accounts-repo';
import type { ApiTokenRecord, ApiTokensRepo } from '../store/api-tokens-repo';
import type { AuditLog } from '../audit/audit-log';

/**
 * API bearer tokens: 32 random bytes behind a recognisable prefix, shown once, stored only as a
 * keyed digest (a copy of the database cannot be replayed or tested against). A token acts as its
 * account: it stops working when it is revoked or the account is disabled.
 */
export const API_TOKEN_PREFIX = 'ec1_';
const DIGEST_PURPOSE = 'api-token';
const TOKEN_SHAPE = /^ec1_[A-Za-z0-9_-]{43}$/;

export type TokenCheck =
  | { ok: true; user: User; org: Organisation; tokenId: string }
  | { ok: false; problem: 'unknown' | 'account-inactive' | 'second-factor-required' };

export interface ApiTokenServiceDeps {
  repo: ApiTokensRepo;
  accounts: AccountsRepo;
  audit: AuditLog;
  tokenKey: Buffer;
  clock: () => Date;
}

export class ApiTokenService {
  constructor(private readonly d: ApiTokenServiceDeps) {}

  private digest(token: string): string {
    return tokenDigest(this.d.tokenKey, DIGEST_PURPOSE, token);
  }

  /** Creates a token for `user`; the returned secret is never stored and cannot be shown again. */
  async create(user: User, label: string): Promise<{ id: string; token: string }> {
    const id = newId();
    const token = API_TOKEN_PREFIX + newToken();
    await this.d.repo.insert({ id, userId: user.id, digest: this.digest(token), label, at: this.d.clock() });
    await this.d.audit.record({ orgId: user.orgId, userId: user.id, action: 'api-token-created', detail: { token: id } });
    return { id, token };
  }

  list(user: User): Promise<ApiTokenRecord[]> {
    return this.d.repo.listForUser(user.id);
  }

  async revoke(user: User, tokenId: string): Promise<boolean> {
    const done = await this.d.repo.revoke(user.id, tokenId, this.d.clock());
    if (done) await this.d.audit.record({ orgId: user.orgId, userId: user.id, action: 'api-token-revoked', detail: { token: tokenId } });
    return done;
  }

  /** Who a presented token acts as. The shape is checked first, so junk never costs a database read. */
  async check(token: string): Promise<TokenCheck> {
    if (!TOKEN_SHAPE.test(token)) return { ok: false, problem: 'unknown' };
    const record = await this.d.repo.byDigest(this.digest(token));
    if (!record || record.revokedAt) return { ok: false, problem: 'unknown' };
    const user = await this.d.accounts.getUser(record.userId);
    const org = user && (await this.d.accounts.getOrg(user.orgId));
    if (!user || !org || user.status !== 'active') return { ok: false, problem: 'account-inactive' };
    if (org.requireTotp && !user.totpSealed) return { ok: false, problem: 'second-factor-required' };
    await this.d.repo.touch(record.id, this.d.clock());
    return { ok: true, user, org, tokenId: record.id };
  }
}
