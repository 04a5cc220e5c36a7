import type { Executor } from '../../db/database.js';
import type { ImportLogTable, ImportOutcome, ImportRecordTable, ImportRunTable } from '../../db/schema.js';
import { newId } from '../../lib/crypto.js';

export type ImportRunRow = ImportRunTable;
export type ImportRecordRow = ImportRecordTable;

export const insertRun = (db: Executor, row: ImportRunRow) =>
  db.insertInto('import_runs').values(row).execute();

/** Runs with the name of who started them. */
const runsWithNames = (db: Executor) =>
  db
    .selectFrom('import_runs')
    .leftJoin('users', 'users.id', 'import_runs.created_by')
    .selectAll('import_runs')
    .select('users.name as created_by_name');

export const findRun = (db: Executor, id: string) =>
  runsWithNames(db).where('import_runs.id', '=', id).executeTakeFirst();

export const updateRun = (db: Executor, id: string, patch: Partial<ImportRunRow>) =>
  db.updateTable('import_runs').set(patch).where('id', '=', id).execute();

export const listRuns = (db: Executor, limit: number) =>
  runsWithNames(db)
    .orderBy('import_runs.created_at', 'desc')
    .orderBy('import_runs.id', 'desc')
    .limit(limit)
    .execute();

/**
 * Ends the command-line runs of a source left unfinished (the command was stopped or killed):
 * a new run of the same source takes over from what they recorded.
 */
export const endInterruptedRuns = (db: Executor, source: string, now: string) =>
  db
    .updateTable('import_runs')
    .set({
      state: 'failed',
      error: 'interrupted: the command stopped before the run ended',
      secret: null,
      updated_at: now,
      finished_at: now,
    })
    .where('source', '=', source)
    .where('created_by', 'is', null)
    .where('state', 'in', ['queued', 'running'])
    .execute();

/** When the last completed run of a source started: a delta run reads what changed since. */
export const lastFinishedRun = (db: Executor, source: string) =>
  db
    .selectFrom('import_runs')
    .select(['id', 'created_at'])
    .where('source', '=', source)
    .where('state', '=', 'done')
    .where('phase', '=', 'done')
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();

/** The records of `kind` of a source, by source id (all of them, or those of `ids`). */
export async function recordsOf(
  db: Executor,
  source: string,
  kind: string,
  ids?: string[],
): Promise<Map<string, ImportRecordRow>> {
  const out = new Map<string, ImportRecordRow>();
  if (ids?.length === 0) return out;
  const chunks = ids ? chunk(ids, 500) : [null];
  for (const part of chunks) {
    let q = db.selectFrom('import_records').selectAll().where('source', '=', source).where('kind', '=', kind);
    if (part) q = q.where('source_id', 'in', part);
    for (const r of await q.execute()) out.set(r.source_id, r);
  }
  return out;
}

export async function insertRecords(db: Executor, rows: ImportRecordRow[]) {
  for (const part of chunk(rows, 500)) await db.insertInto('import_records').values(part).execute();
}

export const updateRecord = (
  db: Executor,
  key: { source: string; kind: string; source_id: string },
  patch: Partial<ImportRecordRow>,
) =>
  db
    .updateTable('import_records')
    .set(patch)
    .where('source', '=', key.source)
    .where('kind', '=', key.kind)
    .where('source_id', '=', key.source_id)
    .execute();

/** Records whose relations wait for objects imported later, a page at a time. */
export const pendingRecords = (db: Executor, source: string, afterId: string, limit: number) =>
  db
    .selectFrom('import_records')
    .selectAll()
    .where('source', '=', source)
    .where('kind', '=', 'ticket')
    .where('pending', 'is not', null)
    .where('source_id', '>', afterId)
    .orderBy('source_id')
    .limit(limit)
    .execute();

export type LogEntry = { kind: string; sourceId: string; outcome: ImportOutcome; detail: string };

export async function insertLog(db: Executor, runId: string, entries: LogEntry[], now: string) {
  const rows: ImportLogTable[] = entries.map((e) => ({
    id: newId(),
    run_id: runId,
    kind: e.kind,
    source_id: e.sourceId,
    outcome: e.outcome,
    detail: e.detail.slice(0, 1000),
    created_at: now,
  }));
  for (const part of chunk(rows, 100)) await db.insertInto('import_log').values(part).execute();
}

/** A run's log, with the number of the ticket an entry is about when it was imported. */
export function listLogWithTickets(
  db: Executor,
  runId: string,
  outcome: ImportOutcome | null,
  limit: number,
) {
  let q = db
    .selectFrom('import_log')
    .innerJoin('import_runs', 'import_runs.id', 'import_log.run_id')
    .leftJoin('import_records', (j) =>
      j
        .onRef('import_records.source', '=', 'import_runs.source')
        .on('import_records.kind', '=', 'ticket')
        .onRef('import_records.source_id', '=', 'import_log.source_id')
        .on('import_log.kind', '=', 'ticket'),
    )
    .leftJoin('tickets', 'tickets.id', 'import_records.local_id')
    .selectAll('import_log')
    .select('tickets.number as ticket_number')
    .where('import_log.run_id', '=', runId);
  if (outcome) q = q.where('import_log.outcome', '=', outcome);
  return q.orderBy('import_log.created_at').orderBy('import_log.id').limit(limit).execute();
}

export function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
