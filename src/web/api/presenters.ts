import type { LookupResult } from '../../check/matcher';
import type { DatasetInfo } from '../../store/types';
import type { RosterJobView } from '../../rosters/jobs';

/** What API v1 answers: every field listed, as the OpenAPI document (openapi/openapi.json) describes. */
export function presentLookup(r: LookupResult) {
  return {
    result: r.result,
    matches: r.matches.map((m) => ({
      dataset: m.dataset.name,
      datasetId: m.dataset.id,
      tier: m.tier,
      matchedOn: [...m.matchedOn],
      exposedCategories: [...m.categories],
    })),
  };
}

export function presentDataset(d: DatasetInfo) {
  return {
    id: d.id,
    name: d.name,
    published: d.published,
    publisher: d.publisher,
    sourceUrl: d.sourceUrl,
    sourceSha256: d.sourceSha256,
    recordCount: d.recordCount,
    exposedCategories: [...d.categories],
    ingestedAt: d.completedAt ?? d.createdAt,
  };
}

export function presentRosterJob(j: RosterJobView) {
  const done = j.status === 'done';
  return {
    id: j.id,
    status: j.status,
    rowsTotal: j.rowsTotal,
    rowsDone: done ? j.rowsTotal : j.rowsDone,
    rowsPerSecond: j.rate === null ? null : Math.round(j.rate * 10) / 10,
    secondsLeft: j.secondsLeft,
    createdAt: j.createdAt,
    finishedAt: j.finishedAt,
    counts: done && j.counts
      ? { confirmed: j.counts.confirmed ?? 0, probable: j.counts.probable ?? 0, possible: j.counts.possible ?? 0, none: j.counts.none ?? 0, error: j.counts.error ?? 0 }
      : null,
    rejectedRows: (j.rejected ?? []).map((r) => ({ row: r.row, reason: r.reason })),
    results: {
      state: j.resultsState,
      expiresAt: j.expiresAt === null ? null : new Date(j.expiresAt).toISOString(),
      csv: j.resultsState === 'ready' ? `/api/v1/rosters/${j.id}/results.csv` : null,
    },
    failure: j.failure,
  };
}
