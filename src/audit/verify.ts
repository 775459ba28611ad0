import { auditEntryMac, GENESIS_MAC } from '../crypto/audit-mac';
import { constantTimeEqual } from '../crypto/tokens';
import type { AuditRepo } from '../store/audit-repo';
import { canonicalEntry } from './audit-log';

export interface ChainProblem {
  seq: number;
  problem: 'modified' | 'missing-before' | 'broken-link';
}

export interface ChainReport {
  entries: number;
  problems: ChainProblem[];
}

/**
 * Walks the chain from the first entry. A modified entry fails its own MAC; a deleted entry leaves a
 * gap in the sequence and a link that points at a MAC no longer present. A deleted *last* entry
 * cannot be told from one never written: compare the count with an earlier report to catch that.
 */
export async function verifyAuditChain(repo: AuditRepo, chainKey: Buffer): Promise<ChainReport> {
  const problems: ChainProblem[] = [];
  let expectedPrev = GENESIS_MAC;
  let expectedSeq = 1;
  let entries = 0;
  for (let after = 0; ; ) {
    const page = await repo.page(after, 500);
    if (page.length === 0) break;
    for (const e of page) {
      entries++;
      if (e.seq !== expectedSeq) problems.push({ seq: e.seq, problem: 'missing-before' });
      else if (!constantTimeEqual(e.prevMac, expectedPrev)) problems.push({ seq: e.seq, problem: 'broken-link' });
      const { prevMac, mac, ...fields } = e;
      let recomputed = '';
      try {
        recomputed = auditEntryMac(chainKey, prevMac, canonicalEntry(fields));
      } catch {
        // a malformed prev_mac is itself a modification
      }
      if (!constantTimeEqual(recomputed, mac)) problems.push({ seq: e.seq, problem: 'modified' });
      expectedPrev = mac;
      expectedSeq = e.seq + 1;
      after = e.seq;
    }
  }
  return { entries, problems };
}
