import type { Reason, ReasonValues } from '../../../common/timeline.js';
import type { Ctx } from '../../context.js';
import { nowIso } from '../../context.js';
import { PermanentJobError } from '../../errors.js';
import { enqueue } from '../../jobs/outbox.js';
import type { OutboxRow } from '../../jobs/outbox.repository.js';
import type { JobHandler } from '../../jobs/worker.js';
import { sha256 } from '../../lib/crypto.js';
import { renderWhatsApp } from '../../lib/format.js';
import { toE164, toWaId } from '../../lib/phone.js';
import { attachmentsOfMessages } from '../../modules/attachments/attachments.repository.js';
import { blobStore } from '../../modules/attachments/attachments.service.js';
import { readerOf } from '../../modules/languages/reader.js';
import { loadDelivery } from '../../modules/notifications/delivery.js';
import { whatsappReachable } from '../../modules/notifications/reachable.repository.js';
import { insertEvents } from '../../modules/ticket-data/events.repository.js';
import { eventRow } from '../../modules/ticket-data/status.js';
import type { TicketView } from '../../modules/ticket-data/tickets.repository.js';
import { findOutboundByKey, insertOutbound } from '../outbound.repository.js';
import {
  GraphError,
  type OutgoingMessage,
  RE_ENGAGEMENT,
  sendMessage,
  uploadMedia,
  type WhatsAppConfig,
} from './api.js';
import { mediaMessage, noticeText } from './notice.js';
import { insertHeld, latestContactOf, releaseHeld, unreleasedHeld } from './whatsapp.repository.js';

/** WhatsApp's customer-service window: free-form messages only within 24 hours of the customer's last. */
export const WINDOW_MS = 24 * 3_600_000;
const MAX_TEXT = 4096;

type Delivery = {
  event: string;
  ticketId: string;
  userId: string;
  messageId?: string | null;
  url?: string;
  /** Set when a notice held back outside the window is finally sent. */
  heldId?: string;
};
type Job = OutboxRow & { data: Record<string, unknown> };

const config = (ctx: Ctx): WhatsAppConfig => {
  if (!ctx.config.whatsapp) throw new PermanentJobError('WhatsApp is not set up (WHATSAPP_TOKEN)');
  return ctx.config.whatsapp;
};

/**
 * Sends one customer notice on a WhatsApp-linked ticket: the text, then each file of the reply as
 * a media message (uploaded to WhatsApp's media store first, so no public link to the file is
 * needed). Each part is recorded under its own key: a retry sends only what had not gone out.
 * Outside the 24-hour window it sends the configured template instead and holds the notice back.
 */
export const deliverWhatsApp: JobHandler<'deliver.whatsapp'> = async (ctx, job) => {
  const wa = config(ctx);
  const data: Delivery = job.data;
  const loaded = await loadDelivery(ctx, data);
  if (!loaded) return;
  const { user, ticket, message } = loaded;
  if ((await whatsappReachable(ctx.db, ticket.id, [user.id])).length === 0) return;
  const contact = await latestContactOf(ctx.db, user.id);
  const e164 = toE164(user.phone);
  const to = contact?.wa_id ?? (e164 ? toWaId(e164) : null);
  if (!to) return;
  const lastWrote = contact ? Date.parse(contact.last_inbound_at) : null;
  const holdBack = () => outsideWindow(ctx, wa, job, data, ticket, to, contact?.last_inbound_at ?? null);
  if (lastWrote === null || ctx.clock().getTime() - lastWrote >= WINDOW_MS) return holdBack();

  // A Markdown reply speaks WhatsApp's own markup (*bold*, _italic_); plain text goes as written.
  const body = message ? renderWhatsApp(message.body, message.format ?? 'text', MAX_TEXT) : null;
  const text = noticeText(data.event, ticket, body, data.url, (await readerOf(ctx.db, user)).locale);
  const files =
    data.event === 'ticket.staff_reply' && message ? await attachmentsOfMessages(ctx.db, [message.id]) : [];
  const sent = await sendParts(
    ctx,
    wa,
    job,
    { to, ticket, userId: user.id },
    noticeParts(ctx, wa, ticket, text, files),
    files,
  );
  if (sent === 'outside window') return holdBack();
};

type Files = Awaited<ReturnType<typeof attachmentsOfMessages>>;
type Part = () => Promise<OutgoingMessage>;

/** The notice as WhatsApp messages: the text, then each file, uploaded only when its turn comes. */
function noticeParts(ctx: Ctx, wa: WhatsAppConfig, ticket: TicketView, text: string, files: Files): Part[] {
  return [
    async () => ({
      type: 'text',
      text: { body: text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text, preview_url: false },
    }),
    ...files.map((f) => async (): Promise<OutgoingMessage> => {
      const data = await blobStore(ctx).get(f.storage_key);
      const id = await uploadMedia(wa, {
        data,
        contentType: f.content_type.split(';')[0] ?? f.content_type,
        filename: f.filename,
      });
      return mediaMessage(f.content_type, id, `#${ticket.number}: ${f.filename}`, f.filename);
    }),
  ];
}

/**
 * Sends the parts not yet sent, each recorded under its own key. A file WhatsApp refuses is told to
 * staff; the text refused as outside the window means the notice is held instead.
 */
