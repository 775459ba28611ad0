import { newToken } from '../crypto/tokens';
import type { RosterInspection } from './inspect';

/**
 * Uploads waiting for their mapping to be confirmed: in this process's memory only, for a short
 * while, reachable only by the account that uploaded them under an unguessable id. A restart loses
 * them (the uploader simply uploads again); nothing of them is ever written to disk.
 */
export interface PendingUpload {
  bytes: Buffer;
  /** The first look at the file, as detected: the mapping page shows it without reading the file again. */
  inspection: RosterInspection;
}

interface Pending extends PendingUpload {
  userId: string;
  expiresAt: number;
}

export const PENDING_MINUTES = 30;
const PER_USER = 3;

export class PendingUploads {
  readonly #byId = new Map<string, Pending>();

  constructor(private readonly clock: () => Date) {}

  put(userId: string, upload: PendingUpload): string {
    this.sweep();
    const mine = [...this.#byId.entries()].filter(([, p]) => p.userId === userId);
    for (const [id] of mine.slice(0, Math.max(0, mine.length - PER_USER + 1))) this.drop(id);
    const id = newToken();
    this.#byId.set(id, { userId, ...upload, expiresAt: this.clock().getTime() + PENDING_MINUTES * 60_000 });
    return id;
  }

  get(userId: string, id: string): PendingUpload | undefined {
    const p = this.#byId.get(id);
    if (!p || p.userId !== userId) return undefined;
    if (p.expiresAt <= this.clock().getTime()) {
      this.drop(id);
      return undefined;
    }
    return { bytes: p.bytes, inspection: p.inspection };
  }

  /** Hands the bytes over (to a job) and forgets them here. */
  take(userId: string, id: string): PendingUpload | undefined {
    const upload = this.get(userId, id);
    if (upload) this.#byId.delete(id);
    return upload;
  }

  drop(id: string): void {
    this.#byId.get(id)?.bytes.fill(0);
    this.#byId.delete(id);
  }

  sweep(): void {
    const now = this.clock().getTime();
    for (const [id, p] of this.#byId) if (p.expiresAt <= now) this.drop(id);
  }
}
