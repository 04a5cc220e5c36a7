import type { Ctx } from '../../context.js';
import { nowIso } from '../../context.js';
import { AppError, invalid } from '../../errors.js';
import { defineMessages, type Message, translate } from '../../i18n/index.js';
import { enqueue } from '../../jobs/outbox.js';
import type { JobHandler } from '../../jobs/worker.js';
import { sha256 } from '../../lib/crypto.js';
import { toActor } from '../../modules/auth/auth.service.js';
import { readerOf, visitorReader } from '../../modules/languages/reader.js';
import { addMessage } from '../../modules/messages/messages.service.js';
import { findActiveUser } from '../../modules/notifications/recipients.repository.js';
import { ticketNumberOf } from '../../modules/ticket-data/tickets.repository.js';
import type { UserRow } from '../../modules/users/users.repository.js';
import { processInbound, storeAndQueue } from '../inbound.js';
import type { InboundRow } from '../inbound.repository.js';
import { recordMessageChange } from '../message-events.js';
import { findOutbound } from '../outbound.repository.js';
import { CHAT } from './chat.messages.js';
import { fetchFile, fileOf, type TgFiles } from './files.js';
import {
  consumeLinkToken,
  deleteLinkOfChat,
  findLinkOfChat,
  saveLink,
  setLinkBroken,
  updatesMentioningMessage,
} from './telegram.repository.js';

const SAID = defineMessages({
  updateId: { id: 'error.telegram.update_id', defaultMessage: 'must be an integer' },
});

// Telegram Update objects, as much of them as Tessera reads.
type TgChat = { id: number | string; type?: string };
type TgMessage = TgFiles & {
  message_id: number;
  chat: TgChat;
  from?: { id: number; username?: string; is_bot?: boolean; language_code?: string };
  text?: string;
  caption?: string;
  reply_to_message?: { message_id: number };
};
export type TgUpdate = {
  update_id: number;
  message?: TgMessage;
  /** A message sent earlier, as it reads after the user edited it (same message_id). */
  edited_message?: TgMessage;
  my_chat_member?: { chat: TgChat; new_chat_member?: { status?: string } };
};

/**
 * Takes in one update: stored raw with its job in one transaction. `update_id` makes Telegram's
 * redelivery (after a timeout or an error answer) a no-op.
 */
export async function receiveTelegram(ctx: Ctx, update: unknown): Promise<{ duplicate: boolean }> {
  const u = update as Partial<TgUpdate> | null;
  if (!u || typeof u !== 'object' || !Number.isSafeInteger(u.update_id))
    throw invalid('update_id', SAID.updateId);
  const now = nowIso(ctx);
  const id = await ctx.db.transaction().execute((trx) =>
    storeAndQueue(
      trx,
      {
        channel: 'telegram',
        externalId: String(u.update_id),
        raw: JSON.stringify(u),
        topic: 'inbound.telegram',
      },
      now,
    ),
  );
  return { duplicate: id === null };
}

type Outcome = {
  state: InboundRow['state'];
  detail: string;
  ticketId?: string | null;
  messageId?: string | null;
};

export const processTelegramUpdate: JobHandler<'inbound.telegram'> = (ctx, job) =>
  processInbound(ctx, job.data.inboundId, 'telegram', (row) =>
    handle(ctx, JSON.parse(row.raw) as TgUpdate, row.id),
  );

async function handle(ctx: Ctx, update: TgUpdate, inboundId: string): Promise<Outcome> {
  if (update.my_chat_member) return membershipChange(ctx, update.my_chat_member);
  if (update.edited_message) return editOfEarlier(ctx, update.edited_message, inboundId);
  const msg = update.message;
  if (!msg || msg.from?.is_bot || (msg.chat.type && msg.chat.type !== 'private'))
    return { state: 'ignored', detail: 'not a private message' };
  const chatId = String(msg.chat.id);
  // The chat's person reads their own language; a chat linked to no one, the one Telegram reports.
  const reader = await chatReader(ctx, chatId, msg.from?.language_code);
  const say: Say = Object.assign(
    (m: Message, values?: Record<string, string>, locale = reader.locale) =>
      answer(ctx, inboundId, chatId, translate(locale, m, values), msg.message_id),
    { locale: reader.locale },
  );
  const text = (msg.text ?? msg.caption ?? '').trim();

  const start = /^\/start(?:@\w+)?(?:\s+(\S+))?$/.exec(text);
  if (start) return startCommand(ctx, msg, start[1], say);
  if (/^\/stop(?:@\w+)?$/.test(text)) return stopCommand(ctx, chatId, say);
  return replyToNotice(ctx, msg, text, inboundId, say);
}

/** Says something back in the chat the update came from, quoting the message, in the chat's language. */
type Say = ((message: Message, values?: Record<string, string>, locale?: string) => Promise<void>) & {
  locale: string;
};

async function chatReader(ctx: Ctx, chatId: string, languageCode: string | undefined) {
  const link = await findLinkOfChat(ctx.db, chatId);
  const user = link ? await findActiveUser(ctx.db, link.user_id) : undefined;
  if (user) return readerOf(ctx.db, user);
  return visitorReader(ctx.db, { acceptLanguage: languageCode });
}

/** Blocking the bot, or unblocking it, arrives as a change of the bot's membership in the chat. */
async function membershipChange(ctx: Ctx, member: NonNullable<TgUpdate['my_chat_member']>): Promise<Outcome> {
  const chatId = String(member.chat.id);
  const status = member.new_chat_member?.status;
  if (status === 'kicked' || status === 'left')
    await setLinkBroken(ctx.db, chatId, { at: nowIso(ctx), reason: 'The bot was blocked in Telegram' });
  else if (status === 'member') await setLinkBroken(ctx.db, chatId, null);
  return { state: 'processed', detail: `bot ${status ?? 'changed'} in chat ${chatId}` };
}

