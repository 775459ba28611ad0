import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { isInside, loadBaseConfig } from '../src/config';
import { runCli, UsageError } from '../src/cli/context';

const DEFAULT_OUT = path.join(os.homedir(), '.config', 'exposure-check', 'master.key');

runCli(async () => {
  const { values } = parseArgs({ options: { out: { type: 'string', default: DEFAULT_OUT } } });
  const out = path.resolve(values.out);
  const { dataDir } = loadBaseConfig();
  if (isInside(out, dataDir)) throw new UsageError(`the key must live outside DATA_DIR (${dataDir}); choose another --out`);
  if (fs.existsSync(out)) throw new UsageError(`${out} already exists; a new key would orphan every dataset built with it`);
  fs.mkdirSync(path.dirname(out), { recursive: true, mode: 0o700 });
  // 'wx' fails rather than overwrite; mode 0600 so only this account can read it.
  fs.writeFileSync(out, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  console.log(`Wrote a new master key to ${out} (mode 600).`);
  console.log(`Set MASTER_KEY_FILE=${out} in the server's environment, and keep a copy offline:`);
  console.log('without it, no dataset built with it can be searched.');
  return 0;
});
