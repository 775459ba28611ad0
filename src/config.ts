import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { meetsOwaspMinimum, type Argon2Params } from './crypto/argon2-params';

/**
 * Configuration is read from the environment once, validated, and handed around as a typed object.
 * A problem stops the program with a message that says how to fix it; nothing falls back to an
 * example file.
 */
export interface Config {
  dataDir: string;
  port: number;
  /** 32 bytes. Never written to the database or the data directory. */
  masterKey: Buffer;
  argon2: Argon2Params;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

const KEYGEN_HINT =
  'Create one with `npm run keygen -- --out /etc/exposure-check/master.key` and set ' +
  'MASTER_KEY_FILE to that path (or set MASTER_KEY to 64 hex characters).';

const intFromEnv = (name: string, min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, `${name} must be a whole number`)
    .transform(Number)
    .refine((n) => n >= min && n <= max, `${name} must be between ${min} and ${max}`);

const envSchema = z.object({
  DATA_DIR: z.string().min(1).default('./data'),
  PORT: intFromEnv('PORT', 1, 65535).default(3000),
  ARGON2_MEMORY_KIB: intFromEnv('ARGON2_MEMORY_KIB', 8, 4 * 1024 * 1024).default(19456),
  ARGON2_ITERATIONS: intFromEnv('ARGON2_ITERATIONS', 1, 100).default(2),
  ARGON2_ALLOW_WEAK_FOR_TESTS: z.enum(['0', '1']).optional(),
  MASTER_KEY: z.string().optional(),
  MASTER_KEY_FILE: z.string().optional(),
  MASTER_KEY_SEALED_FILE: z.string().optional(),
});

function parseKeyHex(text: string, where: string): Buffer {
  const hex = text.trim();
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) {
    throw new ConfigError(`${where} must be exactly 64 hex characters (32 bytes). ${KEYGEN_HINT}`);
  }
  return Buffer.from(hex, 'hex');
}

function readKeyFile(file: string, dataDir: string): Buffer {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new ConfigError(`MASTER_KEY_FILE ${file} cannot be read. ${KEYGEN_HINT}`);
  }
  if (!stat.isFile()) throw new ConfigError(`MASTER_KEY_FILE ${file} is not a file. ${KEYGEN_HINT}`);
  // Group or world permissions on the key file mean another account on the machine could read it.
  if ((stat.mode & 0o077) !== 0) {
    throw new ConfigError(
      `MASTER_KEY_FILE ${file} can be read by other users (mode ${(stat.mode & 0o777).toString(8)}). ` +
        `Run \`chmod 600 ${file}\`.`,
    );
  }
  if (isInside(path.resolve(file), path.resolve(dataDir))) {
    throw new ConfigError(
      `MASTER_KEY_FILE ${file} is inside DATA_DIR; a copy of the data directory would then carry its key. ` +
        'Move the key file elsewhere.',
    );
  }
  return parseKeyHex(fs.readFileSync(file, 'utf8'), `MASTER_KEY_FILE ${file}`);
}

export function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** Reads everything except the master key (for commands such as `keygen` that need no key). */
export function loadBaseConfig(env: NodeJS.ProcessEnv = process.env): Omit<Config, 'masterKey'> & {
  raw: z.infer<typeof envSchema>;
} {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    // Name the variable, never echo its value: a misplaced secret must not end up in a terminal log.
    throw new ConfigError(`${String(issue?.path[0] ?? 'environment')}: ${issue?.message ?? 'invalid'}`);
  }
  const e = parsed.data;
  const argon2: Argon2Params = { memoryKiB: e.ARGON2_MEMORY_KIB, iterations: e.ARGON2_ITERATIONS, parallelism: 1 };
  if (!meetsOwaspMinimum(argon2) && e.ARGON2_ALLOW_WEAK_FOR_TESTS !== '1') {
    throw new ConfigError(
      `ARGON2_MEMORY_KIB=${argon2.memoryKiB} with ARGON2_ITERATIONS=${argon2.iterations} is below the OWASP ` +
        'minimum for Argon2id (for example 19456 KiB with 2 iterations, or 47104 KiB with 1). Raise them.',
    );
  }
  return { dataDir: path.resolve(e.DATA_DIR), port: e.PORT, argon2, raw: e };
}

/**
 * Where the master key comes from: in the clear (MASTER_KEY or MASTER_KEY_FILE), or sealed under an
 * operator passphrase (MASTER_KEY_SEALED_FILE, see `npm run seal`), in which case it is opened only
 * in memory, by `npm run unseal` for the server or a prompt for a command.
 */
export type KeySource = { kind: 'plain' } | { kind: 'sealed'; file: string };

