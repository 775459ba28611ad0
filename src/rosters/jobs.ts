import type { Logger } from 'pino';
import type { HashScheduler } from '../crypto/hash-scheduler';
import type { KeyRing } from '../crypto/keyring';
import { newId } from '../crypto/tokens';
import type { ExposureStore } from '../store/types';
import type { RosterJobRecord, RosterJobsRepo } from '../store/roster-jobs-repo';
import type { AuditLog } from '../audit/audit-log';
import type { Field } from '../ingest/columns';
import type { DateOrder } from '../matching/dates';
import { MemoryResultsWriter } from '../check/results-buffer';
import { runRoster, type RosterCounts } from './engine';
import { openRosterResults, sealRosterResults } from '../crypto/roster-seal';

/**
 * Roster jobs: queued in memory with the roster they check (which is never stored), run one at a
 * time by the shared engine at 'bulk' priority, their progress kept in memory, their results sealed
 * under a per-job key in the database until the owner downloads them or the retention ends.
 * A job this process did not finish is marked 'interrupted' at the next start: the roster itself is
 * gone with the process, so the user re-uploads it.
 */
export interface RosterJobInput {
  bytes: Buffer;
  format: 'csv' | 'xlsx';
  map: Partial<Record<Field, string>>;
  dateOrder: DateOrder;
  exclude: Field[];
  rows: number;
}

export interface LiveProgress {
  rowsDone: number;
  startedAtMs: number;
}

export interface RosterJobView extends RosterJobRecord {
  /** Rows per second so far, while running. */
  rate: number | null;
  /** Seconds left at that rate, while running. */
  secondsLeft: number | null;
}

export interface RosterJobsDeps {
  repo: RosterJobsRepo;
  store: ExposureStore;
  keyring: KeyRing;
  scheduler: HashScheduler;
  audit: AuditLog;
  clock: () => Date;
  retentionHours: number;
  logger?: Logger;
}

/** Rejected rows kept for the summary page; the count of all is in `counts.error`. */
const MAX_REJECTED_LISTED = 1000;

export class RosterJobs {
  readonly #queue: Array<{ id: string; input: RosterJobInput }> = [];
  readonly #live = new Map<string, LiveProgress>();
  #running: Promise<void> | null = null;

  constructor(private readonly d: RosterJobsDeps) {}

  /** At start-up, before serving: jobs left queued or running by an earlier process. */
  recoverInterrupted(): Promise<number> {
    return this.d.repo.markInterrupted(this.d.clock());
  }

  async submit(owner: { userId: string; orgId: string }, via: 'web' | 'api', input: RosterJobInput): Promise<string> {
    const id = newId();
    await this.d.repo.create({ id, userId: owner.userId, orgId: owner.orgId, via, rowsTotal: input.rows, at: this.d.clock() });
    this.#queue.push({ id, input });
    this.#running ??= this.drain().finally(() => (this.#running = null));
    return id;
  }

  /** Resolves when every queued job has finished (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.#running) await this.#running;
  }

  /** The job if `userId` owns it; another user's job is as absent as a job that never existed. */
  async view(userId: string, id: string): Promise<RosterJobView | undefined> {
    const job = await this.d.repo.get(id);
    if (!job || job.userId !== userId) return undefined;
    return this.withProgress(job);
  }

  async list(userId: string): Promise<RosterJobView[]> {
    return (await this.d.repo.listForUser(userId)).map((j) => this.withProgress(j));
  }

  /** The owner's results, opened and deleted in one step: a second download finds nothing. */
  async takeResults(userId: string, id: string): Promise<string[][] | undefined> {
    const job = await this.d.repo.get(id);
    if (!job || job.userId !== userId || job.resultsState !== 'ready') return undefined;
    const sealed = await this.d.repo.sealedResults(id);
    if (!sealed || !(await this.d.repo.dropResults(id, 'downloaded'))) return undefined;
    await this.d.repo.checkpoint();
    return openRosterResults(this.d.keyring, job, sealed);
  }

  /** Deletes results past their retention; returns how many. */
  async sweep(): Promise<number> {
    const ids = await this.d.repo.expiredIds(this.d.clock().getTime());
    let n = 0;
    for (const id of ids) if (await this.d.repo.dropResults(id, 'expired')) n++;
    if (n > 0) await this.d.repo.checkpoint();
    return n;
  }

  private withProgress(job: RosterJobRecord): RosterJobView {
    const live = this.#live.get(job.id);
    if (!live || job.status !== 'running') return { ...job, rate: null, secondsLeft: null };
    const seconds = Math.max(0.001, (this.d.clock().getTime() - live.startedAtMs) / 1000);
    const rate = live.rowsDone / seconds;
    const left = job.rowsTotal - live.rowsDone;
    return { ...job, rowsDone: live.rowsDone, rate, secondsLeft: rate > 0 ? Math.ceil(left / rate) : null };
  }

  private async drain(): Promise<void> {
    for (let next = this.#queue.shift(); next; next = this.#queue.shift()) {
      await this.run(next.id, next.input);
    }
  }

  private async run(id: string, input: RosterJobInput): Promise<void> {
    const started = this.d.clock();
    await this.d.repo.markRunning(id, started);
    this.#live.set(id, { rowsDone: 0, startedAtMs: started.getTime() });
    let writer: MemoryResultsWriter | undefined;
    try {
      const summary = await runRoster(
        { input: input.bytes, format: input.format, map: input.map, dateOrder: input.dateOrder, exclude: input.exclude },
        (header) => (writer = new MemoryResultsWriter(header)),
        {
          store: this.d.store,
          keyring: this.d.keyring,
          scheduler: this.d.scheduler,
          onProgress: (p) => this.#live.set(id, { rowsDone: p.rowsDone, startedAtMs: started.getTime() }),
        },
      );
      const job = (await this.d.repo.get(id)) as RosterJobRecord;
      const sealed = sealRosterResults(this.d.keyring, job, (writer as MemoryResultsWriter).rows);
      const finished = this.d.clock();
      await this.d.repo.complete(id, {
        rowsDone: summary.rows,
        counts: summary.counts,
        rejected: summary.errors.slice(0, MAX_REJECTED_LISTED),
        results: sealed,
        at: finished,
        expiresAt: finished.getTime() + this.d.retentionHours * 3_600_000,
      });
      await this.d.audit.record({ orgId: job.orgId, userId: job.userId, action: 'roster-finished', detail: { job: id, rows: summary.rows, matched: tierCounts(summary.counts) } });
      this.d.logger?.info({ event: 'roster-finished', job: id, rows: summary.rows, seconds: Math.round(summary.seconds) }, 'roster job finished');
    } catch (err) {
      // Messages of the readers name rows, never values; anything else is reported generically.
      const e = err as Error;
      const publicMessage = e?.name === 'SourceFormatError' || e?.name === 'LayoutError' ? `The roster could not be read: ${e.message}.` : 'The roster could not be checked.';
      await this.d.repo.fail(id, publicMessage, this.d.clock()).catch(() => undefined);
      this.d.logger?.warn({ event: 'roster-failed', job: id, err: { type: e?.name } }, 'roster job failed');
    } finally {
      this.#live.delete(id);
      if (writer) writer.rows.length = 0;
      input.bytes.fill(0); // the upload, in memory: overwritten when done (copies made by libraries cannot be)
    }
  }
}

const tierCounts = (c: RosterCounts): Record<string, number> => ({ confirmed: c.confirmed, probable: c.probable, possible: c.possible, none: c.none, error: c.error });
