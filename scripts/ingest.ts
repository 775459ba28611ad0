import { parseArgs } from 'node:util';
import { openContext, runCli, UsageError } from '../src/cli/context';
import { progressBar } from '../src/cli/progress';
import { parseMapOption } from '../src/ingest/columns';
import { ingestFile, type IngestSummary } from '../src/ingest/pipeline';
import { describeParams } from '../src/crypto/argon2-params';

const USAGE =
  'usage: npm run ingest -- FILE --name NAME [--published DATE] [--publisher WHO] [--source URL]\n' +
  '                         [--map field=Column,...] [--date-order mdy|dmy] [--dry-run] [--expect-sha256 HEX]';

function printSummary(s: IngestSummary): void {
  const out = console.log;
  out(s.dryRun ? '\nDry run: nothing was written.' : `\nDataset ${s.datasetId} is ready.`);
  out(`Format: ${s.format}; date order: ${s.dateOrder.order} (${s.dateOrder.basis === 'default' ? 'no value settled it; month first assumed, use --date-order to change' : `from ${s.dateOrder.basis === 'mixed' ? 'mostly ' : ''}the values`})`);
  out('Columns:');
  for (const m of s.mapping) out(`  ${m.field.padEnd(12)} <- column ${m.column} "${m.header}"`);
  out(`Rows read: ${s.rowsRead}; indexed: ${s.indexed}; rejected: ${s.rejected}; keys ${s.dryRun ? 'to store' : 'stored'}: ${s.keysStored}`);
  if (s.categories.length) out(`Categories exposed: ${s.categories.join(', ')}`);
  if (s.sourceSha256) out(`SHA-256 of source: ${s.sourceSha256}`);
  for (const r of s.rejections) out(`  rejected row ${r.row}: ${r.reason}`);
  if (s.rejected > s.rejections.length) out(`  ... and ${s.rejected - s.rejections.length} more rejected rows`);
  for (const w of s.warnings) out(`  note row ${w.row}: ${w.reason}`);
  if (s.warningCount > s.warnings.length) out(`  ... and ${s.warningCount - s.warnings.length} more notes`);
  if (!s.dryRun) out(`Time: ${s.seconds.toFixed(1)} s (${(s.indexed / Math.max(s.seconds, 1e-9)).toFixed(1)} records/s)`);
}

runCli(async () => {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      published: { type: 'string' },
      publisher: { type: 'string' },
      source: { type: 'string' },
      map: { type: 'string' },
      'date-order': { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      'expect-sha256': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return void console.log(USAGE);
  const file = positionals[0];
  if (!file || positionals.length > 1) throw new UsageError(`give exactly one FILE\n${USAGE}`);
  if (!values.name && !values['dry-run']) throw new UsageError(`--name is required\n${USAGE}`);
  if (values.published && !/^\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?$/.test(values.published)) throw new UsageError('--published must be a date as YYYY-MM-DD');
  if (values['expect-sha256'] && !/^[0-9a-fA-F]{64}$/.test(values['expect-sha256'])) throw new UsageError('--expect-sha256 takes 64 hex characters');
  const order = values['date-order']?.toLowerCase();
  if (order && order !== 'mdy' && order !== 'dmy') throw new UsageError('--date-order must be mdy or dmy');

  const ctx = await openContext();
  const bar = progressBar('Ingesting', 'rows');
  const abort = new AbortController();
  const onSigint = () => abort.abort();
  process.once('SIGINT', onSigint);
  process.once('SIGTERM', onSigint);
  try {
    console.log(`Hashing with ${describeParams(ctx.config.argon2)} on ${ctx.scheduler.concurrency} cores`);
    const summary = await ingestFile(
      {
        file,
        name: values.name ?? '(dry run)',
        published: values.published,
        publisher: values.publisher,
        sourceUrl: values.source,
        map: parseMapOption(values.map),
        dateOrder: order === 'dmy' ? 'DMY' : order === 'mdy' ? 'MDY' : undefined,
        dryRun: values['dry-run'],
        expectSha256: values['expect-sha256'],
      },
      {
        store: ctx.store,
        keyring: ctx.keyring,
        scheduler: ctx.scheduler,
        params: ctx.config.argon2,
        signal: abort.signal,
        onProgress: (p) => bar.update(p.rowsRead, p.bytesRead, p.totalBytes),
      },
    );
    bar.stop();
    printSummary(summary);
    return 0;
  } finally {
    bar.stop();
    process.off('SIGINT', onSigint);
    process.off('SIGTERM', onSigint);
    await ctx.close();
  }
});
