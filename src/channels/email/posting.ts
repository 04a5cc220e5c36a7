import type { ParsedMail } from 'mailparser';
import type { Ctx } from '../../context.js';
import { AppError, PermanentJobError } from '../../errors.js';
import { defineMessages, type Message, translate } from '../../i18n/index.js';
import { newId, sha256 } from '../../lib/crypto.js';
import { storeAttachment } from '../../modules/attachments/attachments.service.js';
import { toActor } from '../../modules/auth/auth.service.js';
import { intakeDepartment } from '../../modules/departments/departments.repository.js';
import { type Reader, readerOf } from '../../modules/languages/reader.js';
import { addMessage } from '../../modules/messages/messages.service.js';
import { findVisibleTicket, ticketIdOf } from '../../modules/ticket-data/tickets.repository.js';
import { createTicket } from '../../modules/tickets/tickets.service.js';
import {
  findUserByEmail,
  insertUser,
  mailCustomerRow,
  type UserRow,
} from '../../modules/users/users.repository.js';
import { queueAutoReply } from '../auto-reply.js';
import type { InboundOutcome } from '../inbound.js';
import { keepCcList } from './cc.js';

// Turning a received mail into a reply or a ticket, for the inbound pipeline and for an admin
// releasing a held mail.

export type MailItem = { from: string; mail: ParsedMail; body: string; subject: string; inboundId: string };

/** The most files one message keeps (the API's limit on a message's attachments). */
export const MAX_FILES = 20;

const REFUSED = defineMessages({
  reply: { id: 'mail.refused.reply', defaultMessage: 'Your reply to ticket #{number} was not added' },
  open: { id: 'mail.refused.open', defaultMessage: 'We could not open a ticket' },
  unknownSender: {
    id: 'mail.refused.unknownSender',
    defaultMessage:
      'We only accept support requests from registered customers. Please sign in to the support portal, or ask us to create an account for you.',
  },
});

const t = (reader: Reader, m: Message, values?: Record<string, string>) =>
  translate(reader.locale, m, values);

export async function replyAs(ctx: Ctx, user: UserRow, number: number, r: MailItem): Promise<InboundOutcome> {
  try {
    const posted = await postOn(ctx, user, number, r);
    return { state: 'processed', detail: `reply on #${number}`, ...posted };
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    if (err.code === 'not_found')
      return { state: 'quarantined', detail: `${r.from} may not reply on #${number}` };
    const reader = await readerOf(ctx.db, user);
    await explain(
      ctx,
      r,
      reader,
      t(reader, REFUSED.reply, { number: String(number) }),
      err.said(reader.locale),
    );
    return { state: 'refused', detail: err.message };
  }
}

/** Adds the mail to ticket #number as `user` (an internal note when `internal`); an AppError says why not. */
export async function postOn(
  ctx: Ctx,
  user: UserRow,
  number: number,
  r: MailItem,
  internal = false,
): Promise<{ ticketId: string | null; messageId: string }> {
  const actor = await toActor(ctx, user);
  const files = await keepAttachments(ctx, user, r);
  const message = await addMessage(
    { ...ctx, actor },
    number,
    { body: files.body, internal, attachmentIds: files.ids },
    'email',
    // A CC of the ticket answers by mail too; the requester's mail sets who is on CC.
    { inboundId: r.inboundId, asCc: true, within: keepCcList(ctx, r.mail, user.id) },
  );
  const ticket = await findVisibleTicket(ctx.db, actor, number);
  return { ticketId: ticket?.id ?? null, messageId: message.id };
}

