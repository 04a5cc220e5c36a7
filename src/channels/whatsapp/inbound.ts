import type { Actor, Ctx } from '../../context.js';
import { AppError, PermanentJobError } from '../../errors.js';
import { enqueue } from '../../jobs/outbox.js';
import type { JobHandler } from '../../jobs/worker.js';
import { toE164, toWaId } from '../../lib/phone.js';
import { storeAttachment } from '../../modules/attachments/attachments.service.js';
import { toActor } from '../../modules/auth/auth.service.js';
import { intakeDepartment } from '../../modules/departments/departments.repository.js';
import { addMessage } from '../../modules/messages/messages.service.js';
import { findVisibleTicket, ticketIdOf, ticketNumberOf } from '../../modules/tickets/tickets.repository.js';
import { createTicket } from '../../modules/tickets/tickets.service.js';
import type { UserRow } from '../../modules/users/users.repository.js';
import { loadWorkflow } from '../../modules/workflow/workflow.service.js';
import { processInbound } from '../inbound.js';
import { findInboundByExternalId, type InboundRow } from '../inbound.repository.js';
import { recordMessageChange } from '../message-events.js';
import { findOutbound } from '../outbound.repository.js';
import { downloadMedia, GraphError, mediaInfo, TooLarge, type WhatsAppConfig } from './api.js';
import { contentOf, MEDIA, type MediaKind, parseCommand } from './message.js';
import { releaseHeldNotices } from './outbound.js';
import type { StoredMessage } from './webhook.js';
import {
  customersByPhoneTail,
  latestLinkedTicket,
  latestOpenTicket,
  touchContact,
} from './whatsapp.repository.js';

type Outcome = {
  state: InboundRow['state'];
  detail: string;
  ticketId?: string | null;
  messageId?: string | null;
};

/** Processes one stored WhatsApp message: who sent it, where it goes, what it carries. */
export const processInboundWhatsApp: JobHandler<'inbound.whatsapp'> = async (ctx, job) => {
  const wa = ctx.config.whatsapp;
  if (!wa) throw new PermanentJobError('WhatsApp is not set up (WHATSAPP_TOKEN)');
  await processInbound(ctx, job.data.inboundId, 'whatsapp', (row) =>
    route(ctx, wa, JSON.parse(row.raw) as StoredMessage, row),
  );
};

type Sender = { waId: string; messageId: string; inboundId: string };

async function route(
  ctx: Ctx,
  wa: WhatsAppConfig,
  { message }: StoredMessage,
  row: InboundRow,
): Promise<Outcome> {
  const e164 = toE164(message.from);
  const sentAt = Number(message.timestamp)
    ? new Date(Number(message.timestamp) * 1000).toISOString()
    : row.received_at;
  const sender: Sender = {
    waId: e164 ? toWaId(e164) : message.from,
    messageId: message.id,
    inboundId: row.id,
  };
  if (message.type === 'edit' || message.type === 'revoke') return changeOfEarlier(ctx, message, row.id);
  const matches = e164 ? await customersMatching(ctx, e164) : [];
  // Any message opens WhatsApp's 24-hour window for this number, known or not.
  await touchContact(ctx.db, sender.waId, matches.length === 1 ? (matches[0]?.id ?? null) : null, sentAt);

  if (matches.length !== 1) {
    await answer(
      ctx,
      sender,
      matches.length === 0
        ? 'Hello! We could not find a customer account with this WhatsApp number, so we have not opened a ticket. Please add this number to your profile in our support portal (or ask us to), then write again.'
        : 'Hello! This WhatsApp number is on more than one customer account, so we cannot tell whose ticket this is. We have not opened a ticket; please ask us to correct the numbers on your accounts.',
    );
    return {
      state: 'refused',
      detail: `${matches.length === 0 ? 'unknown' : 'ambiguous'} number ${e164 ?? message.from}`,
    };
  }
  const user = matches[0] as UserRow;
  const actor = await toActor(ctx, user);
  await releaseHeldNotices(ctx, user.id);

  const content = contentOf(message);
  if (!content) return { state: 'ignored', detail: `${message.type} message` };
  if (!content.text.trim() && !content.media) {
    await answer(
      ctx,
      sender,
      'Sorry, we can only take text, photos, videos, audio, voice notes and documents here.',
    );
    return { state: 'ignored', detail: `unsupported ${message.type} message` };
  }

  const command = parseCommand(content.text);
  if (!command.text && !content.media) {
    await answer(
      ctx,
      sender,
      'Please write your message after the colon, for example "new: my bot stopped trading".',
    );
    return { state: 'ignored', detail: 'command without text' };
  }
  let attachmentIds: string[] = [];
  if (content.media) {
    const file = await fetchMedia(ctx, wa, sender, user, content.media);
    if ('refused' in file) return file.refused;
    attachmentIds = [file.id];
  }
  const label = content.media ? MEDIA[content.media.kind] : null;
  const input: Input = {
    text: command.text,
    body: command.text || `(${label})`,
    attachmentIds,
    subjectIfNoText: label ? `${label[0]?.toUpperCase()}${label.slice(1)} from WhatsApp` : 'WhatsApp message',
  };

  if (command.kind === 'new') return newTicket(ctx, actor, sender, input);
  if (command.kind === 'ticket') {
    if (!(await findVisibleTicket(ctx.db, actor, command.number))) {
      await answer(
        ctx,
        sender,
        `We could not find ticket #${command.number} among your tickets, so your message was not added. Check the number, or start your message with "new:" to open a new ticket.`,
      );
      return { state: 'refused', detail: `#${command.number} is not visible to ${actor.email}` };
    }
    return reply(ctx, actor, sender, command.number, input);
  }
  const quoted = message.context?.id
    ? await findOutbound(ctx.db, 'whatsapp', [message.context.id])
    : undefined;
  if (quoted) {
    const number = await ticketNumberOf(ctx.db, quoted.ticket_id);
    if (number && (await findVisibleTicket(ctx.db, actor, number)))
      return reply(ctx, actor, sender, number, input);
  }
  const statuses = await answerableStatuses(ctx);
  const number =
    (await latestLinkedTicket(ctx.db, actor, statuses)) ?? (await latestOpenTicket(ctx.db, actor, statuses));
  return number ? reply(ctx, actor, sender, number, input) : newTicket(ctx, actor, sender, input);
}

