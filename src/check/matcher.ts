import { indexDigest } from '../crypto/match-hash';
import { openRecordMeta, unwrapRecordKey } from '../crypto/record-seal';
import { EnvelopeError } from '../crypto/envelope';
import { wipe } from '../crypto/bytes';
import type { HashPriority, HashScheduler } from '../crypto/hash-scheduler';
import type { KeyRing } from '../crypto/keyring';
import { downgrade, KEY_SCHEME, KINDS_BY_STRENGTH, probesFor, TIER_RANK, type KeyKind, type Probe, type Tier, type Variation } from '../matching/keys';
import type { NormalizedPerson } from '../matching/person';
import type { DatasetInfo, ExposureStore } from '../store/types';

/** A digest that this many records or more share is weaker than its kind: one tier down. */
export const SHARED_KEY_LIMIT = 3;

export interface DatasetMatch {
  dataset: DatasetInfo;
  tier: Tier;
  matchedOn: KeyKind[];
  variations: Variation[];
  /** Categories of data present in the matched record. */
  categories: string[];
  /** Row of the matched record in the dataset's source file. */
  sourceRow: number;
  /** Set when the tier was lowered because the matching key is shared by several records. */
  sharedKey: boolean;
}

export interface LookupResult {
  result: Tier | 'none';
  matches: DatasetMatch[];
  /** Argon2 evaluations this lookup cost. */
  hashes: number;
  /** The datasets this lookup searched (matched or not). */
  searched: DatasetInfo[];
  /**
   * Datasets that could not be searched because they were built under other key rules: an answer
   * of "none" says nothing about them until they are re-ingested. Answers must say so.
   */
  notSearched: DatasetInfo[];
}

interface Candidate {
  tier: Tier;
  kinds: Set<KeyKind>;
  variations: Set<Variation>;
  sharedKey: boolean;
  recordId: Buffer;
  recordKey: Buffer;
}

const paramsKey = (d: DatasetInfo) => `${d.argon2.memoryKiB}/${d.argon2.iterations}/${d.argon2.parallelism}`;

/**
 * Answers "is this person in any dataset, and how sure is the match". The same probes are hashed
 * whatever the answer, so the work done does not depend on whether anything matches.
 */
export class Matcher {
  constructor(
    private readonly store: ExposureStore,
    private readonly keyring: KeyRing,
    private readonly scheduler: HashScheduler,
  ) {}

  async lookup(person: NormalizedPerson, priority: HashPriority = 'interactive', datasets?: DatasetInfo[]): Promise<LookupResult> {
    const all = datasets ?? (await this.store.listDatasets());
    const probes = probesFor(person);
    const groups = new Map<string, DatasetInfo[]>();
    const searched: DatasetInfo[] = [];
    const notSearched: DatasetInfo[] = [];
    for (const d of all) {
      if (d.keyScheme !== KEY_SCHEME) {
        notSearched.push(d);
        continue;
      }
      searched.push(d);
      const k = paramsKey(d);
      groups.set(k, [...(groups.get(k) ?? []), d]);
    }
    const matches: DatasetMatch[] = [];
    let hashes = 0;
    for (const group of groups.values()) {
      const params = (group[0] as DatasetInfo).argon2;
      const outputs = await Promise.all(probes.map((p) => this.scheduler.hash(p.kind, p.canonical, params, priority)));
      hashes += outputs.length;
      try {
        for (const dataset of group) {
          const match = await this.matchDataset(dataset, probes, outputs);
          if (match) matches.push(match);
        }
      } finally {
        wipe(...outputs);
      }
    }
    matches.sort((a, b) => TIER_RANK[b.tier] - TIER_RANK[a.tier]);
    return { result: matches[0]?.tier ?? 'none', matches, hashes, searched, notSearched };
  }

  private async matchDataset(dataset: DatasetInfo, probes: Probe[], outputs: Buffer[]): Promise<DatasetMatch | null> {
    const digests = outputs.map((h) => indexDigest(this.keyring, dataset.id, h));
    const byDigest = new Map(digests.map((d, i) => [d.toString('hex'), i]));
    const found = await this.store.findEntries(dataset.id, digests);
    const candidates = new Map<string, Candidate>();
    for (const entry of found) {
      const i = byDigest.get(entry.digest.toString('hex'));
      if (i === undefined) continue;
      const probe = probes[i] as Probe;
      let unwrapped: { recordId: Buffer; recordKey: Buffer };
      try {
        unwrapped = unwrapRecordKey(this.keyring, dataset.id, outputs[i] as Buffer, entry.digest, entry.wrapped);
      } catch (err) {
        if (err instanceof EnvelopeError) continue; // a corrupted entry matches nothing
        throw err;
      }
      const shared = entry.shared >= SHARED_KEY_LIMIT;
      const tier = shared ? downgrade(probe.tier) : probe.tier;
      if (!tier) continue;
      const id = unwrapped.recordId.toString('hex');
      const c = candidates.get(id);
      if (!c) {
        candidates.set(id, {
          tier,
          kinds: new Set([probe.kind]),
          variations: new Set(probe.variation ? [probe.variation] : []),
          sharedKey: shared,
          ...unwrapped,
        });
        continue;
      }
      c.kinds.add(probe.kind);
      if (TIER_RANK[tier] > TIER_RANK[c.tier]) {
        c.tier = tier;
        c.sharedKey = shared;
        c.variations = new Set(probe.variation ? [probe.variation] : []);
      } else if (tier === c.tier && probe.variation) c.variations.add(probe.variation);
      wipe(unwrapped.recordKey);
    }
    const best = [...candidates.values()].sort((a, b) => TIER_RANK[b.tier] - TIER_RANK[a.tier] || b.kinds.size - a.kinds.size)[0];
    try {
      if (!best) return null;
      const sealed = await this.store.getSealedRecord(dataset.id, best.recordId);
      if (!sealed) return null;
      const meta = openRecordMeta(best.recordKey, dataset.id, best.recordId, sealed);
      return {
        dataset,
        tier: best.tier,
        matchedOn: KINDS_BY_STRENGTH.filter((k) => best.kinds.has(k)),
        variations: best.tier === 'confirmed' ? [] : [...best.variations],
        categories: meta.categories,
        sourceRow: meta.row,
        sharedKey: best.sharedKey,
      };
    } finally {
      for (const c of candidates.values()) wipe(c.recordKey);
    }
  }
}
