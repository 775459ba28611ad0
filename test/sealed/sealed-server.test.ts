import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { sealMasterKey } from '../../src/crypto/sealed-master-key';
import { startServer, type RunningServer } from '../../src/server';
import { sendPassphrase } from '../../src/sealed/unseal-channel';
import { UNSEAL_SOCKET } from '../../src/sealed/sealed-server';
import { openHarness, type Harness } from '../support/harness';
import { freePort } from '../support/net';

const PASS = 'the operator passphrase for tests';

let h: Harness;
let running: RunningServer;
let socket: string;

beforeAll(async () => {
  h = await openHarness();
  await h.store.close();
  const sealedFile = path.join(h.dir, 'master.sealed.json');
  const sealed = await sealMasterKey(Buffer.from(h.masterKeyHex, 'hex'), PASS, { memoryKiB: 256, iterations: 1, parallelism: 1 });
  fs.writeFileSync(sealedFile, JSON.stringify(sealed), { mode: 0o600 });
  const env: NodeJS.ProcessEnv = { ...h.env, MASTER_KEY_SEALED_FILE: sealedFile, PORT: String(await freePort()), LOG_LEVEL: 'silent' };
  delete env.MASTER_KEY;
  running = await startServer(env);
  socket = path.join(h.dataDir, UNSEAL_SOCKET);
});
afterAll(async () => {
  await running?.close();
  await h.close();
});

describe('a sealed server', () => {
  it('serves only the locked page and its health check, with the usual security headers', async () => {
    expect(running.sealed()).toBe(true);
    expect(() => running.context).toThrow(/sealed/);
    const health = await request(running.server).get('/healthz');
    expect(health.status).toBe(200);
    expect(health.body).toEqual({ status: 'sealed' });
    for (const p of ['/', '/sign-in', '/lookup', '/api/v1/datasets']) {
      const res = await request(running.server).get(p);
      expect(res.status).toBe(503);
      expect(res.text).toContain('Exposure Check is locked');
      expect(res.headers['content-security-policy']).toContain("script-src 'self'");
      expect(res.text).not.toMatch(/<script|<form/);
    }
  });

  it('listens for the passphrase only on a socket in the data directory that only its owner can use', () => {
    expect(fs.lstatSync(socket).isSocket()).toBe(true);
    expect(fs.statSync(socket).mode & 0o077).toBe(0);
  });

  it('refuses a wrong passphrase and stays sealed', async () => {
    const reply = await sendPassphrase(socket, 'not the right passphrase');
    expect(reply).toEqual({ ok: false, error: 'wrong passphrase, or the sealed key file was altered' });
    expect(running.sealed()).toBe(true);
    expect((await request(running.server).get('/healthz')).body).toEqual({ status: 'sealed' });
  });

  it('unseals with the right passphrase and then serves the app', async () => {
    expect(await sendPassphrase(socket, PASS)).toEqual({ ok: true });
    expect(running.sealed()).toBe(false);
    expect((await request(running.server).get('/healthz')).body).toEqual({ status: 'ok' });
    expect((await request(running.server).get('/sign-in')).status).toBe(200);
    await new Promise((r) => setTimeout(r, 50));
    expect(fs.existsSync(socket)).toBe(false);
  });
});