/** `/start <token>` from the portal's "Link Telegram": links this chat to the token's user. */
async function startCommand(ctx: Ctx, msg: TgMessage, token: string | undefined, say: Say): Promise<Outcome> {
  if (!token) {
    await say(CHAT.howToLink);
    return { state: 'ignored', detail: 'bare /start' };
  }
  const now = nowIso(ctx);
  const userId = await consumeLinkToken(ctx.db, sha256(token), now);
  const user = userId ? await findActiveUser(ctx.db, userId) : undefined;
  if (!user) {
    await say(CHAT.linkExpired, { minutes: String(ctx.config.telegram?.linkMinutes ?? 30) });
    return { state: 'refused', detail: 'unknown, used or expired link token' };
  }
  await ctx.db.transaction().execute((trx) =>
    saveLink(trx, {
      user_id: user.id,
      chat_id: String(msg.chat.id),
      username: msg.from?.username ?? null,
      linked_at: now,
      broken_at: null,
      broken_reason: null,
    }),
  );
  // From now on the chat is the person's: it speaks their language.
  await say(CHAT.linked, { name: user.name }, (await readerOf(ctx.db, user)).locale);
  return { state: 'processed', detail: `linked ${user.email}` };
}

/** `/stop`: unlinks this chat. */
async function stopCommand(ctx: Ctx, chatId: string, say: Say): Promise<Outcome> {
  const userId = await deleteLinkOfChat(ctx.db, chatId);
  await say(userId ? CHAT.unlinked : CHAT.notLinked);
  return { state: 'processed', detail: userId ? `unlinked ${userId}` : '/stop, nothing linked' };
}

/**
 * The ticket and author of a reply: the notification it quotes names the ticket, and the chat must
 * still be linked to the person that notification was for.
 */
async function replyTarget(
  ctx: Ctx,
  msg: TgMessage,
  say: Say,
): Promise<{ user: UserRow; number: number; ticketId: string } | { done: Outcome }> {
  const chatId = String(msg.chat.id);
  const quoted = msg.reply_to_message?.message_id;
  const sent = quoted ? await findOutbound(ctx.db, 'telegram', [`${chatId}:${quoted}`]) : undefined;
  if (!sent) {
    await say(CHAT.howToReply);
    return { done: { state: 'ignored', detail: 'not a reply to a notification' } };
  }
  const link = await findLinkOfChat(ctx.db, chatId);
  const user = link && link.user_id === sent.user_id ? await findActiveUser(ctx.db, link.user_id) : undefined;
  const number = await ticketNumberOf(ctx.db, sent.ticket_id);
  if (!user || !number) {
    await say(CHAT.noLongerLinked);
    return { done: { state: 'refused', detail: 'reply from a chat no longer linked to its recipient' } };
  }
  return { user, number, ticketId: sent.ticket_id };
}

/** A reply to one of our notifications: a message on that ticket, with the file it carries. */
async function replyToNotice(
  ctx: Ctx,
  msg: TgMessage,
  text: string,
  inboundId: string,
  say: Say,
): Promise<Outcome> {
  const target = await replyTarget(ctx, msg, say);
  if ('done' in target) return target.done;
  const { user, number } = target;
  const file = fileOf(msg);
  if (!text && !file) {
    await say(CHAT.nothingTaken, { number: String(number) });
    return { state: 'refused', detail: 'a reply with nothing a ticket can hold' };
  }
  let attachmentIds: string[] = [];
  if (file) {
    const stored = await fetchFile(ctx, file, user.id);
    if ('refused' in stored) {
      const why = stored.refused(say.locale);
      await say(CHAT.fileNotAdded, { kind: file.kind, number: String(number), why });
      return { state: 'refused', detail: `${file.label}: ${stored.refused('en')}` };
    }
    attachmentIds = [stored.id];
  }
  const actor = await toActor(ctx, user);
  try {
    const message = await addMessage(
      { ...ctx, actor },
      number,
      { body: text || `(${file?.label})`, internal: false, attachmentIds },
      'telegram',
      { inboundId },
    );
    return {
      state: 'processed',
      detail: `reply on #${number}`,
      ticketId: target.ticketId,
      messageId: message.id,
    };
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    const why = err.code === 'not_found' ? translate(say.locale, CHAT.cannotSee) : err.said(say.locale);
    await say(CHAT.replyNotAdded, { number: String(number), why });
    return { state: 'refused', detail: `#${number}: ${err.message}` };
  }
}

/**
 * An edit of a message sent earlier: an event on the ticket the original reached, nothing
 * answered. The original is the stored update with the same chat and message id.
 */
async function editOfEarlier(ctx: Ctx, edited: TgMessage, inboundId: string): Promise<Outcome> {
  const chatId = String(edited.chat.id);
  const candidates = await updatesMentioningMessage(ctx.db, edited.message_id, chatId);
  const original = candidates.find((row) => {
    const m = (JSON.parse(row.raw) as TgUpdate).message;
    return m?.message_id === edited.message_id && String(m.chat.id) === chatId;
  });
  const text = (edited.text ?? edited.caption ?? '').trim();
  return recordMessageChange(ctx, inboundId, original?.id, { kind: 'edited', text });
}

async function answer(ctx: Ctx, inboundId: string, chatId: string, text: string, replyTo: number) {
  const now = nowIso(ctx);
  await enqueue(
    ctx.db,
    {
      topic: 'deliver.telegram-notice',
      payload: { chatId, text, replyTo },
      dedupeKey: `telegram-notice:${inboundId}`,
      runAt: now,
    },
    now,
  );
}
