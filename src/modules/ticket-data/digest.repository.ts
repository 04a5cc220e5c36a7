import type { Executor } from '../../db/database.js';
import type { DigestNoticeTable } from '../../db/schema.js';

export type DigestNotice = DigestNoticeTable;

/** Holds decided notices for a digest; the same notice twice is held once. */
export async function holdNotices(db: Executor, notices: DigestNotice[]): Promise<void> {
  if (notices.length === 0) return;
  await db
    .insertInto('digest_notices')
    .values(notices)
    .onConflict((oc) => oc.columns(['digest_id', 'key']).doNothing())
    .execute();
}

/** A digest's notices with their tickets' number, subject and requester, in ticket order. */
export function digestNotices(db: Executor, digestId: string) {
  return db
    .selectFrom('digest_notices')
    .innerJoin('tickets', 'tickets.id', 'digest_notices.ticket_id')
    .select([
      'digest_notices.event',
      'digest_notices.actor_id',
      'digest_notices.ticket_id',
      'tickets.number',
      'tickets.subject',
      'tickets.status',
      'tickets.department_id',
      'tickets.assignee_id',
      'tickets.requester_id',
    ])
    .where('digest_notices.digest_id', '=', digestId)
    .orderBy('tickets.number')
    .execute();
}

export async function dropDigest(db: Executor, digestId: string): Promise<void> {
  await db.deleteFrom('digest_notices').where('digest_id', '=', digestId).execute();
}
