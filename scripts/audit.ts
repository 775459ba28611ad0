/**
 * npm run audit -- verify
 *
 * Walks the audit trail's hash chain and reports any modified entry or missing entries. Exit code 0
 * when the chain is intact, 1 otherwise. Needs the master key: the chain is keyed with it.
 */
import { openContext, runCli, UsageError } from '../src/cli/context';
import { PURPOSES } from '../src/crypto/keys';
import { AuditRepo } from '../src/store/audit-repo';
import { verifyAuditChain } from '../src/audit/verify';

const DESCRIBE = {
  modified: 'was modified (its MAC does not match its content)',
  'missing-before': 'follows a gap: one or more entries before it were deleted',
  'broken-link': 'does not chain to the entry before it (an entry was deleted or replaced)',
} as const;

runCli(async () => {
  const command = process.argv[2];
  if (command !== 'verify') throw new UsageError('usage: npm run audit -- verify');
  const ctx = await openContext();
  try {
    const report = await verifyAuditChain(new AuditRepo(ctx.store.database), ctx.keyring.derive(PURPOSES.auditChain));
    if (report.problems.length === 0) {
      console.log(`Audit trail intact: ${report.entries} entries, chain verified.`);
      return 0;
    }
    console.log(`Audit trail NOT intact: ${report.problems.length} problem(s) in ${report.entries} entries.`);
    for (const p of report.problems) console.log(`  entry ${p.seq} ${DESCRIBE[p.problem]}`);
    return 1;
  } finally {
    await ctx.close();
  }
});
