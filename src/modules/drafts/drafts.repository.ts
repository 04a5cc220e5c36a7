import type { Executor } from '../../db/database.js';
import type { DraftTable } from '../../db/schema.js';

export type DraftRow = DraftTable;
type Key = { userId: string; ticketId: string; kind: DraftRow['kind'] };

export const findDraft = (db: Executor, k: Key) =>
  db
    .selectFrom('drafts')
    .selectAll()
    .where('user_id', '=', k.userId)
    .where('ticket_id', '=', k.ticketId)
    .where('kind', '=', k.kind)
    .executeTakeFirst();

/** Writes the draft over the one there was (one per person, ticket and kind). */
export const upsertDraft = (db: Executor, row: DraftRow) =>
  db
    .insertInto('drafts')
    .values(row)
    .onConflict((oc) =>
      oc
        .columns(['user_id', 'ticket_id', 'kind'])
        .doUpdateSet({ body: row.body, updated_at: row.updated_at }),
    )
    .execute();

/** Removes the person's draft of this kind on any of these tickets; how many went. */
export async function deleteDrafts(
  db: Executor,
  k: { userId: string; ticketIds: string[]; kind: DraftRow['kind'] },
): Promise<number> {
  const res = await db
    .deleteFrom('drafts')
    .where('user_id', '=', k.userId)
    .where('ticket_id', 'in', k.ticketIds)
    .where('kind', '=', k.kind)
    .executeTakeFirst();
  return Number(res.numDeletedRows);
}
