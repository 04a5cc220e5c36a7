import type { Executor } from '../../db/database.js';
import type { InboundMessageTable, InboundState } from '../../db/schema.js';

export type InboundRow = InboundMessageTable;

/** Stores a received message once per (channel, external id); false when it was here already. */
export async function storeInbound(db: Executor, row: InboundRow): Promise<boolean> {
  const inserted = await db
    .insertInto('inbound_messages')
    .values(row)
    .onConflict((oc) => oc.columns(['channel', 'external_id']).doNothing())
    .returning('id')
    .execute();
  return inserted.length > 0;
}

export const findInbound = (db: Executor, id: string) =>
  db.selectFrom('inbound_messages').selectAll().where('id', '=', id).executeTakeFirst();

export const findInboundByExternalId = (db: Executor, channel: string, externalId: string) =>
  db
    .selectFrom('inbound_messages')
    .selectAll()
    .where('channel', '=', channel)
    .where('external_id', '=', externalId)
    .executeTakeFirst();

export const settleInbound = (
  db: Executor,
  id: string,
  outcome: {
    state: InboundState;
    detail: string;
    ticketId?: string | null;
    messageId?: string | null;
    at: string;
  },
) =>
  db
    .updateTable('inbound_messages')
    .set({
      state: outcome.state,
      detail: outcome.detail,
      ticket_id: outcome.ticketId ?? null,
      message_id: outcome.messageId ?? null,
      processed_at: outcome.at,
    })
    .where('id', '=', id)
    .execute();

export const listInbound = (db: Executor, f: { channel?: string; state?: InboundState; limit: number }) => {
  let q = db
    .selectFrom('inbound_messages')
    .select(['id', 'channel', 'external_id', 'state', 'detail', 'ticket_id', 'received_at', 'processed_at']);
  if (f.channel) q = q.where('channel', '=', f.channel);
  if (f.state) q = q.where('state', '=', f.state);
  return q.orderBy('received_at', 'desc').limit(f.limit).execute();
};
