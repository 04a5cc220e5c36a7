import type { Actor, Ctx } from '../../context.js';
import { AppError, PermanentJobError } from '../../errors.js';
import { translate } from '../../i18n/index.js';
import type { JobHandler } from '../../jobs/worker.js';
import { toE164, toWaId } from '../../lib/phone.js';
import { toActor } from '../../modules/auth/auth.service.js';
import { intakeDepartment } from '../../modules/departments/departments.repository.js';
import { addMessage } from '../../modules/messages/messages.service.js';
import {
  findVisibleTicket,
  ticketIdOf,
  ticketNumberOf,
} from '../../modules/ticket-data/tickets.repository.js';
import { createTicket } from '../../modules/tickets/tickets.service.js';
import type { UserRow } from '../../modules/users/users.repository.js';
import { loadWorkflow } from '../../modules/workflow/workflow.service.js';
import { processInbound } from '../inbound.js';
import { findInboundByExternalId, type InboundRow } from '../inbound.repository.js';
import { recordMessageChange } from '../message-events.js';
import { findOutbound } from '../outbound.repository.js';
import { answer, fetchMedia, type Outcome, plainWords, type Sender, senderLocale } from './answer.js';
import { WA, WA_TICKET } from './answer.messages.js';
import type { WhatsAppConfig } from './api.js';
import { type Command, contentOf, parseCommand } from './message.js';
import { releaseHeldNotices } from './outbound.js';
import type { StoredMessage } from './webhook.js';
import {
  customersByContactPhoneTail,
  customersByPhoneTail,
  latestLinkedTicket,
  latestOpenTicket,
  touchContact,
} from './whatsapp.repository.js';

/** Processes one stored WhatsApp message: who sent it, where it goes, what it carries. */
export const processInboundWhatsApp: JobHandler<'inbound.whatsapp'> = async (ctx, job) => {
  const wa = ctx.config.whatsapp;
  if (!wa) throw new PermanentJobError('WhatsApp is not set up (WHATSAPP_TOKEN)');
  await processInbound(ctx, job.data.inboundId, 'whatsapp', (row) =>
    route(ctx, wa, JSON.parse(row.raw) as StoredMessage, row),
  );
};

type WaMessage = StoredMessage['message'];
/** A step either hands on its result or ends processing with an outcome. */
type Step<T> = { ok: T } | { done: Outcome };

async function route(
  ctx: Ctx,
  wa: WhatsAppConfig,
  { message }: StoredMessage,
  row: InboundRow,
): Promise<Outcome> {
  if (message.type === 'edit' || message.type === 'revoke') return changeOfEarlier(ctx, message, row.id);
  const e164 = toE164(message.from);
  const sender: Sender = {
    waId: e164 ? toWaId(e164) : message.from,
    messageId: message.id,
    inboundId: row.id,
  };
  const who = await identify(ctx, sender, message, e164, row);
  if ('done' in who) return who.done;
  const user = who.ok;
  const actor = await toActor(ctx, user);
  await releaseHeldNotices(ctx, user.id);

  const read = await readMessage(ctx, wa, sender, user, message);
  if ('done' in read) return read.done;
  const { command, input } = read.ok;
  const target = await destination(ctx, actor, sender, message, command);
  if (target === null) return newTicket(ctx, actor, sender, input);
  if (typeof target === 'object') return target.done;
  return reply(ctx, actor, sender, target, input);
}

/** The one active customer whose number sent this; anyone else is told why no ticket was opened. */
async function identify(
  ctx: Ctx,
  sender: Sender,
  message: WaMessage,
  e164: string | null,
  row: InboundRow,
): Promise<Step<UserRow>> {
  const sentAt = Number(message.timestamp)
    ? new Date(Number(message.timestamp) * 1000).toISOString()
    : row.received_at;
  const matches = e164 ? await customersMatching(ctx, e164) : [];
  // Any message opens WhatsApp's 24-hour window for this number, known or not.
  await touchContact(ctx.db, sender.waId, matches.length === 1 ? (matches[0]?.id ?? null) : null, sentAt);
  if (matches.length === 1) return { ok: matches[0] as UserRow };
  // No one to ask: the installation's language.
  const locale = await senderLocale(ctx, null);
  await answer(ctx, sender, translate(locale, matches.length === 0 ? WA.unknownNumber : WA.ambiguousNumber));
  return {
    done: {
      state: 'refused',
      detail: `${matches.length === 0 ? 'unknown' : 'ambiguous'} number ${e164 ?? message.from}`,
    },
  };
}

