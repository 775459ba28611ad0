import { KIND_LABELS, VARIATION_LABELS } from '../matching/keys';
import type { LookupResult } from './matcher';

/** The four result cells for one roster row (see RESULT_COLUMNS). */
export function resultCells(outcome: { error: string } | { lookup: LookupResult }): string[] {
  if ('error' in outcome) return ['error', '', '', outcome.error];
  const { lookup } = outcome;
  if (lookup.result === 'none') return ['none', '', '', ''];
  const best = lookup.matches.filter((m) => m.tier === lookup.result);
  const kinds = [...new Set(best.flatMap((m) => m.matchedOn))].map((k) => KIND_LABELS[k]);
  const notes = [
    ...new Set(best.flatMap((m) => m.variations.map((v) => VARIATION_LABELS[v]))),
    ...best.filter((m) => m.sharedKey).map((m) => `in ${m.dataset.name} the matching key is shared by several records`),
    ...lookup.matches.map((m) => `${m.dataset.name}: ${m.tier}, source row ${m.sourceRow}`),
  ];
  return [lookup.result, lookup.matches.map((m) => m.dataset.name).join('; '), kinds.join('; '), notes.join('; ')];
}
