import type { Argon2Params } from '../crypto/argon2-params';

/**
 * The storage interface. SQLite implements it today (`sqlite-store.ts`); a PostgreSQL adapter for a
 * multi-server network would implement the same methods. Nothing outside `store/` sees SQL.
 */
export interface DatasetInfo {
  id: string;
  name: string;
  published: string | null;
  publisher: string | null;
  sourceUrl: string | null;
  sourceSha256: string | null;
  sourceFormat: string | null;
  recordCount: number;
  categories: string[];
  argon2: Argon2Params;
  keyScheme: number;
  status: 'building' | 'ready';
  createdAt: string;
  completedAt: string | null;
}

export interface NewDataset {
  name: string;
  published?: string | undefined;
  publisher?: string | undefined;
  sourceUrl?: string | undefined;
  argon2: Argon2Params;
  keyScheme: number;
}

export interface DatasetCompletion {
  sourceSha256: string;
  sourceFormat: string;
  recordCount: number;
  categories: string[];
}

export interface IndexEntry {
  digest: Buffer;
  wrapped: Buffer;
}

export interface FoundEntry extends IndexEntry {
  /** How many index entries of the dataset carry this digest: a key many records share is weaker. */
  shared: number;
}

export interface SealedRecord {
  recordId: Buffer;
  sealed: Buffer;
}

export interface ExposureStore {
  /** Creates a dataset in the `building` state: invisible to lookups and listings until completed. */
  beginDataset(d: NewDataset): Promise<string>;
  appendBatch(datasetId: string, records: SealedRecord[], entries: IndexEntry[]): Promise<void>;
  /** Records provenance and makes the dataset visible, atomically. */
  completeDataset(datasetId: string, done: DatasetCompletion): Promise<void>;
  /** Deletes a dataset that is still building (a failed or cancelled ingest). */
  abandonDataset(datasetId: string): Promise<void>;
  /** Deletes datasets left `building` by an ingest process that no longer runs. */
  removeStaleBuilds(): Promise<number>;
  listDatasets(): Promise<DatasetInfo[]>;
  getDataset(id: string): Promise<DatasetInfo | undefined>;
  findEntries(datasetId: string, digests: Buffer[]): Promise<FoundEntry[]>;
  getSealedRecord(datasetId: string, recordId: Buffer): Promise<Buffer | undefined>;
  /** Destroys a dataset: its rows, its index and its provenance. */
  purgeDataset(id: string): Promise<boolean>;
  close(): Promise<void>;
}
