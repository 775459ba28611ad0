/**
 * Pure metrics of the matching benchmark: recall on the positives and false-positive rate on the
 * negatives, per kind and overall, at confirmed+probable ("C+P") and at any tier, for the real keys
 * and both plaintext baselines; and the issue 5 targets checked against them.
 */
import { NEGATIVE_KINDS, POSITIVE_KINDS, SCRIPT_KINDS, type Kind, type PositiveKind } from './benchmark-data';

export type Answer = 'confirmed' | 'probable' | 'possible' | 'none' | 'error';

export interface RowOutcome {
  kind: Kind;
  positive: boolean;
  /** The tier the real pipeline gave (exposure_match). */
  answer: Answer;
  exact: boolean;
  fuzzy: boolean;
  /** exposure_matched_on: the key kinds that set the tier. */
  matchedOn?: string;
  /** Source rows of the disclosure that matched, as the results file names them. */
  sourceRows?: number[];
  /** For positives: the source row the results file should name (the listed person's). */
  expectedSourceRow?: number | null;
}

export interface KindRow {
  kind: Kind | 'overall';
  positive: boolean;
  n: number;
  /** Share of rows matched at confirmed or probable: recall for positives, FPR for negatives. */
  cp: number;
  /** Share of rows matched at any tier. */
  any: number;
  exact: number;
  fuzzy: number;
  /**
   * Positives only: rows matched at some tier, but only to other records than the listed person's
   * (counted when the results name source rows). Such a row still says "on the list", for a reason
   * that is not this person.
   */
  wrongPerson: number;
}

export const isCP = (a: Answer) => a === 'confirmed' || a === 'probable';
export const isAny = (a: Answer) => isCP(a) || a === 'possible';

/** A share in [0, 1]; 0 for an empty set (there is nothing to miss). */
export function rate(hits: number, total: number): number {
  if (!Number.isInteger(hits) || !Number.isInteger(total) || hits < 0 || total < 0 || hits > total) throw new Error('rate: need integers 0 <= hits <= total');
  return total === 0 ? 0 : hits / total;
}

/** A positive matched at some tier, whose matches name source rows, none of them the expected one. */
export function isWrongPerson(r: RowOutcome): boolean {
  if (!r.positive || !isAny(r.answer) || r.expectedSourceRow === undefined || r.expectedSourceRow === null) return false;
  const rows = r.sourceRows ?? [];
  return rows.length > 0 && !rows.includes(r.expectedSourceRow);
}

export function summariseRows(kind: Kind | 'overall', positive: boolean, rows: readonly RowOutcome[]): KindRow {
  const n = rows.length;
  const count = (f: (r: RowOutcome) => boolean) => rows.filter(f).length;
  return {
    kind,
    positive,
    n,
    cp: rate(count((r) => isCP(r.answer)), n),
    any: rate(count((r) => isAny(r.answer)), n),
    exact: rate(count((r) => r.exact), n),
    fuzzy: rate(count((r) => r.fuzzy), n),
    wrongPerson: count(isWrongPerson),
  };
}

export interface QualitySummary {
  positives: KindRow[];
  negatives: KindRow[];
  overallPositive: KindRow;
  overallNegative: KindRow;
  errors: number;
}

/** One row per kind that has outcomes, in the benchmark's kind order, and the two overall rows. */
export function summarise(outcomes: readonly RowOutcome[]): QualitySummary {
  const of = (k: Kind) => outcomes.filter((o) => o.kind === k);
  return {
    positives: POSITIVE_KINDS.filter((k) => of(k).length > 0).map((k) => summariseRows(k, true, of(k))),
    negatives: NEGATIVE_KINDS.filter((k) => of(k).length > 0).map((k) => summariseRows(k, false, of(k))),
    overallPositive: summariseRows('overall', true, outcomes.filter((o) => o.positive)),
    overallNegative: summariseRows('overall', false, outcomes.filter((o) => !o.positive)),
    errors: outcomes.filter((o) => o.answer === 'error').length,
  };
}

