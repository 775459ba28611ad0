/** Argon2id cost parameters. Recorded with each dataset so lookups hash the way the dataset was built. */
export interface Argon2Params {
  memoryKiB: number;
  iterations: number;
  parallelism: number;
}

/**
 * OWASP Password Storage Cheat Sheet, Argon2id rows (all with 1 degree of parallelism): any of these
 * gives equivalent defence. Parameters meet the minimum when they dominate at least one row.
 */
export const OWASP_ARGON2ID_ROWS: ReadonlyArray<{ memoryKiB: number; iterations: number }> = [
  { memoryKiB: 47104, iterations: 1 },
  { memoryKiB: 19456, iterations: 2 },
  { memoryKiB: 12288, iterations: 3 },
  { memoryKiB: 9216, iterations: 4 },
  { memoryKiB: 7168, iterations: 5 },
];

export function meetsOwaspMinimum(p: Pick<Argon2Params, 'memoryKiB' | 'iterations'>): boolean {
  return OWASP_ARGON2ID_ROWS.some((row) => p.memoryKiB >= row.memoryKiB && p.iterations >= row.iterations);
}

export function describeParams(p: Argon2Params): string {
  return `argon2id m=${p.memoryKiB}KiB t=${p.iterations} p=${p.parallelism}`;
}
