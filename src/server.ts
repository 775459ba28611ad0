/**
 * npm start — opens the store and serves the web app. The only place that listens on a port.
 */
import type { Server } from 'node:http';
import { loadConfig, loadRosterConfig, loadWebConfig } from './config';
import { KeyRing } from './crypto/keyring';
import { HashScheduler, sizeThreadPool } from './crypto/hash-scheduler';
import { SqliteStore } from './store/sqlite-store';
import { createApp } from './app';
import { createLogger } from './web/logger';
import type { WebContext } from './web/context';

export interface RunningServer {
  server: Server;
  url: string;
  context: WebContext;
  close(): Promise<void>;
}

export async function startServer(env: NodeJS.ProcessEnv = process.env): Promise<RunningServer> {
  sizeThreadPool();
  const config = loadConfig(env);
  const web = loadWebConfig(env);
  const rosters = loadRosterConfig(env);
  const logger = createLogger(undefined, web.logLevel);
  const store = await SqliteStore.open(config.dataDir);
  const keyring = new KeyRing(config.masterKey);
  config.masterKey.fill(0);
  const scheduler = new HashScheduler(keyring);
  const { app, context } = createApp({ store, keyring, scheduler, config: web, passwordParams: config.argon2, logger, rosters });
  // A roster job an earlier process did not finish can never finish now (its roster was only in memory).
  const interrupted = await context.rosterJobs.recoverInterrupted();
  if (interrupted > 0) logger.warn({ jobs: interrupted }, 'roster jobs interrupted by the last stop are marked as such');
  await context.rosterJobs.sweep();
  // Expired sessions are refused on read; this only reclaims their rows.
  const sweep = setInterval(() => void context.sessionStore.removeExpired().catch(() => undefined), 10 * 60_000);
  sweep.unref();
  // Roster results past their retention are deleted within a minute; uploads left unconfirmed are dropped.
  const rosterSweep = setInterval(() => {
    context.pendingUploads.sweep();
    void context.rosterJobs.sweep().catch(() => undefined);
  }, 60_000);
  rosterSweep.unref();
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(config.port, () => resolve(s));
  });
  const url = `http://localhost:${config.port}`;
  logger.info({ port: config.port, datasets: (await store.listDatasets()).length }, 'listening');
  return {
    server,
    url,
    context,
    close: async () => {
      clearInterval(sweep);
      clearInterval(rosterSweep);
      await new Promise<void>((resolve) => server.close(() => resolve()));
      keyring.close();
      await store.close();
    },
  };
}

if (require.main === module) {
  startServer().then(
    (running) => {
      console.log(`Exposure Check is serving on ${running.url} (public URL for links: ${loadWebConfig().publicUrl})`);
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