/**
 * An edit or a deletion of an earlier message by its sender: an event on that message's ticket,
 * never an answer. Only the number that sent the original may change it.
 */
async function changeOfEarlier(
  ctx: Ctx,
  message: StoredMessage['message'],
  inboundId: string,
): Promise<Outcome> {
  const originalId =
    message.type === 'edit' ? message.edit?.original_message_id : message.revoke?.original_message_id;
  const original = originalId ? await findInboundByExternalId(ctx.db, 'whatsapp', originalId) : undefined;
  const sender = original ? (JSON.parse(original.raw) as StoredMessage).message.from : null;
  if (!original || sender !== message.from)
    return {
      state: 'ignored',
      detail: `${message.type} of ${originalId ?? 'no message'}, not one of this sender's`,
    };
  if (message.type === 'revoke') return recordMessageChange(ctx, inboundId, original.id, { kind: 'deleted' });
  const edited = message.edit?.message;
  const text = edited ? (contentOf({ ...edited, id: message.id, from: message.from })?.text ?? '') : '';
  return recordMessageChange(ctx, inboundId, original.id, { kind: 'edited', text: text.trim() });
}

/** Statuses in which a customer's reply is taken: the workflow's word, so routing never picks a ticket that would refuse it. */
async function answerableStatuses(ctx: Ctx): Promise<string[]> {
  const wf = await loadWorkflow(ctx, ctx.db);
  return wf.statuses
    .filter((s) => s.customerCanReply && !(s.category === 'closed' && !wf.reopenClosedOnReply))
    .map((s) => s.key);
}

/** Active customers whose profile number is this one, in E.164. */
async function customersMatching(ctx: Ctx, e164: string): Promise<UserRow[]> {
  const rows = await customersByPhoneTail(ctx.db, e164.slice(-7));
  return rows.filter((u) => toE164(u.phone) === e164);
}

type Input = { text: string; body: string; attachmentIds: string[]; subjectIfNoText: string };

async function reply(ctx: Ctx, actor: Actor, sender: Sender, number: number, input: Input): Promise<Outcome> {
  try {
    const message = await addMessage(
      { ...ctx, actor },
      number,
      { body: input.body, internal: false, attachmentIds: input.attachmentIds },
      'whatsapp',
      { inboundId: sender.inboundId },
    );
    return {
      state: 'processed',
      detail: `reply on #${number}`,
      ticketId: await ticketIdOf(ctx.db, number),
      messageId: message.id,
    };
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    await answer(ctx, sender, `Your message was not added to ticket #${number}. ${plainWords(err)}`);
    return { state: 'refused', detail: `#${number}: ${err.message}` };
  }
}

