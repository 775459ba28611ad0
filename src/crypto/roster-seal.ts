import { open, seal } from './envelope';
import { lengthPrefixed, wipe } from './bytes';
import { PURPOSES } from './keys';
import type { KeyRing } from './keyring';

/**
 * Roster results at rest: AES-256-GCM under a key derived for this job alone (HKDF, purpose
 * 'roster-results', context = job id), with the job id and owner bound as associated data, so a
 * sealed result moved to another job or another user fails to open.
 */
interface JobRef {
  id: string;
  userId: string;
}

const aad = (job: JobRef) => lengthPrefixed('roster-results/v1', job.id, job.userId);

export function sealRosterResults(keyring: KeyRing, job: JobRef, rows: string[][]): Buffer {
  const key = keyring.derive(PURPOSES.rosterResults, job.id);
  const plain = Buffer.from(JSON.stringify(rows), 'utf8');
  try {
    return seal(key, plain, aad(job));
  } finally {
    wipe(key, plain);
  }
}

export function openRosterResults(keyring: KeyRing, job: JobRef, sealed: Buffer): string[][] {
  const key = keyring.derive(PURPOSES.rosterResults, job.id);
  try {
    const plain = open(key, sealed, aad(job));
    const rows = JSON.parse(plain.toString('utf8')) as string[][];
    wipe(plain);
    return rows;
  } finally {
    wipe(key);
  }
}
