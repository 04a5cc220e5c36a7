import type { LogEntry } from './import.repository.js';

// What a run did, per kind of object: kept with the run (counts) and, for what deserves a reason
// (refused, renumbered, matched to what was there), in its log.

export type Outcomes = { imported: number; updated: number; skipped: number; refused: number };
export type Counts = Record<string, Outcomes>;

export type Tally = { counts: Counts; log: LogEntry[] };

export const newTally = (counts: Counts = {}): Tally => ({ counts: structuredClone(counts), log: [] });

export function count(tally: Tally, kind: string, outcome: keyof Outcomes, n = 1) {
  const c = tally.counts[kind] ?? { imported: 0, updated: 0, skipped: 0, refused: 0 };
  c[outcome] += n;
  tally.counts[kind] = c;
}

export function refuse(tally: Tally, kind: string, sourceId: string, detail: string) {
  count(tally, kind, 'refused');
  tally.log.push({ kind, sourceId, outcome: 'refused', detail });
}

export const note = (tally: Tally, entry: LogEntry) => tally.log.push(entry);
