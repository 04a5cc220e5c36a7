import type { Ctx } from '../context.js';
import { PermanentJobError } from '../jobs/worker.js';
import { messageFromInbound } from '../modules/messages/messages.repository.js';
import { findInbound, type InboundRow, settleInbound } from './email/inbound.repository.js';

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
