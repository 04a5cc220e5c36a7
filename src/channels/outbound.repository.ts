import type { Executor } from '../db/database.js';
import type { OutboundMessageTable } from '../db/schema.js';
import { newId } from '../lib/crypto.js';

// The messages every channel sent, one row per delivery: what replies and status callbacks are
// matched against, and what keeps a retried delivery from sending twice.

export const findOutboundByKey = (db: Executor, deliveryKey: string) =>
  db.selectFrom('outbound_messages').selectAll().where('delivery_key', '=', deliveryKey).executeTakeFirst();

export async function insertOutbound(
  db: Executor,
  m: Pick<OutboundMessageTable, 'external_id' | 'ticket_id' | 'user_id' | 'delivery_key' | 'created_at'> & {
    channel: 'whatsapp' | 'telegram';
  },
) {
  await db
    .insertInto('outbound_messages')
    .values({ id: newId(), status: 'sent', status_detail: null, status_at: m.created_at, ...m })
    .onConflict((oc) => oc.columns(['channel', 'external_id']).doNothing())
    .execute();
}

/**
 * The channel id (an email's Message-ID) of one delivery, kept per recipient before it is sent:
 * the first attempt stores `fresh`, a retry of the same delivery gets the same id back, so a reply
 * quoting either finds the ticket and the recipient it was sent to.
 */
export async function reserveOutbound(
  db: Executor,
  m: { channel: string; deliveryKey: string; fresh: string; ticketId: string; userId: string; now: string },
): Promise<string> {
  await db
    .insertInto('outbound_messages')
    .values({
      id: newId(),
      channel: m.channel,
      external_id: m.fresh,
      ticket_id: m.ticketId,
      user_id: m.userId,
      status: 'sending',
      created_at: m.now,
      delivery_key: m.deliveryKey,
    })
    .onConflict((oc) => oc.column('delivery_key').doNothing())
    .execute();
  const row = await db
    .selectFrom('outbound_messages')
    .select('external_id')
    .where('delivery_key', '=', m.deliveryKey)
    .executeTakeFirstOrThrow();
  return row.external_id;
}

export const markOutboundSent = (db: Executor, deliveryKey: string, now: string) =>
  db
    .updateTable('outbound_messages')
    .set({ status: 'sent', status_at: now })
    .where('delivery_key', '=', deliveryKey)
    .execute();

/**
 * The newest of `externalIds` among what we sent on `channel`; with `userId`, only what we sent to
 * that user (what a reply by threading headers may quote).
 */
export const findOutbound = (db: Executor, channel: string, externalIds: string[], userId?: string) =>
  externalIds.length === 0
    ? Promise.resolve(undefined)
    : db
        .selectFrom('outbound_messages')
        .selectAll()
        .where('channel', '=', channel)
        .where('external_id', 'in', externalIds)
        .$if(userId !== undefined, (q) => q.where('user_id', '=', userId ?? ''))
        .orderBy('created_at', 'desc')
        .executeTakeFirst();

/** Moves a message's status, only if nobody moved it meanwhile (status callbacks can race). */
export async function setOutboundStatus(
  db: Executor,
  id: string,
  from: string | null,
  to: { status: string; detail: string | null; at: string },
): Promise<boolean> {
  let q = db
    .updateTable('outbound_messages')
    .set({ status: to.status, status_detail: to.detail, status_at: to.at })
    .where('id', '=', id);
  q = from === null ? q.where('status', 'is', null) : q.where('status', '=', from);
  return Number((await q.executeTakeFirst()).numUpdatedRows) > 0;
}
