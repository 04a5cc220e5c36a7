import type { Ctx } from '../context.js';
import type { Executor } from '../db/database.js';
import { PermanentJobError } from '../errors.js';
import { enqueue } from '../jobs/outbox.js';
import type { InboundTopic } from '../jobs/payloads.js';
import { newId } from '../lib/crypto.js';
import { messageFromInbound } from '../modules/ticket-data/messages.repository.js';
import { findInbound, type InboundRow, settleInbound, storeInbound } from './inbound.repository.js';

export type InboundOutcome = {
  state: InboundRow['state'];
  detail: string;
  ticketId?: string | null;
  messageId?: string | null;
};

/**
 * Processes one stored inbound message of any channel, once: a message already settled is left
 * alone, and one whose ticket message was written before a crash (messages.inbound_id) is only
 * marked done, never added twice.
 */
export async function processInbound(
  ctx: Ctx,
  inboundId: string,
  channel: string,
  route: (row: InboundRow) => Promise<InboundOutcome>,
): Promise<void> {
  const row = await findInbound(ctx.db, inboundId);
  if (!row) throw new PermanentJobError(`inbound ${channel} message ${inboundId} is gone`);
  if (row.state !== 'received') return;
  const written = await messageFromInbound(ctx.db, inboundId);
  const outcome: InboundOutcome = written
    ? {
        state: 'processed',
        detail: 'added before an interruption',
        ticketId: written.ticket_id,
        messageId: written.id,
      }
    : await route(row);
  await settleInbound(ctx.db, inboundId, { ...outcome, at: ctx.clock().toISOString() });
  ctx.log.info({ inboundId, channel, state: outcome.state, detail: outcome.detail }, 'inbound message');
}

/**
 * Keeps a received message and queues its processing, in the caller's transaction; the id of the
 * stored row, or null when (channel, external id) was received before.
 */
export async function storeAndQueue(
  trx: Executor,
  item: {
    channel: string;
    externalId: string;
    raw: string;
    topic: InboundTopic;
    /** What admins review it by; the size defaults to the stored payload's. */
    sender?: string | null;
    subject?: string | null;
    size?: number;
  },
  now: string,
): Promise<string | null> {
  const id = newId();
  const fresh = await storeInbound(trx, {
    id,
    channel: item.channel,
    external_id: item.externalId,
    raw: item.raw,
    state: 'received',
    detail: null,
    ticket_id: null,
    message_id: null,
    received_at: now,
    processed_at: null,
    sender: item.sender ?? null,
    subject: item.subject ?? null,
    size: item.size ?? Buffer.byteLength(item.raw),
  });
  if (!fresh) return null;
  await enqueue(
    trx,
    { topic: item.topic, payload: { inboundId: id }, dedupeKey: `${item.topic}:${id}`, runAt: now },
    now,
  );
  return id;
}