/** A new ticket from the sender, who becomes a customer if unknown and the settings allow it. */
export async function newTicketFrom(ctx: Ctx, r: MailItem): Promise<InboundOutcome> {
  let user: UserRow | undefined = await findUserByEmail(ctx.db, r.from);
  if (!user) {
    if (ctx.config.mail.unknownSenders === 'reject') {
      // Someone unknown reads the installation's language.
      const reader = await readerOf(ctx.db, null);
      await explain(ctx, r, reader, t(reader, REFUSED.open), t(reader, REFUSED.unknownSender));
      return { state: 'refused', detail: `unknown sender ${r.from}` };
    }
    user = await createCustomer(ctx, r);
  }
  if (user.active !== 1) return { state: 'refused', detail: `${r.from} is deactivated` };
  try {
    return await openTicketAs(ctx, user, r);
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    const reader = await readerOf(ctx.db, user);
    await explain(ctx, r, reader, t(reader, REFUSED.open), err.said(reader.locale));
    return { state: 'refused', detail: err.message };
  }
}

/** Opens the ticket as `user`; an AppError says why not. */
export async function openTicketAs(ctx: Ctx, user: UserRow, r: MailItem): Promise<InboundOutcome> {
  const department = await intakeDepartment(ctx.db, ctx.config.defaultDepartment);
  if (!department) throw new PermanentJobError('there is no department to file email tickets in');
  const actor = await toActor(ctx, user);
  const files = await keepAttachments(ctx, user, r);
  const ticket = await createTicket(
    { ...ctx, actor },
    {
      subject: r.subject.slice(0, 200),
      description: files.body.slice(0, 100_000),
      attachmentIds: files.ids,
      departmentId: department.id,
      priority: 'normal',
    },
    'email',
    { inboundId: r.inboundId, within: keepCcList(ctx, r.mail, user.id) },
  );
  return {
    state: 'processed',
    detail: `new ticket #${ticket.number}`,
    ticketId: await ticketIdOf(ctx.db, ticket.number),
  };
}

export async function createCustomer(ctx: Ctx, r: MailItem): Promise<UserRow> {
  const name = Array.isArray(r.mail.from) ? undefined : r.mail.from?.value[0]?.name;
  const row = mailCustomerRow(r.from, name, newId(), ctx.clock().toISOString());
  await insertUser(ctx.db, row);
  return row;
}

/**
 * An explanatory answer to a refused message, marked auto-replied so the sender's robots stay
 * quiet, and held back once the sender reached the cap on automatic mail.
 */
async function explain(ctx: Ctx, r: MailItem, reader: Reader, subject: string, text: string) {
  const now = ctx.clock().toISOString();
  await queueAutoReply(ctx, {
    channel: 'email',
    recipient: r.from,
    inboundId: r.inboundId,
    subject,
    job: {
      topic: 'deliver.email-notice',
      payload: { to: r.from, subject, text, inReplyTo: r.mail.messageId ?? null, locale: reader.locale },
      dedupeKey: `email-notice:${r.mail.messageId ?? sha256(r.body)}`,
      runAt: now,
    },
  });
}

/**
 * The mail's files, stored under the attachment rules as `uploader`'s uploads (so only a message
 * of theirs can claim them). A refused file, and every file beyond the first MAX_FILES, is named
 * in the message instead of being dropped silently.
 */
export async function keepAttachments(
  ctx: Ctx,
  uploader: UserRow,
  r: MailItem,
): Promise<{ ids: string[]; body: string }> {
  const ids: string[] = [];
  const refused: string[] = [];
  // Inline images belong to an HTML body, not to the files of the message.
  const files = r.mail.attachments.filter((a) => !a.related);
  for (const a of files) {
    const filename = a.filename ?? 'attachment';
    if (ids.length >= MAX_FILES) {
      refused.push(`${filename}: more than ${MAX_FILES} files in one message`);
      continue;
    }
    try {
      ids.push((await storeAttachment(ctx, { uploaderId: uploader.id, filename, data: a.content })).id);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      refused.push(`${filename}: ${err.message}`);
    }
  }
  const note = refused.length ? `\n\n[Attachments not accepted: ${refused.join('; ')}]` : '';
  return { ids, body: `${r.body}${note}` };
}
