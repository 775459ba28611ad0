import type { RosterJobView } from '../../rosters/jobs';
import type { RosterInspection } from '../../rosters/inspect';
import type { Field } from '../../ingest/columns';
import { formatCheckedAt } from '../lookup/presenter';
import { MAPPED_FIELDS } from './schemas';

/** What the roster pages show. Every field is listed here; no database row reaches a view. */
export const FIELD_LABELS: Record<Field, string> = {
  givenNames: 'Given names',
  middleNames: 'Middle names',
  familyNames: 'Family names',
  fullName: 'Full name (one column)',
  dateOfBirth: 'Date of birth',
  aNumber: 'A-number',
  nationality: 'Nationality',
};

const STATUS_LABELS: Record<RosterJobView['status'], string> = {
  queued: 'Waiting to start',
  running: 'Checking',
  done: 'Finished',
  failed: 'Failed',
  interrupted: 'Interrupted',
};

export interface JobView {
  id: string;
  status: RosterJobView['status'];
  statusLabel: string;
  active: boolean;
  rowsTotal: number;
  rowsDone: number;
  percent: number;
  rate: string;
  timeLeft: string;
  createdAt: string;
  counts: Array<{ tier: string; label: string; count: number }>;
  rejected: Array<{ row: number; reason: string }>;
  rejectedMore: number;
  results: 'ready' | 'downloaded' | 'expired' | 'none';
  expiresAt: string;
  failure: string;
}

const TIER_LABELS: Array<[string, string]> = [
  ['confirmed', 'Confirmed'],
  ['probable', 'Probable'],
  ['possible', 'Possible'],
  ['none', 'Not found'],
  ['error', 'Could not be checked'],
];

export function presentJob(j: RosterJobView): JobView {
  const percent = j.rowsTotal > 0 ? Math.min(100, Math.floor((j.rowsDone / j.rowsTotal) * 100)) : 0;
  const counts = TIER_LABELS.map(([tier, label]) => ({ tier, label, count: j.counts?.[tier] ?? 0 }));
  const rejected = (j.rejected ?? []).map((r) => ({ row: r.row, reason: r.reason }));
  return {
    id: j.id,
    status: j.status,
    statusLabel: STATUS_LABELS[j.status],
    active: j.status === 'queued' || j.status === 'running',
    rowsTotal: j.rowsTotal,
    rowsDone: j.status === 'done' ? j.rowsTotal : j.rowsDone,
    percent: j.status === 'done' ? 100 : percent,
    rate: j.rate === null ? '' : `${j.rate >= 10 ? Math.round(j.rate) : j.rate.toFixed(1)} rows a second`,
    timeLeft: j.secondsLeft === null ? '' : formatDuration(j.secondsLeft),
    createdAt: formatCheckedAt(new Date(j.createdAt)),
    counts,
    rejected,
    rejectedMore: Math.max(0, (j.counts?.error ?? 0) - rejected.length),
    results: j.resultsState,
    expiresAt: j.expiresAt === null ? '' : formatCheckedAt(new Date(j.expiresAt)),
    failure: j.failure ?? '',
  };
}

/** The JSON the progress script polls: the same presenter, fewer fields. */
export function presentProgress(j: RosterJobView) {
  const v = presentJob(j);
  return { status: v.status, statusLabel: v.statusLabel, active: v.active, rowsDone: v.rowsDone, rowsTotal: v.rowsTotal, percent: v.percent, rate: v.rate, timeLeft: v.timeLeft };
}

function formatDuration(seconds: number): string {
  if (seconds < 60) return `about ${Math.max(1, Math.round(seconds))} s left`;
  const minutes = Math.round(seconds / 60);
  return minutes < 60 ? `about ${minutes} min left` : `about ${Math.floor(minutes / 60)} h ${minutes % 60} min left`;
}

export interface MappingView {
  rows: number;
  format: string;
  headers: Array<{ column: number; label: string }>;
  fields: Array<{ field: Field; name: string; label: string; selected: number | null }>;
  dateOrder: { detected: string; basis: string };
  preview: string[][];
  problem: string;
}

/** The mapping step: the uploader's own headers and first rows (their data, shown back to them). */
export function presentMapping(i: RosterInspection, chosen?: Partial<Record<Field, number>>): MappingView {
  const mapping = chosen ?? i.mapping;
  return {
    rows: i.rows,
    format: i.format === 'xlsx' ? 'Excel workbook' : 'CSV',
    headers: i.headers.map((h, idx) => ({ column: idx + 1, label: h.trim() ? `${idx + 1}: ${h}` : `${idx + 1}: (no header)` })),
    fields: MAPPED_FIELDS.map((f) => ({ field: f, name: `map_${f}`, label: FIELD_LABELS[f], selected: mapping[f] === undefined ? null : (mapping[f] as number) + 1 })),
    dateOrder: {
      detected: i.dateOrder.order === 'DMY' ? 'day before month (31/12/1990)' : 'month before day (12/31/1990)',
      basis: i.dateOrder.basis === 'values' ? 'settled by the dates in the file' : 'the dates in the file allow either; month first is assumed',
    },
    preview: i.preview,
    problem: i.layoutProblem ?? '',
  };
}
