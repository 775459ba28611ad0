/**
 * npm run demo — the product on its bundled, invented sample data: generate a sample disclosure and
 * roster, ingest the disclosure at the configured (real) hashing cost, check the roster, print the
 * summary and how each kind of roster entry was answered. With `--serve` (what `npm run demo` runs),
 * it then starts the web app and prints a one-time set-up link for a demo admin.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { sizeThreadPool } from '../src/crypto/hash-scheduler';
import { describeParams } from '../src/crypto/argon2-params';
import { openContext, runCli } from '../src/cli/context';
import { progressBar } from '../src/cli/progress';
import { ingestFile } from '../src/ingest/pipeline';
import { checkRoster } from '../src/check/roster';
import { generateSample, DEFAULT_RECORDS, DEFAULT_SEED } from '../src/sample/generate';
import { writeSampleFiles } from '../src/sample/files';
import { KEY_SCHEME } from '../src/matching/keys';
import { startServer } from '../src/server';
import type { Role } from '../src/store/accounts-repo';

const DEMO_ORG = 'Demo Legal Aid';
const DEMO_ADMIN = 'admin@demo.invalid';

const DATASET_NAME = 'Sample disclosure (invented people)';
const DEMO_KEY = path.resolve('demo-master.key');

runCli(async () => {
  sizeThreadPool();
  if (!process.env.MASTER_KEY && !process.env.MASTER_KEY_FILE) {
    if (!fs.existsSync(DEMO_KEY)) fs.writeFileSync(DEMO_KEY, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
    process.env.MASTER_KEY_FILE = DEMO_KEY;
    console.log(`Using the demo master key in ${DEMO_KEY} (made for this demo; never use it for real data).`);
  }
  const ctx = await openContext();
  try {
    const sampleDir = path.resolve('sample');
    const sample = generateSample({ records: DEFAULT_RECORDS, seed: DEFAULT_SEED });
    const files = writeSampleFiles(sample, sampleDir);
    console.log(`Generated ${sample.disclosure.length} invented records and a ${sample.roster.length}-row roster in ${sampleDir}`);

    const sha = createHash('sha256').update(fs.readFileSync(files.disclosure)).digest('hex');
    // Re-ingested when the key rules changed since: a dataset built under other rules would not match.
    const existing = (await ctx.store.listDatasets()).find((d) => d.name === DATASET_NAME && d.sourceSha256 === sha && d.keyScheme === KEY_SCHEME);
    if (existing) {
      console.log(`The sample disclosure is already ingested as dataset ${existing.id}.`);
    } else {
      console.log(`Ingesting with ${describeParams(ctx.config.argon2)} on ${ctx.scheduler.concurrency} cores ...`);
      const bar = progressBar('Ingesting', 'rows');
      const s = await ingestFile(
        { file: files.disclosure, name: DATASET_NAME, published: '2024-06-11', publisher: 'an invented agency' },
        { ...ctx, params: ctx.config.argon2, onProgress: (p) => bar.update(p.rowsRead, p.bytesRead, p.totalBytes) },
      );
      bar.stop();
      console.log(`Dataset ${s.datasetId}: ${s.indexed} records indexed with ${s.keysStored} keys in ${s.seconds.toFixed(1)} s; ${s.rejected} rejected.`);
      console.log(`Categories exposed: ${s.categories.join(', ')}`);
    }

    const out = path.join(sampleDir, 'results.csv');
    const bar = progressBar('Checking', 'rows');
    const r = await checkRoster({ file: files.roster, out }, { ...ctx, onProgress: (p) => bar.update(p.rowsDone, p.bytesRead, p.totalBytes) });
    bar.stop();
    console.log(`\nChecked ${r.rows} roster rows against ${r.datasets} dataset(s) in ${r.seconds.toFixed(1)} s.`);
    console.log(`  confirmed ${r.counts.confirmed}, probable ${r.counts.probable}, possible ${r.counts.possible}, none ${r.counts.none}, error ${r.counts.error}`);

    // How each kind of roster entry was answered, from the generator's ground truth.
    const results = fs.readFileSync(out, 'utf8');
    const { parse } = await import('csv-parse/sync');
    const rows = parse(results.replace(/^\uFEFF/, '')) as string[][];
    const byVariant = new Map<string, Map<string, number>>();
    for (const t of sample.truth) {
      const tier = rows[t.rosterRow]?.[sample.rosterColumns.length] ?? '?';
      const m = byVariant.get(t.variant) ?? new Map<string, number>();
      m.set(tier, (m.get(tier) ?? 0) + 1);
      byVariant.set(t.variant, m);
    }
    console.log('\nBy kind of roster entry (ground truth from the generator):');
    for (const [variant, tiers] of byVariant) {
      console.log(`  ${variant.padEnd(30)} ${[...tiers].map(([t, n]) => `${t} ${n}`).join(', ')}`);
    }
    console.log(`\nResults file: ${out}`);
    console.log('Try: npm run dataset -- list');
  } finally {
    await ctx.close();
  }
  if (process.argv.includes('--serve')) await serveDemo();
  return 0;
});

/** Starts the web app on the demo store and prints a fresh one-time set-up link for the demo admin. */
async function serveDemo(): Promise<void> {
  const running = await startServer();
  const { accounts, accountsRepo } = running.context;
  const existing = await accountsRepo.findUserByEmail(DEMO_ADMIN);
  let link: string;
  if (existing) {
    link = await accounts.issueSetupLink(existing.id);
  } else {
    const org = await accounts.ensureOrganisation(DEMO_ORG);
    ({ setupLink: link } = await accounts.invite({ orgId: org.id, email: DEMO_ADMIN, role: 'admin' as Role, invitedBy: null }));
  }
  console.log(`\nThe web app is serving on ${running.url}.`);
  console.log(`Demo admin ${DEMO_ADMIN} (${DEMO_ORG}): open this one-time set-up link within 72 hours to choose a password:`);
  console.log(`  ${link}`);
  console.log('Then check a client from sample/roster.csv (its "exact" rows are in the sample dataset). Ctrl-C stops the server.');
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await running.close();
}
