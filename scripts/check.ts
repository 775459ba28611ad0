import { parseArgs } from 'node:util';
import { openContext, runCli, UsageError } from '../src/cli/context';
import { progressBar } from '../src/cli/progress';
import { parseMapOption } from '../src/ingest/columns';
import { checkRoster } from '../src/check/roster';

const USAGE = 'usage: npm run check -- ROSTER --out RESULTS.csv|RESULTS.xlsx [--map field=Column,...] [--date-order mdy|dmy]';

runCli(async () => {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      out: { type: 'string' },
      map: { type: 'string' },
      'date-order': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return void console.log(USAGE);
  const file = positionals[0];
  if (!file || positionals.length > 1) throw new UsageError(`give exactly one ROSTER file\n${USAGE}`);
  if (!values.out) throw new UsageError(`--out is required\n${USAGE}`);
  const order = values['date-order']?.toLowerCase();
  if (order && order !== 'mdy' && order !== 'dmy') throw new UsageError('--date-order must be mdy or dmy');

  const ctx = await openContext();
  const bar = progressBar('Checking', 'rows');
  try {
    const s = await checkRoster(
      { file, out: values.out, map: parseMapOption(values.map), dateOrder: order === 'dmy' ? 'DMY' : order === 'mdy' ? 'MDY' : undefined },
      { store: ctx.store, keyring: ctx.keyring, scheduler: ctx.scheduler, onProgress: (p) => bar.update(p.rowsDone, p.bytesRead, p.totalBytes) },
    );
    bar.stop();
    if (s.datasets === 0) console.log('Warning: no dataset has been ingested; every row is "none".');
    console.log(`Checked ${s.rows} rows against ${s.datasets} dataset(s) in ${s.seconds.toFixed(1)} s.`);
    console.log('Columns:');
    for (const m of s.mapping) console.log(`  ${m.field.padEnd(12)} <- column ${m.column} "${m.header}"`);
    console.log(
      `confirmed: ${s.counts.confirmed}  probable: ${s.counts.probable}  possible: ${s.counts.possible}  none: ${s.counts.none}  error: ${s.counts.error}`,
    );
    for (const e of s.errors.slice(0, 200)) console.log(`  row ${e.row}: ${e.reason}`);
    if (s.errors.length > 200) console.log(`  ... and ${s.errors.length - 200} more`);
    console.log(`Results written to ${values.out}`);
    return 0;
  } finally {
    bar.stop();
    await ctx.close();
  }
});
