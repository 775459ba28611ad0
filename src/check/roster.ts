import type { DateOrder } from '../matching/dates';
import type { Field } from '../ingest/columns';
import { runRoster, type RosterEngineDeps, type RosterSummary } from '../rosters/engine';
import { resultsWriterFor } from './results-file';

export { resultCells } from './result-cells';
export type { RosterSummary } from '../rosters/engine';

export interface RosterOptions {
  file: string;
  out: string;
  map?: Partial<Record<Field, string>> | undefined;
  dateOrder?: DateOrder | undefined;
}

export type RosterDeps = RosterEngineDeps;

/**
 * `npm run check`: a roster file checked by the shared roster engine (rosters/engine.ts), the
 * results written to `opts.out`: the roster's own columns unchanged and in order, then the four
 * exposure columns.
 */
export function checkRoster(opts: RosterOptions, deps: RosterDeps): Promise<RosterSummary> {
  return runRoster({ input: opts.file, map: opts.map, dateOrder: opts.dateOrder }, (header) => resultsWriterFor(opts.out, header), deps);
}