async function sendParts(
  ctx: Ctx,
  wa: WhatsAppConfig,
  job: Job,
  target: { to: string; ticket: TicketView; userId: string },
  parts: Part[],
  files: Files,
): Promise<'sent' | 'outside window'> {
  for (const [i, part] of parts.entries()) {
    const key = `${job.dedupe_key}#${i}`;
    if (await findOutboundByKey(ctx.db, key)) continue;
    try {
      const id = await sendMessage(wa, target.to, await part());
      await insertOutbound(ctx.db, {
        channel: 'whatsapp',
        external_id: id,
        ticket_id: target.ticket.id,
        user_id: target.userId,
        delivery_key: key,
        created_at: nowIso(ctx),
      });
    } catch (err) {
      if (!(err instanceof GraphError) || err.transient) throw err;
      if (err.code === RE_ENGAGEMENT && i === 0) return 'outside window';
      if (i === 0) throw new PermanentJobError(`WhatsApp refused the message: ${err.message}`);
      const file = files[i - 1];
      await tellStaff(ctx, target.ticket.id, {
        code: 'whatsapp_file_refused',
        values: { file: file?.filename ?? '', error: err.message },
      });
    }
  }
  return 'sent';
}

/** Outside the window: the template (once), the notice held for when the customer writes, and a word to staff. */
async function outsideWindow(
  ctx: Ctx,
  wa: WhatsAppConfig,
  job: Job,
  data: Delivery,
  ticket: TicketView,
  to: string,
  lastWrote: string | null,
) {
  let outcome: ReasonValues = { outcome: 'noTemplate' };
  if (!wa.template) {
    // No template: nothing is sent, the outcome says so.
  } else if (data.heldId) {
    outcome = { outcome: 'sentBefore' };
  } else {
    outcome = { outcome: 'sent', template: wa.template.name };
    const key = `${job.dedupe_key}#template`;
    if (!(await findOutboundByKey(ctx.db, key))) {
      try {
        const id = await sendMessage(wa, to, {
          type: 'template',
          template: {
            name: wa.template.name,
            language: { code: wa.template.language },
            components: [{ type: 'body', parameters: [{ type: 'text', text: `#${ticket.number}` }] }],
          },
        });
        await insertOutbound(ctx.db, {
          channel: 'whatsapp',
          external_id: id,
          ticket_id: ticket.id,
          user_id: data.userId,
          delivery_key: key,
          created_at: nowIso(ctx),
        });
      } catch (err) {
        if (!(err instanceof GraphError) || err.transient) throw err;
        outcome = { outcome: 'refused', template: wa.template.name, error: err.message };
      }
    }
  }
  const what = data.event === 'ticket.staff_reply' ? 'reply' : 'notice';
  const { heldId: _, ...payload } = data;
  const id = sha256(job.dedupe_key).slice(0, 32);
  await ctx.db.transaction().execute(async (trx) => {
    const now = nowIso(ctx);
    const fresh = await insertHeld(trx, {
      id,
      user_id: data.userId,
      ticket_id: ticket.id,
      payload: JSON.stringify(payload),
      created_at: now,
      released_at: null,
    });
    if (!fresh) return;
    await insertEvents(trx, [
      eventRow(ticket.id, { kind: 'automation' }, now, {
        type: 'channel',
        field: 'whatsapp',
        public: false,
        reason: {
          code: 'whatsapp_held',
          values: { wrote: lastWrote ? 'yes' : 'no', lastWroteAt: lastWrote ?? '', ...outcome, what },
        },
      }),
    ]);
  });
}

/** When a customer writes, what was held back for them goes out (the window is open again). */
export async function releaseHeldNotices(ctx: Ctx, userId: string) {
  for (const held of await unreleasedHeld(ctx.db, userId)) {
    await ctx.db.transaction().execute(async (trx) => {
      const now = nowIso(ctx);
      if (!(await releaseHeld(trx, held.id, now))) return;
      await enqueue(
        trx,
        {
          topic: 'deliver.whatsapp',
          payload: { ...(JSON.parse(held.payload) as Delivery), heldId: held.id },
          dedupeKey: `whatsapp-held:${held.id}`,
          runAt: now,
        },
        now,
      );
    });
  }
}

/** An internal note on the timeline for staff: never shown to customers. */
export async function tellStaff(ctx: Ctx, ticketId: string, reason: Reason) {
  await insertEvents(ctx.db, [
    eventRow(ticketId, { kind: 'automation' }, nowIso(ctx), {
      type: 'channel',
      field: 'whatsapp',
      public: false,
      reason,
    }),
  ]);
}

/** An answer to someone who wrote (a refusal, an unknown number, a new ticket's number), quoting their message. */
export const deliverWhatsAppNotice: JobHandler<'deliver.whatsapp-notice'> = async (ctx, job) => {
  const wa = config(ctx);
  const data = job.data;
  if (data.ticketId && (await findOutboundByKey(ctx.db, job.dedupe_key))) return;
  let id: string;
  try {
    id = await sendMessage(
      wa,
      data.to,
      { type: 'text', text: { body: data.text } },
      data.replyTo ?? undefined,
    );
  } catch (err) {
    if (err instanceof GraphError && !err.transient) throw new PermanentJobError(err.message);
    throw err;
  }
  if (data.ticketId) {
    await insertOutbound(ctx.db, {
      channel: 'whatsapp',
      external_id: id,
      ticket_id: data.ticketId,
      user_id: data.userId ?? null,
      delivery_key: job.dedupe_key,
      created_at: nowIso(ctx),
    });
  }
};
