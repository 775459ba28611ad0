import { AuditLog } from '../../src/audit/audit-log';
import { verifyAuditChain } from '../../src/audit/verify';
import { PURPOSES } from '../../src/crypto/keys';
import { AuditRepo } from '../../src/store/audit-repo';
import { runScript } from '../support/cli';
import { openHarness, type Harness } from '../support/harness';

/** A harness whose audit trail holds `n` lookup entries. */
async function withEntries(n: number): Promise<{ h: Harness; repo: AuditRepo; key: Buffer }> {
  const h = await openHarness();
  const repo = new AuditRepo(h.store.database);
  const key = h.keyring.derive(PURPOSES.auditChain);
  const log = new AuditLog(repo, key);
  await Promise.all(
    Array.from({ length: n }, (_, i) =>
      log.record({ orgId: 'org1', userId: `user${i % 2}`, action: 'lookup', people: 1, detail: { matched: { confirmed: i % 2, none: 1 - (i % 2) } } }),
    ),
  );
  return { h, repo, key };
}

describe('the audit trail hash chain', () => {
  it('chains concurrent appends in order', async () => {
    const { h, repo, key } = await withEntries(20);
    try {
      expect(await verifyAuditChain(repo, key)).toEqual({ entries: 20, problems: [] });
    } finally {
      await h.close();
    }
  });

  it('cannot be recomputed without the master key', async () => {
    const { h, repo } = await withEntries(3);
    try {
      const report = await verifyAuditChain(repo, Buffer.alloc(32, 7));
      expect(report.problems.map((p) => p.problem)).toEqual(['modified', 'modified', 'modified']);
    } finally {
      await h.close();
    }
  });

  it('npm run audit -- verify passes an intact chain and detects a modified entry', async () => {
    const { h } = await withEntries(5);
    try {
      const ok = runScript('audit.ts', ['verify'], h.env);
      expect(ok.stdout).toContain('Audit trail intact: 5 entries');
      expect(ok.status).toBe(0);
      // Someone with the database lowers a count.
      await h.store.database.run(`UPDATE audit_log SET people = 0 WHERE seq = 3`);
      const bad = runScript('audit.ts', ['verify'], h.env);
      expect(bad.status).toBe(1);
      expect(bad.stdout).toContain('entry 3 was modified');
    } finally {
      await h.close();
    }
  });

  it('npm run audit -- verify detects a deleted entry', async () => {
    const { h } = await withEntries(5);
    try {
      await h.store.database.run(`DELETE FROM audit_log WHERE seq = 2`);
      const bad = runScript('audit.ts', ['verify'], h.env);
      expect(bad.status).toBe(1);
      expect(bad.stdout).toContain('entry 3 follows a gap');
    } finally {
      await h.close();
    }
  });

  it('detects a deleted entry even when the rest are renumbered', async () => {
    const { h, repo, key } = await withEntries(4);
    try {
      await h.store.database.run(`DELETE FROM audit_log WHERE seq = 2`);
      await h.store.database.run(`UPDATE audit_log SET seq = seq - 1 WHERE seq > 2`);
      const report = await verifyAuditChain(repo, key);
      expect(report.problems).toContainEqual({ seq: 2, problem: 'broken-link' });
    } finally {
      await h.close();
    }
  });
});