export interface TargetResult {
  target: string;
  pass: boolean;
  detail: string;
}

export const TARGETS = {
  recallAny: 0.95,
  scriptRecallAny: 0.8,
  fprCP: 0.005,
  fprAny: 0.02,
  negativeKindAny: 0.05,
} as const;

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** The targets of issue 5, each with pass or fail and the numbers that decided it. */
export function checkTargets(s: QualitySummary): TargetResult[] {
  const script = new Set<string>(SCRIPT_KINDS);
  const belowBaseline = s.positives.filter((r) => (script.has(r.kind) ? r.any < TARGETS.scriptRecallAny : r.any < r.fuzzy));
  const badNegatives = s.negatives.filter((r) => r.any > TARGETS.negativeKindAny);
  return [
    { target: `recall at any tier >= ${pct(TARGETS.recallAny)} overall`, pass: s.overallPositive.any >= TARGETS.recallAny, detail: pct(s.overallPositive.any) },
    {
      target: `each kind's recall (any tier) >= fuzzy baseline (script kinds >= ${pct(TARGETS.scriptRecallAny)})`,
      pass: belowBaseline.length === 0,
      detail: belowBaseline.length === 0 ? 'all kinds' : belowBaseline.map((r) => `${r.kind} ${pct(r.any)} < ${script.has(r.kind) ? pct(TARGETS.scriptRecallAny) : pct(r.fuzzy)}`).join('; '),
    },
    { target: `FPR at C+P <= ${pct(TARGETS.fprCP)} overall`, pass: s.overallNegative.cp <= TARGETS.fprCP, detail: pct(s.overallNegative.cp) },
    { target: `FPR at any tier <= ${pct(TARGETS.fprAny)} overall`, pass: s.overallNegative.any <= TARGETS.fprAny, detail: pct(s.overallNegative.any) },
    {
      target: `no negative kind above ${pct(TARGETS.negativeKindAny)} at any tier`,
      pass: badNegatives.length === 0,
      detail: badNegatives.length === 0 ? 'none' : badNegatives.map((r) => `${r.kind} ${pct(r.any)}`).join('; '),
    },
  ];
}

/** A fixed-width text table of a summary, for the bench script and the test log. */
export function formatSummary(s: QualitySummary): string {
  const out: string[] = [];
  const col = (v: string, w: number) => v.padStart(w);
  out.push(`${'positive kind'.padEnd(32)}${col('n', 6)}${col('rec C+P', 10)}${col('rec any', 10)}${col('exact BL', 10)}${col('fuzzy BL', 10)}${col('wrong', 7)}`);
  for (const r of [...s.positives, s.overallPositive]) {
    if (r.kind === 'overall') out.push('-'.repeat(85));
    out.push(`${r.kind.padEnd(32)}${col(String(r.n), 6)}${col(pct(r.cp), 10)}${col(pct(r.any), 10)}${col(pct(r.exact), 10)}${col(pct(r.fuzzy), 10)}${col(String(r.wrongPerson), 7)}`);
  }
  out.push('(wrong = rows matched only to records other than the listed person\'s)');
  out.push('');
  out.push(`${'negative kind'.padEnd(32)}${col('n', 6)}${col('FPR C+P', 10)}${col('FPR any', 10)}${col('exact BL', 10)}${col('fuzzy BL', 10)}`);
  for (const r of [...s.negatives, s.overallNegative]) {
    if (r.kind === 'overall') out.push('-'.repeat(78));
    out.push(`${r.kind.padEnd(32)}${col(String(r.n), 6)}${col(pct(r.cp), 10)}${col(pct(r.any), 10)}${col(pct(r.exact), 10)}${col(pct(r.fuzzy), 10)}`);
  }
  if (s.errors > 0) out.push(`rows answered "error": ${s.errors}`);
  return out.join('\n');
}

export type { PositiveKind };
