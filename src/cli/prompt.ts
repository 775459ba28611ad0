import readline from 'node:readline';

/** No secret could be read; the message is meant for the operator. */
export class PromptError extends Error {
  override name = 'PromptError';
}

/**
 * Reads a secret from the terminal without echoing it, or one line from standard input when that is
 * not a terminal (for scripted use: `printf '%s\n' "$PASS" | npm run unseal`).
 */
export function promptSecret(question: string): Promise<string> {
  const input = process.stdin;
  if (!input.isTTY) {
    return new Promise((resolve, reject) => {
      const rl = readline.createInterface({ input, terminal: false });
      let answered = false;
      rl.once('line', (line) => {
        answered = true;
        resolve(line);
        rl.close();
      });
      rl.once('close', () => {
        if (!answered) reject(new PromptError('no passphrase on standard input'));
      });
    });
  }
  return new Promise((resolve, reject) => {
    process.stderr.write(question);
    input.setRawMode(true);
    input.resume();
    let secret = '';
    const onData = (chunk: Buffer) => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n') return finish(() => resolve(secret));
        if (ch === '\u0003') return finish(() => reject(new PromptError('cancelled')));
        if (ch === '\u007f' || ch === '\b') secret = [...secret].slice(0, -1).join('');
        else secret += ch;
      }
    };
    const finish = (done: () => void) => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      process.stderr.write('\n');
      done();
    };
    input.on('data', onData);
  });
}
