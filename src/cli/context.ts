import fs from 'node:fs';
import { keySource, loadBaseConfig, loadConfig, ConfigError, type Config } from '../config';
import { parseSealedKeyFile, unsealMasterKey, UnsealError } from '../crypto/sealed-master-key';
import { PromptError, promptSecret } from './prompt';
import { KeyRing } from '../crypto/keyring';
import { HashScheduler, sizeThreadPool } from '../crypto/hash-scheduler';
import { SqliteStore } from '../store/sqlite-store';
import { LayoutError } from '../ingest/columns';
import { SourceFormatError } from '../ingest/readers/types';

/** What every command that touches the store needs, built from the environment once. */
export interface CliContext {
  config: Config;
  store: SqliteStore;
  keyring: KeyRing;
  scheduler: HashScheduler;
  close(): Promise<void>;
}

export async function openContext(env: NodeJS.ProcessEnv = process.env): Promise<CliContext> {
  sizeThreadPool();
  const config = await configWithKey(env);
  const store = await SqliteStore.open(config.dataDir);
  const keyring = new KeyRing(config.masterKey);
  config.masterKey.fill(0);
  const scheduler = new HashScheduler(keyring);
  return {
    config,
    store,
    keyring,
    scheduler,
    close: async () => {
      keyring.close();
      await store.close();
    },
  };
}

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** The configuration with the master key: from the environment, or unsealed with a prompted passphrase. */
async function configWithKey(env: NodeJS.ProcessEnv): Promise<Config> {
  const source = keySource(env);
  if (source.kind === 'plain') return loadConfig(env);
  const { dataDir, port, argon2 } = loadBaseConfig(env);
  const sealed = parseSealedKeyFile(fs.readFileSync(source.file, 'utf8'));
  const masterKey = await unsealMasterKey(sealed, await promptSecret('Passphrase of the sealed master key: '));
  return { dataDir, port, argon2, masterKey };
}

/** Errors whose messages are written for the operator and never carry a value from a file. */
const OPERATOR_ERRORS = [ConfigError, LayoutError, SourceFormatError, UsageError, UnsealError, PromptError];

/**
 * Runs a command's main function: known errors print their message, anything else prints only its
 * type (a library's message might quote a cell of the file), and the exit code is 1.
 */
export function runCli(main: () => Promise<number | void>): void {
  main().then(
    (code) => {
      process.exitCode = code ?? 0;
    },
    (err: unknown) => {
      if (OPERATOR_ERRORS.some((E) => err instanceof E)) {
        console.error(`error: ${(err as Error).message}`);
      } else if (err instanceof Error && (err.name === 'SourceMismatchError' || /^(no row could be indexed|ingest cancelled)/.test(err.message))) {
        console.error(`error: ${err.message}`);
      } else if ((err as NodeJS.ErrnoException)?.code === 'SQLITE_FULL' || (err as NodeJS.ErrnoException)?.code === 'ENOSPC') {
        console.error(`error: the disk is full (${(err as NodeJS.ErrnoException).code}): free space where DATA_DIR is and run the command again; nothing was changed by the failed step`);
      } else {
        const e = err as NodeJS.ErrnoException;
        console.error(`error: unexpected ${e?.name ?? 'failure'}${e?.code ? ` (${e.code})` : ''}; nothing was changed by the failed step`);
        if (process.env.EXPOSURE_CHECK_DEBUG === '1') console.error(e?.stack);
      }
      process.exitCode = 1;
    },
  );
}