export function keySource(env: NodeJS.ProcessEnv = process.env): KeySource {
  const { MASTER_KEY, MASTER_KEY_FILE, MASTER_KEY_SEALED_FILE } = loadBaseConfig(env).raw;
  if (!MASTER_KEY_SEALED_FILE) return { kind: 'plain' };
  if (MASTER_KEY || MASTER_KEY_FILE) throw new ConfigError('Set MASTER_KEY_SEALED_FILE or a plain master key, not both.');
  let stat: fs.Stats;
  try {
    stat = fs.statSync(MASTER_KEY_SEALED_FILE);
  } catch {
    throw new ConfigError(`MASTER_KEY_SEALED_FILE ${MASTER_KEY_SEALED_FILE} cannot be read; make one with \`npm run seal\`.`);
  }
  if ((stat.mode & 0o077) !== 0) throw new ConfigError(`MASTER_KEY_SEALED_FILE ${MASTER_KEY_SEALED_FILE} can be read by other users. Run \`chmod 600 ${MASTER_KEY_SEALED_FILE}\`.`);
  return { kind: 'sealed', file: MASTER_KEY_SEALED_FILE };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const base = loadBaseConfig(env);
  const { MASTER_KEY, MASTER_KEY_FILE, MASTER_KEY_SEALED_FILE } = base.raw;
  let masterKey: Buffer;
  if (MASTER_KEY_SEALED_FILE && !MASTER_KEY && !MASTER_KEY_FILE) {
    throw new ConfigError('The master key is sealed (MASTER_KEY_SEALED_FILE): it must be unsealed with its passphrase.');
  } else if (MASTER_KEY && MASTER_KEY_FILE) {
    throw new ConfigError('Set MASTER_KEY or MASTER_KEY_FILE, not both.');
  } else if (MASTER_KEY_FILE) {
    masterKey = readKeyFile(MASTER_KEY_FILE, base.dataDir);
  } else if (MASTER_KEY) {
    masterKey = parseKeyHex(MASTER_KEY, 'MASTER_KEY');
  } else {
    throw new ConfigError(`No master key: neither MASTER_KEY nor MASTER_KEY_FILE is set. ${KEYGEN_HINT}`);
  }
  return { dataDir: base.dataDir, port: base.port, argon2: base.argon2, masterKey };
}

/** Settings of the web app (`npm start`); read separately so the commands that never serve keep working unchanged. */
export interface WebConfig {
  /** Base of the links printed for account set-up, e.g. https://check.example.org */
  publicUrl: string;
  /** Express `trust proxy`: hops of reverse proxy in front of the app (0 = none). Decides req.ip and req.secure. */
  trustProxy: number;
  /** A session unused this long is signed out. */
  sessionIdleMinutes: number;
  /** A session is signed out this long after sign-in, however busy. */
  sessionAbsoluteHours: number;
  /** Lookups one user may make per day (UTC); an organisation may set a lower value. */
  userDailyQuota: number;
  /** Lookups one organisation may make per day (UTC); an organisation may set a lower value. */
  orgDailyQuota: number;
  /** pino level of the request log. */
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'silent';
}

const webEnvSchema = z.object({
  PORT: intFromEnv('PORT', 1, 65535).default(3000),
  PUBLIC_URL: z.url({ protocol: /^https?$/, message: 'PUBLIC_URL must be an http(s) URL such as https://check.example.org' }).optional(),
  TRUST_PROXY: intFromEnv('TRUST_PROXY', 0, 10).default(0),
  SESSION_IDLE_MINUTES: intFromEnv('SESSION_IDLE_MINUTES', 1, 24 * 60).default(30),
  SESSION_ABSOLUTE_HOURS: intFromEnv('SESSION_ABSOLUTE_HOURS', 1, 24 * 7).default(12),
  QUOTA_USER_DAILY: intFromEnv('QUOTA_USER_DAILY', 1, 1_000_000).default(200),
  QUOTA_ORG_DAILY: intFromEnv('QUOTA_ORG_DAILY', 1, 10_000_000).default(2000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'silent'], { message: 'LOG_LEVEL must be fatal, error, warn, info, debug or silent' }).default('info'),
});

export function loadWebConfig(env: NodeJS.ProcessEnv = process.env): WebConfig {
  const parsed = webEnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`${String(issue?.path[0] ?? 'environment')}: ${issue?.message ?? 'invalid'}`);
  }
  const e = parsed.data;
  return {
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    trustProxy: e.TRUST_PROXY,
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    sessionAbsoluteHours: e.SESSION_ABSOLUTE_HOURS,
    userDailyQuota: e.QUOTA_USER_DAILY,
    orgDailyQuota: e.QUOTA_ORG_DAILY,
    logLevel: e.LOG_LEVEL,
  };
}

/** Limits and retention of roster checks (web upload page and API); read by `npm start` and `bench:roster`. */
export interface RosterConfig {
  /** Largest roster file accepted, in bytes. */
  maxBytes: number;
  /** Most data rows a roster may have. */
  maxRows: number;
  /** Most an XLSX roster may unpack to, in bytes (a small zip can inflate enormously). */
  maxUnpackedBytes: number;
  /** Results are deleted this long after the job finishes, if not downloaded before. */
  retentionHours: number;
}

export const DEFAULT_ROSTER_CONFIG: RosterConfig = {
  maxBytes: 20 * 1024 * 1024,
  maxRows: 50_000,
  maxUnpackedBytes: 200 * 1024 * 1024,
  retentionHours: 24,
};

const rosterEnvSchema = z.object({
  ROSTER_MAX_MB: intFromEnv('ROSTER_MAX_MB', 1, 500).default(20),
  ROSTER_MAX_ROWS: intFromEnv('ROSTER_MAX_ROWS', 1, 1_000_000).default(50_000),
  ROSTER_MAX_UNPACKED_MB: intFromEnv('ROSTER_MAX_UNPACKED_MB', 1, 4096).default(200),
  ROSTER_RETENTION_HOURS: intFromEnv('ROSTER_RETENTION_HOURS', 1, 24 * 30).default(24),
});

export function loadRosterConfig(env: NodeJS.ProcessEnv = process.env): RosterConfig {
  const parsed = rosterEnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`${String(issue?.path[0] ?? 'environment')}: ${issue?.message ?? 'invalid'}`);
  }
  const e = parsed.data;
  return {
    maxBytes: e.ROSTER_MAX_MB * 1024 * 1024,
    maxRows: e.ROSTER_MAX_ROWS,
    maxUnpackedBytes: e.ROSTER_MAX_UNPACKED_MB * 1024 * 1024,
    retentionHours: e.ROSTER_RETENTION_HOURS,
  };
}
