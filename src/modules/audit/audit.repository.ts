import type { Executor } from '../../db/database.js';
import type { AuditEventTable } from '../../db/schema.js';
import { type KeyCursor, keysetPage } from '../../lib/cursor.js';

// The audit trail is append-only: there is an insert and a read, and nothing else.

export const insertAuditEvent = (db: Executor, row: AuditEventTable) =>
  db.insertInto('audit_events').values(row).execute();

export function listAuditRows(
  db: Executor,
  f: { action?: string; userId?: string; after?: KeyCursor; limit: number },
) {
  let q = db.selectFrom('audit_events').selectAll();
  if (f.action) q = q.where('action', '=', f.action);
  const userId = f.userId;
  if (userId) q = q.where((eb) => eb.or([eb('actor_id', '=', userId), eb('subject_id', '=', userId)]));
  return keysetPage(q, ['at', 'id'], f.after, f.limit, 'desc').execute();
}
