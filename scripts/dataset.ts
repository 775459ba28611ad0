import { parseArgs } from 'node:util';
import readline from 'node:readline/promises';
import { openContext, runCli, UsageError } from '../src/cli/context';
import { describeParams, meetsOwaspMinimum } from '../src/crypto/argon2-params';
import { KEY_SCHEME } from '../src/matching/keys';

const USAGE = 'usage: npm run dataset -- list | purge ID [--yes]';

runCli(async () => {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { yes: { type: 'boolean', default: false } } });
  const [command, id] = positionals;
  if (command !== 'list' && command !== 'purge') throw new UsageError(USAGE);
  if (command === 'purge' && !id) throw new UsageError(`purge needs a dataset ID\n${USAGE}`);
  const ctx = await openContext();
  try {
    if (command === 'list') {
      const list = await ctx.store.listDatasets();
      if (list.length === 0) console.log('No datasets.');
      for (const d of list) {
        console.log(`${d.id}  ${d.name}`);
        console.log(`    published: ${d.published ?? 'unknown'}${d.publisher ? ` by ${d.publisher}` : ''}; source: ${d.sourceUrl ?? 'not given'}`);
        console.log(`    records: ${d.recordCount}; ingested: ${d.completedAt}; format: ${d.sourceFormat}`);
        console.log(`    categories: ${d.categories.join(', ')}`);
        console.log(`    sha256: ${d.sourceSha256}`);
        const weak = meetsOwaspMinimum(d.argon2) ? '' : '  (BELOW the OWASP minimum: re-ingest at full cost)';
        console.log(`    hashing: ${describeParams(d.argon2)}${weak}`);
        if (d.keyScheme !== KEY_SCHEME) console.log(`    key scheme ${d.keyScheme} is not the current ${KEY_SCHEME}: re-ingest it to match`);
      }
      return 0;
    }
    const target = await ctx.store.getDataset(id as string);
    if (!target) throw new UsageError(`no dataset with ID ${id}`);
    if (!values.yes) {
      if (!process.stdin.isTTY) throw new UsageError('purge is permanent: add --yes to confirm');
      const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
      const answer = await rl.question(`Purge "${target.name}" (${target.recordCount} records) for good? Type its ID to confirm: `);
      rl.close();
      if (answer.trim() !== target.id) throw new UsageError('not confirmed; nothing was purged');
    }
    await ctx.store.purgeDataset(target.id);
    console.log(`Purged dataset ${target.id}: its records, index and provenance are gone.`);
    return 0;
  } finally {
    await ctx.close();
  }
});