async function newTicket(ctx: Ctx, actor: Actor, sender: Sender, input: Input): Promise<Outcome> {
  const department = await intakeDepartment(ctx.db, ctx.config.defaultDepartment);
  if (!department) throw new PermanentJobError('there is no department to file WhatsApp tickets in');
  const subject =
    input.text
      .split('\n')
      .find((l) => l.trim())
      ?.trim() || input.subjectIfNoText;
  try {
    const ticket = await createTicket(
      { ...ctx, actor },
      {
        subject: subject.length > 80 ? `${subject.slice(0, 79).trimEnd()}…` : subject,
        description: input.body,
        departmentId: department.id,
        priority: 'normal',
        attachmentIds: input.attachmentIds,
      },
      'whatsapp',
      { inboundId: sender.inboundId },
    );
    const ticketId = await ticketIdOf(ctx.db, ticket.number);
    await answer(
      ctx,
      sender,
      `Thank you, we opened ticket #${ticket.number} for you. Reply to this message to add to it, or start a message with "${ticket.number}:".`,
      { ticketId, userId: actor.id },
    );
    return { state: 'processed', detail: `new ticket #${ticket.number}`, ticketId };
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    await answer(ctx, sender, `We could not open a ticket. ${plainWords(err)}`);
    return { state: 'refused', detail: err.message };
  }
}

/** A refusal as the customer should read it on WhatsApp. */
function plainWords(err: AppError): string {
  switch (err.code) {
    case 'subscription_required':
    case 'quota_exceeded':
    case 'reply_not_allowed':
    case 'unsupported_media_type':
    case 'payload_too_large':
      return err.message;
    case 'not_found':
      return 'We could not find that ticket among yours.';
    case 'validation':
      return err.errors?.some((e) => e.path.endsWith('serviceId'))
        ? 'You have more than one service with us: please open this ticket in the support portal, where you can choose which one it is about.'
        : 'Please try again in the support portal.';
    default:
      return 'Please try again later, or use the support portal.';
  }
}

/** Media id → URL → bytes → an attachment of the sender's, under the attachment rules. */
async function fetchMedia(
  ctx: Ctx,
  wa: WhatsAppConfig,
  sender: Sender,
  user: UserRow,
  media: { kind: MediaKind; id: string; filename?: string },
): Promise<{ id: string } | { refused: Outcome }> {
  const refuse = async (why: string) => {
    await answer(ctx, sender, `Your ${MEDIA[media.kind]} was not added to your ticket. ${why}`);
    return { refused: { state: 'refused' as const, detail: `${media.kind} ${media.id}: ${why}` } };
  };
  const { maxBytes } = ctx.config.attachments;
  const tooBig = `Files may be at most ${Math.floor(maxBytes / 1_048_576)} MB.`;
  try {
    const info = await mediaInfo(wa, media.id);
    if (info.file_size && info.file_size > maxBytes) return refuse(tooBig);
    const data = await downloadMedia(wa, info.url, maxBytes);
    const ext = /^[a-z]+\/([a-z0-9.+-]+)/i.exec(info.mime_type ?? '')?.[1]?.replace('jpeg', 'jpg');
    const stored = await storeAttachment(ctx, {
      uploaderId: user.id,
      filename: media.filename || `whatsapp-${media.kind}${ext ? `.${ext}` : ''}`,
      data,
    });
    return { id: stored.id };
  } catch (err) {
    if (err instanceof TooLarge) return refuse(tooBig);
    if (err instanceof AppError) return refuse(plainWords(err));
    if (err instanceof GraphError && !err.transient)
      return refuse('We could not fetch it from WhatsApp; please send it again.');
    throw err;
  }
}

/** An answer to the sender, quoting their message; tied to a ticket when it is about one, so a reply to it finds the ticket. */
async function answer(
  ctx: Ctx,
  sender: Sender,
  text: string,
  about: { ticketId: string | null; userId: string } | null = null,
) {
  const now = ctx.clock().toISOString();
  await enqueue(
    ctx.db,
    {
      topic: 'deliver.whatsapp-notice',
      payload: {
        to: sender.waId,
        text,
        replyTo: sender.messageId,
        ticketId: about?.ticketId ?? null,
        userId: about?.userId ?? null,
      },
      dedupeKey: `whatsapp-notice:${sender.inboundId}`,
      runAt: now,
    },
    now,
  );
}
