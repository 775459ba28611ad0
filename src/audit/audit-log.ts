import { auditEntryMac, GENESIS_MAC } from '../crypto/audit-mac';
import type { AuditEntry, AuditRepo } from '../store/audit-repo';

/**
 * Appends hash-chained audit entries. What an entry may say is fixed by `AuditEvent`: who, which
 * organisation, what kind of action, and counts — never a name, a date of birth or an A-number.
 */
export type AuditAction =
  | 'lookup'
  | 'notice-printed'
  | 'sign-in'
  | 'sign-out-everywhere'
  | 'password-set'
  | 'user-invited'
  | 'user-disabled'
  | 'user-enabled'
  | 'role-changed'
  | 'second-factor-enrolled'
  | 'second-factor-reset'
  | 'org-settings-changed'
  | 'roster-submitted'
  | 'roster-finished'
  | 'api-token-created'
  | 'api-token-revoked';

export interface AuditEvent {
  orgId: string | null;
  userId: string | null;
  action: AuditAction;
  people?: number;
  /** Counts and ids only. */
  detail?: Record<string, number | string | boolean | Record<string, number>>;
}

export const utcDay = (d: Date): string => d.toISOString().slice(0, 10);

/** The bytes a MAC covers: every column but the MACs, in a fixed order. */
export function canonicalEntry(e: Omit<AuditEntry, 'prevMac' | 'mac'>): string {
  return JSON.stringify([e.seq, e.at, e.day, e.orgId, e.userId, e.action, e.people, e.detail]);
}

export class AuditLog {
  // Appends are serialised in this process: two interleaved appends would both chain to the same tail.
  #tail: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly repo: AuditRepo,
    private readonly chainKey: Buffer,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  record(event: AuditEvent): Promise<AuditEntry> {
    const run = this.#tail.then(() => this.append(event));
    this.#tail = run.catch(() => undefined);
    return run;
  }

  private async append(event: AuditEvent): Promise<AuditEntry> {
    // Another process (a command such as `npm run user`) may append between our read of the tail and
    // our insert; the sequence number's uniqueness then refuses our row, and we chain again.
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.appendOnce(event);
      } catch (err) {
        if ((err as { code?: string }).code !== 'SQLITE_CONSTRAINT' || attempt >= 3) throw err;
      }
    }
  }

  private async appendOnce(event: AuditEvent): Promise<AuditEntry> {
    const last = await this.repo.last();
    const now = this.clock();
    const base = {
      seq: (last?.seq ?? 0) + 1,
      at: now.toISOString(),
      day: utcDay(now),
      orgId: event.orgId,
      userId: event.userId,
      action: event.action,
      people: event.people ?? 0,
      detail: JSON.stringify(event.detail ?? {}),
    };
    const prevMac = last?.mac ?? GENESIS_MAC;
    const entry: AuditEntry = { ...base, prevMac, mac: auditEntryMac(this.chainKey, prevMac, canonicalEntry(base)) };
    await this.repo.insert(entry);
    return entry;
  }
}
