// Imports from another helpdesk (migration 0038).

export type ImportRunState = 'queued' | 'running' | 'done' | 'failed';
export type ImportPhase = 'reference' | 'tickets' | 'relations' | 'done';

export type ImportRunTable = {
  id: string;
  kind: string;
  source: string | null;
  /** JSON: what was asked, never a secret. */
  options: string;
  /** The source's credentials, sealed; cleared when the run ends. */
  secret: string | null;
  state: ImportRunState;
  phase: ImportPhase;
  cursor: string | null;
  since: string | null;
  total: number | null;
  done: number;
  /** JSON: `{ [kind]: { imported, updated, skipped, refused } }`. */
  counts: string;
  error: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
};

/** What an imported object was in its source; unique per (source, kind, source id). */
export type ImportRecordTable = {
  source: string;
  kind: string;
  source_id: string;
  local_id: string;
  source_ref: string | null;
  source_updated_at: string | null;
  pending: string | null;
  run_id: string;
  imported_at: string;
};

export type ImportOutcome = 'refused' | 'skipped' | 'renumbered' | 'matched';
export type ImportLogTable = {
  id: string;
  run_id: string;
  kind: string;
  source_id: string;
  outcome: ImportOutcome;
  detail: string;
  created_at: string;
};
