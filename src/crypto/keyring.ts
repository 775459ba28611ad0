import { deriveKey, PURPOSES } from './keys';
import { assertBytes, wipe } from './bytes';

/**
 * The derived keys a process needs, computed once from the master key. The master key itself is
 * kept only to derive further per-kind salts; `close()` overwrites what JavaScript lets us overwrite.
 */
export class KeyRing {
  readonly #master: Buffer;
  readonly #salts = new Map<string, Buffer>();
  readonly indexDigestKey: Buffer;
  readonly recordWrapSalt: Buffer;

  constructor(masterKey: Buffer) {
    assertBytes(masterKey, 'masterKey', 32);
    this.#master = Buffer.from(masterKey);
    this.indexDigestKey = deriveKey(this.#master, PURPOSES.indexDigest);
    this.recordWrapSalt = deriveKey(this.#master, PURPOSES.recordWrap);
  }

  /** 16-byte Argon2 salt for one kind of match key: the same kind always hashes with the same salt. */
  matchSalt(kind: string): Buffer {
    let salt = this.#salts.get(kind);
    if (!salt) {
      salt = deriveKey(this.#master, PURPOSES.matchSalt, 16, kind);
      this.#salts.set(kind, salt);
    }
    return salt;
  }

  derive(purpose: (typeof PURPOSES)[keyof typeof PURPOSES], context = ''): Buffer {
    return deriveKey(this.#master, purpose, 32, context);
  }

  close(): void {
    wipe(this.#master, this.indexDigestKey, this.recordWrapSalt, ...this.#salts.values());
    this.#salts.clear();
  }
}
