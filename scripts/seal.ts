import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { isInside, loadBaseConfig, loadConfig } from '../src/config';
import { runCli, UsageError } from '../src/cli/context';
import { promptSecret } from '../src/cli/prompt';
import { DEFAULT_PASSPHRASE_KDF, MIN_PASSPHRASE_LENGTH, sealMasterKey } from '../src/crypto/sealed-master-key';

const USAGE = 'usage: npm run seal -- --out FILE [--new]   (seals the key from MASTER_KEY / MASTER_KEY_FILE, or a new one)';

runCli(async () => {
  const { values } = parseArgs({
    options: {
      out: { type: 'string' },
      new: { type: 'boolean', default: false },
      'kdf-memory-kib': { type: 'string' },
      'kdf-iterations': { type: 'string' },
    },
  });
  if (!values.out) throw new UsageError(USAGE);
  const out = path.resolve(values.out);
  const { dataDir } = loadBaseConfig();
  if (isInside(out, dataDir)) throw new UsageError(`the sealed key must live outside DATA_DIR (${dataDir})`);
  if (fs.existsSync(out)) throw new UsageError(`${out} already exists`);
  const masterKey = values.new ? randomBytes(32) : loadConfig().masterKey;
  const params = {
    ...DEFAULT_PASSPHRASE_KDF,
    ...(values['kdf-memory-kib'] ? { memoryKiB: Number(values['kdf-memory-kib']) } : {}),
    ...(values['kdf-iterations'] ? { iterations: Number(values['kdf-iterations']) } : {}),
  };
  const passphrase = await promptSecret(`Passphrase (at least ${MIN_PASSPHRASE_LENGTH} characters): `);
  if (process.stdin.isTTY && (await promptSecret('Again: ')) !== passphrase) throw new UsageError('the two passphrases differ');
  if ([...passphrase].length < MIN_PASSPHRASE_LENGTH) throw new UsageError(`the passphrase must have at least ${MIN_PASSPHRASE_LENGTH} characters`);
  const sealed = await sealMasterKey(masterKey, passphrase, params);
  masterKey.fill(0);
  fs.mkdirSync(path.dirname(out), { recursive: true, mode: 0o700 });
  fs.writeFileSync(out, `${JSON.stringify(sealed, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  console.log(`Wrote the sealed master key to ${out}.`);
  console.log('Set MASTER_KEY_SEALED_FILE to it (and unset MASTER_KEY / MASTER_KEY_FILE); remove the plain key file once');
  console.log('you have checked that `npm start` then `npm run unseal` works. A restart will need the passphrase.');
  return 0;
});
