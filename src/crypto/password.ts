import argon2 from 'argon2';
import type { Argon2Params } from './argon2-params';
import { newToken } from './tokens';

/**
 * Account passwords: Argon2id (RFC 9106) in the PHC string format, which carries its own random salt
 * and parameters, so a later change of parameters still verifies old hashes. The parameters are the
 * configured ones (at least the OWASP minimum outside tests).
 */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

export async function hashPassword(password: string, params: Argon2Params): Promise<string> {
  if (typeof password !== 'string' || password.length === 0) throw new TypeError('password must be a non-empty string');
  return argon2.hash(password, {
    type: argon2.argon2id,
    memoryCost: params.memoryKiB,
    timeCost: params.iterations,
    parallelism: params.parallelism,
  });
}

/** False for a wrong password or a malformed hash; never throws on user input. */
export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  if (typeof hash !== 'string' || typeof password !== 'string') return false;
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/**
 * A hash of a random password, verified when the email is unknown so that an unknown email and a
 * wrong password take the same time (otherwise response time would reveal which emails exist).
 */
export async function decoyPasswordHash(params: Argon2Params): Promise<string> {
  return hashPassword(newToken(), params);
}
