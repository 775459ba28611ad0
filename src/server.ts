/**
 * npm start — opens the store and serves the web app. The only place that listens on a port.
 *
 * With MASTER_KEY_SEALED_FILE the server starts sealed: it serves a locked page and /healthz, and
 * waits for `npm run unseal` on a Unix socket in DATA_DIR; only then is the key opened (in memory)
 * and the full app brought up in place of the locked one.
 */
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { keySource, loadBaseConfig, loadConfig, loadRosterConfig, loadWebConfig } from './config';
import { KeyRing } from './crypto/keyring';
import { HashScheduler, sizeThreadPool } from './crypto/hash-scheduler';
import { SqliteStore } from './store/sqlite-store';
import { createApp } from './app';
import { createLogger } from './web/logger';
import type { WebContext } from './web/context';
import { createLockedApp } from './sealed/locked-app';
import { awaitUnseal } from './sealed/sealed-server';
import type { UnsealChannel } from './sealed/unseal-channel';

export interface RunningServer {
  server: http.Server;
  url: string;
  /** Whether the server still waits for its passphrase. */
  sealed(): boolean;
  /** The app's services; throws while the server is sealed. */
  readonly context: WebContext;
  close(): Promise<void>;
}

const PUBLIC_DIR = path.resolve(__dirname, '..', 'public');

export async function startServer(env: NodeJS.ProcessEnv = process.env): Promise<RunningServer> {
  sizeThreadPool();
  const source = keySource(env);
  const base = loadBaseConfig(env);
  const web = loadWebConfig(env);
  const rosters = loadRosterConfig(env);
  const logger = createLogger(undefined, web.logLevel);
  const store = await SqliteStore.open(base.dataDir);

  let handler: http.RequestListener = createLockedApp(PUBLIC_DIR);
  let live: { context: WebContext; keyring: KeyRing; timers: NodeJS.Timeout[] } | null = null;

  const bringUp = async (masterKey: Buffer) => {
    const keyring = new KeyRing(masterKey);
    masterKey.fill(0);
    const scheduler = new HashScheduler(keyring);
    const { app, context } = createApp({ store, keyring, scheduler, config: web, passwordParams: base.argon2, logger, rosters });
    // A roster job an earlier process did not finish can never finish now (its roster was only in memory).
    const interrupted = await context.rosterJobs.recoverInterrupted();
    if (interrupted > 0) logger.warn({ jobs: interrupted }, 'roster jobs interrupted by the last stop are marked as such');
    await context.rosterJobs.sweep();
    // Expired sessions are refused on read; this only reclaims their rows.
    const sessionSweep = setInterval(() => void context.sessionStore.removeExpired().catch(() => undefined), 10 * 60_000);
    // Roster results past their retention are deleted within a minute; uploads left unconfirmed are dropped.
    const rosterSweep = setInterval(() => {
      context.pendingUploads.sweep();
      void context.rosterJobs.sweep().catch(() => undefined);
    }, 60_000);
    sessionSweep.unref();
    rosterSweep.unref();
    live = { context, keyring, timers: [sessionSweep, rosterSweep] };
    handler = app;
  };

  let channel: UnsealChannel | null = null;
  if (source.kind === 'plain') await bringUp(loadConfig(env).masterKey);

  // A client that sends its request slowly or stops half-way must not hold a connection for Node's
  // defaults (5 minutes per request): headers within 30 s, the whole request within 60 s, checked every
  // 2 s. Only receiving the request is timed: a lookup waiting for hashing under load is not cut off.
  const server = http.createServer({ connectionsCheckingInterval: 2_000 }, (req, res) => handler(req, res));
  server.headersTimeout = 30_000;
  server.requestTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(base.port, resolve));
  const port = (server.address() as AddressInfo).port;
  if (source.kind === 'sealed') {
    channel = await awaitUnseal(base.dataDir, source.file, async (key) => {
      await bringUp(key);
      logger.info({ datasets: (await store.listDatasets()).length }, 'unsealed');
    });
    logger.warn({ port }, 'sealed: serving the locked page until `npm run unseal`');
  } else {
    logger.info({ port, datasets: (await store.listDatasets()).length }, 'listening');
  }
  return {
    server,
    url: `http://localhost:${port}`,
    sealed: () => live === null,
    get context(): WebContext {
      if (!live) throw new Error('the server is sealed');
      return live.context;
    },
    close: async () => {
      await channel?.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (live) {
        live.timers.forEach(clearInterval);
        live.keyring.close();
      }
      await store.close();
    },
  };
}

if (require.main === module) {
  startServer().then(
    (running) => {
      const state = running.sealed() ? 'sealed: run `npm run unseal` on this machine to unlock it' : 'ready';
      console.log(`Exposure Check is serving on ${running.url} (${state}; public URL for links: ${loadWebConfig().publicUrl})`);
      const stop = () => void running.close().then(() => process.exit(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    },
    (err: unknown) => {
      const e = err as Error;
      console.error(`error: ${e?.name === 'ConfigError' ? e.message : `could not start (${e?.name ?? 'failure'})`}`);
      process.exitCode = 1;
    },
  );
}
