import { defaultConcurrency } from '../src/crypto/hash-scheduler';
import { hashMatchKey } from '../src/crypto/match-hash';
import type { Argon2Params } from '../src/crypto/argon2-params';
import type { KeyRing } from '../src/crypto/keyring';

/**
 * The machine's Argon2 ceiling: match-key hashes per second at `params` with every core busy, for
 * `seconds`. Benchmarks divide what they achieved by this, so results compare across machines.
 */
export async function argon2Ceiling(keyring: KeyRing, params: Argon2Params, seconds: number): Promise<number> {
  const deadline = Date.now() + seconds * 1000;
  let done = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: defaultConcurrency() }, async (_, worker) => {
      for (let i = 0; Date.now() < deadline; i++) {
        await hashMatchKey(keyring, 'name-dob', `ceiling ${worker} ${i}|1990-01-01`, params);
        done++;
      }
    }),
  );
  return done / (Number(process.hrtime.bigint() - started) / 1e9);
}
