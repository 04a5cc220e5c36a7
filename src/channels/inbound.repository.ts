import type { Executor } from '../db/database.js';
import type { InboundMessageTable, InboundState } from '../db/schema.js';
import { type KeyCursor, keysetPage } from '../lib/cursor.js';

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

type Settlement = {
  state: InboundState;
  detail: string;
  ticketId?: string | null;
  messageId?: string | null;
  at: string;
};

const settling = (db: Executor, id: string, outcome: Settlement) =>
  db
    .updateTable('inbound_messages')
    .set({
      state: outcome.state,
      detail: outcome.detail,
      ticket_id: outcome.ticketId ?? null,
      message_id: outcome.messageId ?? null,
      processed_at: outcome.at,
    })
    .where('id', '=', id);

export const settleInbound = (db: Executor, id: string, outcome: Settlement) =>
  settling(db, id, outcome).execute();

/** A page of inbound messages, newest first, with the number of the ticket each became. */
export function listInbound(
  db: Executor,
  f: {
    id?: string;
    state?: InboundState;
    channel?: string;
    autoReply?: 'sent' | 'suppressed';
    limit: number;
    before?: KeyCursor;
  },
) {
  let q = db
    .selectFrom('inbound_messages as i')
    .leftJoin('tickets as t', 't.id', 'i.ticket_id')
    .select([
      'i.id',
      'i.channel',
      'i.state',
      'i.detail',
      'i.sender',
      'i.subject',
      'i.size',
      'i.received_at',
      'i.processed_at',
      't.number as ticket_number',
    ]);
  if (f.id) q = q.where('i.id', '=', f.id);
  if (f.state) q = q.where('i.state', '=', f.state);
  if (f.channel) q = q.where('i.channel', '=', f.channel);
  if (f.autoReply) {
    const suppressed = f.autoReply === 'suppressed' ? 1 : 0;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('auto_replies as a')
          .select('a.id')
          .whereRef('a.inbound_id', '=', 'i.id')
          .where('a.suppressed', '=', suppressed),
      ),
    );
  }
  return keysetPage(q, ['i.received_at', 'i.id'], f.before, f.limit, 'desc').execute();
}

export type InboundListRow = Awaited<ReturnType<typeof listInbound>>[number];

/**
 * Settles a message an admin acted on, only if it is still in one of `from`: two admins acting at
 * once change it once. False when it was no longer there to settle.
 */
export async function settleReviewed(
  db: Executor,
  id: string,
  from: readonly InboundState[],
  outcome: Settlement,
): Promise<boolean> {
  const res = await settling(db, id, outcome)
    .where('state', 'in', [...from])
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}
