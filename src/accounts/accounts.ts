import type { Argon2Params } from '../crypto/argon2-params';
import { decoyPasswordHash, hashPassword, verifyPassword } from '../crypto/password';
import { newId, newToken, tokenDigest } from '../crypto/tokens';
import { newTotpSecret, openTotpSecret, sealTotpSecret, totpUri, verifyTotp } from '../crypto/totp';
import type { AccountsRepo, Organisation, Role, User } from '../store/accounts-repo';
import type { AuditLog } from '../audit/audit-log';
import { passwordProblem, type PasswordProblem } from './password-policy';

/** How long a one-time setup link stays valid. */
export const SETUP_LINK_HOURS = 72;
const SETUP_PURPOSE = 'setup-link';

/** An error whose message is written for the person at the keyboard and holds no secret. */
export class AccountError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AccountError';
  }
}

export interface AccountServiceDeps {
  repo: AccountsRepo;
  audit: AuditLog;
  tokenKey: Buffer;
  totpKey: Buffer;
  passwordParams: Argon2Params;
  publicUrl: string;
  clock: () => Date;
  /** Signs a user out of every session (sessions live with the web layer). */
  endAllSessions: (userId: string) => Promise<number>;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export class AccountService {
  #decoy: Promise<string> | undefined;

  constructor(private readonly d: AccountServiceDeps) {}

  /** Creates the organisation when `orgName` is new (the operator's command does this; admins cannot). */
  async ensureOrganisation(orgName: string): Promise<Organisation> {
    const name = orgName.trim();
    if (!name || name.length > 200) throw new AccountError('The organisation name must be 1 to 200 characters.');
    return (await this.d.repo.findOrgByName(name)) ?? this.d.repo.createOrg(newId(), name, this.d.clock());
  }

  async invite(input: { orgId: string; email: string; role: Role; invitedBy: string | null }): Promise<{ user: User; setupLink: string }> {
    const email = input.email.trim().toLowerCase();
    if (!EMAIL.test(email) || email.length > 254) throw new AccountError('Enter a valid email address.');
    if (await this.d.repo.findUserByEmail(email)) throw new AccountError('An account with that email already exists.');
    const user = await this.d.repo.createUser({ id: newId(), orgId: input.orgId, email, role: input.role }, this.d.clock());
    const setupLink = await this.issueSetupLink(user.id);
    await this.d.audit.record({ orgId: input.orgId, userId: input.invitedBy, action: 'user-invited', detail: { user: user.id, role: input.role } });
    return { user, setupLink };
  }

  /** A new one-time link (an invitation, or a password reset by an admin). The token is stored only as a digest. */
  async issueSetupLink(userId: string): Promise<string> {
    const token = newToken();
    const expires = new Date(this.d.clock().getTime() + SETUP_LINK_HOURS * 3_600_000);
    await this.d.repo.replaceSetupToken(userId, tokenDigest(this.d.tokenKey, SETUP_PURPOSE, token), expires);
    return `${this.d.publicUrl}/setup/${token}`;
  }

  /** The account a live setup link belongs to, or undefined (expired, used, unknown, or disabled account). */
  async setupTarget(token: string): Promise<User | undefined> {
    if (!token) return undefined;
    const userId = await this.d.repo.findSetupToken(tokenDigest(this.d.tokenKey, SETUP_PURPOSE, token), this.d.clock());
    const user = userId ? await this.d.repo.getUser(userId) : undefined;
    return user && user.status !== 'disabled' ? user : undefined;
  }

  async completeSetup(token: string, password: string): Promise<{ ok: true; user: User } | { ok: false; problem: PasswordProblem | 'link' }> {
    const target = await this.setupTarget(token);
    if (!target) return { ok: false, problem: 'link' };
    const problem = passwordProblem(password, target.email);
    if (problem) return { ok: false, problem };
    const hash = await hashPassword(password, this.d.passwordParams);
    const userId = await this.d.repo.consumeSetupToken(tokenDigest(this.d.tokenKey, SETUP_PURPOSE, token), this.d.clock());
    if (userId !== target.id) return { ok: false, problem: 'link' };
    await this.d.repo.setPassword(target.id, hash);
    // A new password ends every session the account had (the reason for a reset may be a stolen one).
    await this.d.endAllSessions(target.id);
    await this.d.audit.record({ orgId: target.orgId, userId: target.id, action: 'password-set' });
    return { ok: true, user: (await this.d.repo.getUser(target.id)) as User };
  }

  /**
   * The active user with this email and password, or null. An unknown email verifies against a
   * decoy hash so that it costs the same time as a wrong password.
   */
  async authenticate(email: string, password: string): Promise<User | null> {
    const user = await this.d.repo.findUserByEmail(email.trim());
    if (!user || !user.passwordHash) {
      this.#decoy ??= decoyPasswordHash(this.d.passwordParams);
      await verifyPassword(await this.#decoy, password);
      return null;
    }
    const ok = await verifyPassword(user.passwordHash, password);
    return ok && user.status === 'active' ? user : null;
  }

  hasSecondFactor(user: User): boolean {
    return user.totpSealed !== null;
  }

  async verifySecondFactor(user: User, code: string): Promise<boolean> {
    if (!user.totpSealed) return false;
    const step = verifyTotp(openTotpSecret(this.d.totpKey, user.id, user.totpSealed), code.replace(/\s+/g, ''), this.d.clock());
    return step !== null && (await this.d.repo.claimTotpStep(user.id, step));
  }

  /** A fresh secret for enrolment, sealed so that it can wait in the session without being readable there. */
  startTotpEnrolment(user: User): { sealed: string; secret: string; uri: string } {
    const secret = newTotpSecret();
    return { sealed: sealTotpSecret(this.d.totpKey, user.id, secret).toString('base64'), secret, uri: totpUri(secret, user.email) };
  }

  pendingTotp(user: User, sealed: string): { secret: string; uri: string } {
    const secret = openTotpSecret(this.d.totpKey, user.id, Buffer.from(sealed, 'base64'));
    return { secret, uri: totpUri(secret, user.email) };
  }

  async confirmTotpEnrolment(user: User, sealed: string, code: string): Promise<boolean> {
    const secret = openTotpSecret(this.d.totpKey, user.id, Buffer.from(sealed, 'base64'));
    const step = verifyTotp(secret, code.replace(/\s+/g, ''), this.d.clock());
    if (step === null) return false;
    await this.d.repo.setTotp(user.id, Buffer.from(sealed, 'base64'));
    await this.d.repo.claimTotpStep(user.id, step);
    await this.d.audit.record({ orgId: user.orgId, userId: user.id, action: 'second-factor-enrolled' });
    return true;
  }

  async signOutEverywhere(user: User): Promise<void> {
    await this.d.endAllSessions(user.id);
    await this.d.audit.record({ orgId: user.orgId, userId: user.id, action: 'sign-out-everywhere' });
  }

  // ---- what an organisation's admin may do to the accounts of that organisation ----

  private async member(admin: User, userId: string): Promise<User> {
    const user = await this.d.repo.getUserInOrg(admin.orgId, userId);
    if (!user) throw new AccountError('No such user.');
    return user;
  }

  private async keepAnAdmin(admin: User, target: User): Promise<void> {
    if (target.role === 'admin' && (await this.d.repo.countAdmins(admin.orgId)) <= 1) {
      throw new AccountError('An organisation needs at least one active admin.');
    }
  }

  async disable(admin: User, userId: string): Promise<void> {
    const user = await this.member(admin, userId);
    await this.keepAnAdmin(admin, user);
    await this.d.repo.setStatus(user.id, 'disabled');
    await this.d.endAllSessions(user.id);
    await this.d.audit.record({ orgId: admin.orgId, userId: admin.id, action: 'user-disabled', detail: { user: user.id } });
  }

  async enable(admin: User, userId: string): Promise<void> {
    const user = await this.member(admin, userId);
    await this.d.repo.setStatus(user.id, user.passwordHash ? 'active' : 'invited');
    await this.d.audit.record({ orgId: admin.orgId, userId: admin.id, action: 'user-enabled', detail: { user: user.id } });
  }

  async changeRole(admin: User, userId: string, role: Role): Promise<void> {
    const user = await this.member(admin, userId);
    if (user.role === role) return;
    await this.keepAnAdmin(admin, user);
    await this.d.repo.setRole(user.id, role);
    await this.d.endAllSessions(user.id);
    await this.d.audit.record({ orgId: admin.orgId, userId: admin.id, action: 'role-changed', detail: { user: user.id, role } });
  }

  async resetSecondFactor(admin: User, userId: string): Promise<void> {
    const user = await this.member(admin, userId);
    await this.d.repo.setTotp(user.id, null);
    await this.d.endAllSessions(user.id);
    await this.d.audit.record({ orgId: admin.orgId, userId: admin.id, action: 'second-factor-reset', detail: { user: user.id } });
  }

  async reissueSetupLink(admin: User, userId: string): Promise<string> {
    const user = await this.member(admin, userId);
    if (user.status === 'disabled') throw new AccountError('Enable the account first.');
    return this.issueSetupLink(user.id);
  }

  async updateOrgSettings(admin: User, s: Pick<Organisation, 'requireTotp' | 'userDailyQuota' | 'orgDailyQuota'>): Promise<void> {
    await this.d.repo.updateOrgSettings(admin.orgId, s);
    await this.d.audit.record({
      orgId: admin.orgId,
      userId: admin.id,
      action: 'org-settings-changed',
      detail: { requireTotp: s.requireTotp, userDailyQuota: s.userDailyQuota ?? 0, orgDailyQuota: s.orgDailyQuota ?? 0 },
    });
  }
}
