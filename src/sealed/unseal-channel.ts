import fs from 'node:fs';
import net from 'node:net';

/**
 * How `npm run unseal` hands the passphrase to a sealed server: a Unix socket inside DATA_DIR (a
 * directory of mode 0700, the socket itself 0600), so only the operator's account on the machine can
 * reach it — never the network. One line of JSON each way; attempts are taken one at a time, with a
 * pause after a failure.
 */
export type UnsealReply = { ok: true } | { ok: false; error: string };

export interface UnsealChannel {
  path: string;
  close(): Promise<void>;
}

const MAX_MESSAGE_BYTES = 4096;
const PAUSE_AFTER_FAILURE_MS = 1000;

function removeStaleSocket(path: string): void {
  try {
    if (fs.lstatSync(path).isSocket()) fs.unlinkSync(path);
  } catch {
    // nothing there
  }
}

export async function openUnsealChannel(path: string, unseal: (passphrase: string) => Promise<UnsealReply>): Promise<UnsealChannel> {
  removeStaleSocket(path);
  let busy: Promise<void> = Promise.resolve();
  const server = net.createServer((conn) => {
    let received = Buffer.alloc(0);
    conn.setTimeout(30_000, () => conn.destroy());
    conn.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (received.length > MAX_MESSAGE_BYTES) return void conn.end(`${JSON.stringify({ ok: false, error: 'message too long' })}\n`);
      const newline = received.indexOf(0x0a);
      if (newline < 0) return;
      const line = received.subarray(0, newline).toString('utf8');
      received.fill(0);
      let passphrase: unknown;
      try {
        passphrase = (JSON.parse(line) as { passphrase?: unknown }).passphrase;
      } catch {
        passphrase = undefined;
      }
      if (typeof passphrase !== 'string') return void conn.end(`${JSON.stringify({ ok: false, error: 'expected {"passphrase": "..."}' })}\n`);
      busy = busy.then(async () => {
        const reply = await unseal(passphrase).catch((): UnsealReply => ({ ok: false, error: 'the server could not unseal' }));
        if (!conn.destroyed) conn.end(`${JSON.stringify(reply)}\n`);
        if (!reply.ok) await new Promise((r) => setTimeout(r, PAUSE_AFTER_FAILURE_MS));
      });
    });
    conn.on('error', () => undefined);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, () => resolve());
  });
  fs.chmodSync(path, 0o600);
  return {
    path,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        removeStaleSocket(path);
      }),
  };
}

/** The client side, for `npm run unseal`. */
export function sendPassphrase(path: string, passphrase: string, timeoutMs = 120_000): Promise<UnsealReply> {
  return new Promise((resolve, reject) => {
    const conn = net.createConnection(path);
    let reply = '';
    const timer = setTimeout(() => {
      conn.destroy();
      reject(new Error('the server did not answer in time'));
    }, timeoutMs);
    conn.on('connect', () => conn.write(`${JSON.stringify({ passphrase })}\n`));
    conn.on('data', (chunk: Buffer) => (reply += chunk.toString('utf8')));
    conn.on('end', () => {
      clearTimeout(timer);
      try {
        resolve(JSON.parse(reply.trim()) as UnsealReply);
      } catch {
        reject(new Error('the server gave an unreadable answer'));
      }
    });
    conn.on('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(new Error(err.code === 'ENOENT' || err.code === 'ECONNREFUSED' ? `no sealed server is waiting at ${path}` : `could not reach the server (${err.code ?? 'error'})`));
    });
  });
}
