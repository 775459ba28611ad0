import { randomBytes } from 'node:crypto';
import { parseSealedKeyFile, sealMasterKey, unsealMasterKey, UnsealError } from '../../src/crypto/sealed-master-key';

// A low KDF cost for tests: it changes how long an unseal takes, not what it accepts.
const FAST = { memoryKiB: 256, iterations: 1, parallelism: 1 };
const PASS = 'correct horse battery staple';

describe('sealed master key', () => {
  it('round-trips the master key under the right passphrase', async () => {
    const key = randomBytes(32);
    const sealed = await sealMasterKey(key, PASS, FAST);
    const text = JSON.stringify(sealed);
    expect(text).not.toContain(key.toString('hex'));
    expect(text).not.toContain(key.toString('base64'));
    expect((await unsealMasterKey(parseSealedKeyFile(text), PASS)).equals(key)).toBe(true);
  });

  it('refuses a wrong passphrase, a changed KDF parameter and a tampered envelope', async () => {
    const sealed = await sealMasterKey(randomBytes(32), PASS, FAST);
    await expect(unsealMasterKey(sealed, `${PASS}!`)).rejects.toThrow(UnsealError);
    await expect(unsealMasterKey({ ...sealed, kdf: { ...sealed.kdf, iterations: 2 } }, PASS)).rejects.toThrow(UnsealError);
    const env = Buffer.from(sealed.envelope, 'base64');
    env[env.length - 1] = (env[env.length - 1] as number) ^ 1;
    await expect(unsealMasterKey({ ...sealed, envelope: env.toString('base64') }, PASS)).rejects.toThrow(UnsealError);
  });

  it('refuses a short passphrase and a file that is not a sealed key', async () => {
    await expect(sealMasterKey(randomBytes(32), 'too short', FAST)).rejects.toThrow(/at least 15/);
    expect(() => parseSealedKeyFile('{"format":"something else"}')).toThrow(UnsealError);
    expect(() => parseSealedKeyFile('not json')).toThrow(UnsealError);
  });

  it('uses a fresh salt each time', async () => {
    const key = randomBytes(32);
    const a = await sealMasterKey(key, PASS, FAST);
    const b = await sealMasterKey(key, PASS, FAST);
    expect(a.kdf.salt).not.toBe(b.kdf.salt);
    expect(a.envelope).not.toBe(b.envelope);
  });
});
