import { sql } from 'kysely';
import type { Executor } from '../db/database.js';
import { isPostgres } from '../db/dialect.js';
import type { AutoReplyTable } from '../db/schema.js';

/**
 * Serialises the cap decisions for one recipient until the transaction ends: on PostgreSQL with a
 * transaction-scoped advisory lock (any node), on SQLite by its single writer.
 */
export async function lockRecipient(trx: Executor, channel: string, recipient: string): Promise<void> {
  if (!isPostgres(trx)) return;
  await sql`select pg_advisory_xact_lock(hashtext(${`auto-reply:${channel}:${recipient}`}))`.execute(trx);
}

/** Automatic answers sent (not suppressed) to `recipient` since `since`. */
export async function countSentSince(db: Executor, channel: string, recipient: string, since: string) {
  const row = await db
    .selectFrom('auto_replies')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('channel', '=', channel)
    .where('recipient', '=', recipient)
    .where('suppressed', '=', 0)
    .where('created_at', '>=', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export const insertAutoReply = (db: Executor, row: AutoReplyTable) =>
  db.insertInto('auto_replies').values(row).execute();

export const autoReplyOf = (db: Executor, inboundId: string) =>
  db.selectFrom('auto_replies').selectAll().where('inbound_id', '=', inboundId).executeTakeFirst();

/** Whether the automatic answer to each of `inboundIds` went out or was held back by the cap. */
export async function autoRepliesOf(db: Executor, inboundIds: string[]) {
  if (inboundIds.length === 0) return new Map<string, 'sent' | 'suppressed'>();
  const rows = await db
    .selectFrom('auto_replies')
    .select(['inbound_id', 'suppressed'])
    .where('inbound_id', 'in', inboundIds)
    .execute();
  return new Map(
    rows.map((r) => [r.inbound_id ?? '', r.suppressed ? ('suppressed' as const) : ('sent' as const)]),
  );
}
