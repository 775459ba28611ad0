import fs from 'node:fs';
import path from 'node:path';
import { parseSealedKeyFile, unsealMasterKey, UnsealError } from '../crypto/sealed-master-key';
import { openUnsealChannel, type UnsealChannel } from './unseal-channel';

export const UNSEAL_SOCKET = 'unseal.sock';

/**
 * Waits, on the unseal socket in DATA_DIR, for the passphrase that opens the sealed master key, then
 * hands the key to `bringUp` (which builds and switches to the full app) and closes the socket. A
 * wrong passphrase is answered and the socket stays open for another try.
 */
export async function awaitUnseal(
  dataDir: string,
  sealedFile: string,
  bringUp: (masterKey: Buffer) => Promise<void>,
): Promise<UnsealChannel> {
  const sealed = parseSealedKeyFile(fs.readFileSync(sealedFile, 'utf8'));
  let done = false;
  const channel = await openUnsealChannel(path.join(dataDir, UNSEAL_SOCKET), async (passphrase) => {
    if (done) return { ok: false, error: 'already unsealed' };
    let key: Buffer;
    try {
      key = await unsealMasterKey(sealed, passphrase);
    } catch (err) {
      if (err instanceof UnsealError) return { ok: false, error: err.message };
      throw err;
    }
    done = true;
    try {
      await bringUp(key);
    } finally {
      key.fill(0);
    }
    setImmediate(() => void channel.close());
    return { ok: true };
  });
  return channel;
}
