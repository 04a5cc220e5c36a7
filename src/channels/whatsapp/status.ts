import { nowIso } from '../../context.js';
import { PermanentJobError } from '../../errors.js';
import type { JobHandler } from '../../jobs/worker.js';
import { findInbound, settleInbound } from '../inbound.repository.js';
import { findOutbound, setOutboundStatus } from '../outbound.repository.js';
import { tellStaff } from './outbound.js';
import type { WaStatus } from './webhook.js';

const STATUS_RANK: Record<string, number> = { sent: 1, delivered: 2, read: 3, failed: 4 };

/** A status callback (sent, delivered, read, failed) recorded on the message; never moves backwards. */
export const processWhatsAppStatus: JobHandler<'inbound.whatsapp-status'> = async (ctx, job) => {
  const inboundId = job.data.inboundId;
  const row = await findInbound(ctx.db, inboundId);
  if (!row) throw new PermanentJobError(`inbound status ${inboundId} is gone`);
  if (row.state !== 'received') return;
  const status = JSON.parse(row.raw) as WaStatus;
  const settle = async (state: 'processed' | 'ignored', detail: string, ticketId: string | null = null) => {
    await settleInbound(ctx.db, inboundId, { state, detail, ticketId, at: nowIso(ctx) });
  };
  const rank = STATUS_RANK[status.status];
  if (!rank) return settle('ignored', `status ${status.status}`);
  const detail = errorDetail(status);
  const at = Number(status.timestamp) ? new Date(Number(status.timestamp) * 1000).toISOString() : nowIso(ctx);
  for (let tries = 0; tries < 5; tries++) {
    const sent = await findOutbound(ctx.db, 'whatsapp', [status.id]);
    if (!sent) {
      // The callback can overtake the record of the send; a message we never sent is left alone.
      if (job.attempts < 3) throw new Error(`no outbound WhatsApp message ${status.id} yet`);
      return settle('ignored', `not a message Tessera sent: ${status.id}`);
    }
    if ((STATUS_RANK[sent.status ?? ''] ?? 0) >= rank)
      return settle('processed', `${status.status} (already ${sent.status})`, sent.ticket_id);
    if (await setOutboundStatus(ctx.db, sent.id, sent.status, { status: status.status, detail, at })) {
      if (status.status === 'failed')
        await tellStaff(ctx, sent.ticket_id, {
          code: 'whatsapp_undelivered',
          values: { detail: detail ?? 'none' },
        });
      return settle('processed', status.status, sent.ticket_id);
    }
  }
  throw new Error(`status of ${status.id} kept changing`);
};

/** Pure: the first error Meta gives for a status, in words; null when it gives none. */
function errorDetail(status: WaStatus): string | null {
  const e = status.errors?.[0];
  if (!e) return null;
  const code = e.code ? ` (${e.code})` : '';
  const details = e.error_data?.details ? `: ${e.error_data.details}` : '';
  return `${e.title ?? e.message ?? 'error'}${code}${details}`;
}