/** What the message says and carries, as a command and the input for a ticket; media is fetched and stored here. */
async function readMessage(
  ctx: Ctx,
  wa: WhatsAppConfig,
  sender: Sender,
  user: UserRow,
  message: WaMessage,
): Promise<Step<{ command: Command; input: Input }>> {
  const content = contentOf(message);
  if (!content) return { done: { state: 'ignored', detail: `${message.type} message` } };
  if (!content.text.trim() && !content.media) {
    await answer(ctx, sender, translate(await senderLocale(ctx, user), WA.unsupported));
    return { done: { state: 'ignored', detail: `unsupported ${message.type} message` } };
  }
  const command = parseCommand(content.text);
  if (!command.text && !content.media) {
    await answer(ctx, sender, translate(await senderLocale(ctx, user), WA.afterColon));
    return { done: { state: 'ignored', detail: 'command without text' } };
  }
  let attachmentIds: string[] = [];
  if (content.media) {
    const file = await fetchMedia(ctx, wa, sender, user, content.media);
    if ('refused' in file) return { done: file.refused };
    attachmentIds = [file.id];
  }
  // Stored on the ticket: in the customer's language, else the installation's.
  const locale = await senderLocale(ctx, user);
  const kind = content.media?.kind ?? 'text';
  const input: Input = {
    text: command.text,
    body: command.text || translate(locale, WA_TICKET.body, { kind }),
    attachmentIds,
    subjectIfNoText: translate(locale, WA_TICKET.subject, { kind }),
  };
  return { ok: { command, input } };
}

/**
 * The ticket a message goes to: the one its command names, else the one whose notice it quotes, else
 * the latest linked or open one; null for a new ticket, or the outcome when the named one is not the sender's.
 */
async function destination(
  ctx: Ctx,
  actor: Actor,
  sender: Sender,
  message: WaMessage,
  command: Command,
): Promise<number | null | { done: Outcome }> {
  if (command.kind === 'new') return null;
  if (command.kind === 'ticket') {
    if (await findVisibleTicket(ctx.db, actor, command.number)) return command.number;
    const locale = await senderLocale(ctx, actor);
    await answer(ctx, sender, translate(locale, WA.notYours, { number: String(command.number) }));
    return { done: { state: 'refused', detail: `#${command.number} is not visible to ${actor.email}` } };
  }
  const quoted = message.context?.id
    ? await findOutbound(ctx.db, 'whatsapp', [message.context.id])
    : undefined;
  if (quoted) {
    const number = await ticketNumberOf(ctx.db, quoted.ticket_id);
    if (number && (await findVisibleTicket(ctx.db, actor, number))) return number;
  }
  const statuses = await answerableStatuses(ctx);
  const latest =
    (await latestLinkedTicket(ctx.db, actor, statuses)) ?? (await latestOpenTicket(ctx.db, actor, statuses));
  return latest || null;
}

/**
 * An edit or a deletion of an earlier message by its sender: an event on that message's ticket,
 * never an answer. Only the number that sent the original may change it.
 */
async function changeOfEarlier(ctx: Ctx, message: WaMessage, inboundId: string): Promise<Outcome> {
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

/** Active customers whose profile number, or one of their further numbers, is this one, in E.164. */
async function customersMatching(ctx: Ctx, e164: string): Promise<UserRow[]> {
  const tail = e164.slice(-7);
  const [own, further] = await Promise.all([
    customersByPhoneTail(ctx.db, tail),
    customersByContactPhoneTail(ctx.db, tail),
  ]);
  const found = new Map<string, UserRow>();
  for (const u of own) if (toE164(u.phone) === e164) found.set(u.id, u);
  for (const { contact_phone, ...u } of further) if (toE164(contact_phone) === e164) found.set(u.id, u);
  return [...found.values()];
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
    const locale = await senderLocale(ctx, actor);
    const why = plainWords(err, locale);
    await answer(ctx, sender, translate(locale, WA.replyNotAdded, { number: String(number), why }));
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
    const locale = await senderLocale(ctx, actor);
    await answer(ctx, sender, translate(locale, WA.opened, { number: String(ticket.number) }), {
      ticketId,
      userId: actor.id,
    });
    return { state: 'processed', detail: `new ticket #${ticket.number}`, ticketId };
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    const locale = await senderLocale(ctx, actor);
    await answer(ctx, sender, translate(locale, WA.notOpened, { why: plainWords(err, locale) }));
    return { state: 'refused', detail: err.message };
  }
}
