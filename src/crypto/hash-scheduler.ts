import os from 'node:os';
import { hashMatchKey } from './match-hash';
import type { Argon2Params } from './argon2-params';
import type { KeyRing } from './keyring';

export type HashPriority = 'interactive' | 'bulk';

interface Job {
  kind: string;
  canonical: string;
  params: Argon2Params;
  resolve: (b: Buffer) => void;
  reject: (e: unknown) => void;
}

/**
 * Runs Argon2 hashes with at most one per core at a time (node-argon2 hashes on libuv's thread pool,
 * so `concurrency` in flight keeps every core busy without oversubscribing them). Interactive work —
 * a single lookup — is always started before bulk work from ingests and rosters.
 */
export class HashScheduler {
  readonly concurrency: number;
  #running = 0;
  #hashes = 0;
  readonly #queues: Record<HashPriority, Job[]> = { interactive: [], bulk: [] };

  constructor(private readonly keyring: KeyRing, concurrency = defaultConcurrency()) {
    if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError('concurrency must be a positive integer');
    this.concurrency = concurrency;
  }

  hash(kind: string, canonical: string, params: Argon2Params, priority: HashPriority = 'bulk'): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      this.#queues[priority].push({ kind, canonical, params, resolve, reject });
      this.#pump();
    });
  }

  /** Jobs queued but not yet started. */
  get pending(): number {
    return this.#queues.interactive.length + this.#queues.bulk.length;
  }

  /** Hashes completed since this scheduler was made. */
  get completed(): number {
    return this.#hashes;
  }

  #pump(): void {
    while (this.#running < this.concurrency) {
      const job = this.#queues.interactive.shift() ?? this.#queues.bulk.shift();
      if (!job) return;
      this.#running++;
      hashMatchKey(this.keyring, job.kind, job.canonical, job.params)
        .then(job.resolve, job.reject)
        .finally(() => {
          this.#running--;
          this.#hashes++;
          this.#pump();
        });
    }
  }
}

export function defaultConcurrency(): number {
  return Math.max(1, os.availableParallelism());
}

/**
 * node-argon2 and node-sqlite3 share libuv's thread pool (4 threads unless told otherwise). Entry
 * points call this before any I/O so that every core can hash while the database still has a thread.
 */
export function sizeThreadPool(): void {
  if (!process.env.UV_THREADPOOL_SIZE) process.env.UV_THREADPOOL_SIZE = String(Math.max(4, defaultConcurrency() + 2));
}
