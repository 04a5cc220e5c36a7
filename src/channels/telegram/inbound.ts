import type { Ctx } from '../../context.js';
import { nowIso } from '../../context.js';
import { AppError } from '../../errors.js';
import { enqueue } from '../../jobs/outbox.js';
import type { JobHandler } from '../../jobs/worker.js';
import { sha256 } from '../../lib/crypto.js';
import { storeAttachment } from '../../modules/attachments/attachments.service.js';
import { toActor } from '../../modules/auth/auth.service.js';
import { addMessage } from '../../modules/messages/messages.service.js';
import { findActiveUser } from '../../modules/notifications/recipients.repository.js';
import { ticketNumberOf } from '../../modules/tickets/tickets.repository.js';
import { processInbound, storeAndQueue } from '../inbound.js';
import type { InboundRow } from '../inbound.repository.js';
import { recordMessageChange } from '../message-events.js';
import { downloadTelegramFile, TelegramError, TooLarge } from './api.js';
import {
  consumeLinkToken,
  deleteLinkOfChat,
  findLinkOfChat,
  findTelegramOutbound,
  saveLink,
  setLinkBroken,
  updatesMentioningMessage,
} from './telegram.repository.js';

// Telegram Update objects, as much of them as Tessera reads.
type TgChat = { id: number | string; type?: string };
type TgFile = { file_id: string; file_name?: string; mime_type?: string; file_size?: number };
type TgMessage = {
  message_id: number;
  chat: TgChat;
  from?: { id: number; username?: string; is_bot?: boolean };
  text?: string;
  caption?: string;
  reply_to_message?: { message_id: number };
  document?: TgFile;
  voice?: TgFile;
  audio?: TgFile;
  video?: TgFile;
  /** The sizes of one photo, smallest first. */
  photo?: TgFile[];
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
    throw new AppError('validation', 'update_id: must be an integer');
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

const HOW_TO_LINK =
  'To get notifications about your support tickets here, open Account Settings in the support portal and choose “Link Telegram”. This chat is linked to nothing until you do.';
const HOW_TO_REPLY =
  'To answer a ticket, reply to its notification here (swipe left on it, or tap and hold, then Reply). To open a new ticket, use the support portal.';

async function handle(ctx: Ctx, update: TgUpdate, inboundId: string): Promise<Outcome> {
  const member = update.my_chat_member;
  if (member) {
    // Blocking the bot, or unblocking it, arrives as a change of the bot's membership in the chat.
    const chatId = String(member.chat.id);
    const status = member.new_chat_member?.status;
    if (status === 'kicked' || status === 'left')
      await setLinkBroken(ctx.db, chatId, { at: nowIso(ctx), reason: 'The bot was blocked in Telegram' });
    else if (status === 'member') await setLinkBroken(ctx.db, chatId, null);
    return { state: 'processed', detail: `bot ${status ?? 'changed'} in chat ${chatId}` };
  }
  if (update.edited_message) return editOfEarlier(ctx, update.edited_message, inboundId);
  const msg = update.message;
  if (!msg || msg.from?.is_bot || (msg.chat.type && msg.chat.type !== 'private'))
    return { state: 'ignored', detail: 'not a private message' };
  const chatId = String(msg.chat.id);
  const say = (text: string) => answer(ctx, inboundId, chatId, text, msg.message_id);
  const text = (msg.text ?? msg.caption ?? '').trim();

  const start = /^\/start(?:@\w+)?(?:\s+(\S+))?$/.exec(text);
  if (start) {
    const token = start[1];
    if (!token) {
      await say(HOW_TO_LINK);
      return { state: 'ignored', detail: 'bare /start' };
    }
    const now = nowIso(ctx);
    const userId = await consumeLinkToken(ctx.db, sha256(token), now);
    const user = userId ? await findActiveUser(ctx.db, userId) : undefined;
    if (!user) {
      await say(
        `This link has expired or was already used. Create a new one in Account Settings (“Link Telegram”) and open it within ${ctx.config.telegram?.linkMinutes ?? 30} minutes.`,
      );
      return { state: 'refused', detail: 'unknown, used or expired link token' };
    }
    await ctx.db.transaction().execute((trx) =>
      saveLink(trx, {
        user_id: user.id,
        chat_id: chatId,
        username: msg.from?.username ?? null,
        linked_at: now,
        broken_at: null,
        broken_reason: null,
      }),
    );
    await say(
      `Linked to ${user.name}'s support account. You will get notifications here when we reply to your tickets and when they are resolved; change that in Account Settings. Send /stop to unlink.`,
    );
    return { state: 'processed', detail: `linked ${user.email}` };
  }
  if (/^\/stop(?:@\w+)?$/.test(text)) {
    const userId = await deleteLinkOfChat(ctx.db, chatId);
    await say(
      userId
        ? 'Unlinked: you will get no more notifications here. You can link again from Account Settings.'
        : 'This chat is not linked to a support account.',
    );
    return { state: 'processed', detail: userId ? `unlinked ${userId}` : '/stop, nothing linked' };
  }

  const quoted = msg.reply_to_message?.message_id;
  const sent = quoted ? await findTelegramOutbound(ctx.db, `${chatId}:${quoted}`) : undefined;
  if (!sent) {
    await say(HOW_TO_REPLY);
    return { state: 'ignored', detail: 'not a reply to a notification' };
  }
  // The chat must still be linked to the person the notification was for.
  const link = await findLinkOfChat(ctx.db, chatId);
  const user = link && link.user_id === sent.user_id ? await findActiveUser(ctx.db, link.user_id) : undefined;
  const number = await ticketNumberOf(ctx.db, sent.ticket_id);
  if (!user || !number) {
    await say(
      'This chat is no longer linked to the account that notification was for, so your reply was not added.',
    );
    return { state: 'refused', detail: 'reply from a chat no longer linked to its recipient' };
  }
  const file = fileOf(msg);
  if (!text && !file) {
    await say(
      `Only text, files, photos and voice notes are taken here: please send this on ticket #${number} in the support portal.`,
    );
    return { state: 'refused', detail: 'a reply with nothing a ticket can hold' };
  }
  let attachmentIds: string[] = [];
  if (file) {
    const stored = await fetchFile(ctx, file, user.id);
    if ('refused' in stored) {
      await say(`Your ${file.label} was not added to ticket #${number}. ${stored.refused}`);
      return { state: 'refused', detail: `${file.label}: ${stored.refused}` };
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
      ticketId: sent.ticket_id,
      messageId: message.id,
    };
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    const why = err.code === 'not_found' ? 'You can no longer see that ticket.' : err.message;
    await say(`Your reply was not added to ticket #${number}. ${why}`);
    return { state: 'refused', detail: `#${number}: ${err.message}` };
  }
}

/** The file a message carries, with a name for it and how to call it in words. */
function fileOf(msg: TgMessage): { id: string; filename: string; label: string } | null {
  if (msg.document)
    return { id: msg.document.file_id, filename: msg.document.file_name || 'telegram-file', label: 'file' };
  if (msg.voice) return { id: msg.voice.file_id, filename: 'telegram-voice.ogg', label: 'voice note' };
  if (msg.audio)
    return { id: msg.audio.file_id, filename: msg.audio.file_name || 'telegram-audio.mp3', label: 'audio' };
  if (msg.video)
    return { id: msg.video.file_id, filename: msg.video.file_name || 'telegram-video.mp4', label: 'video' };
  const photo = msg.photo?.at(-1);
  if (photo) return { id: photo.file_id, filename: 'telegram-photo.jpg', label: 'photo' };
  return null;
}

/** Downloads a file through getFile and keeps it as the sender's attachment, under the attachment rules. */
async function fetchFile(
  ctx: Ctx,
  file: { id: string; filename: string },
  uploaderId: string,
): Promise<{ id: string } | { refused: string }> {
  const tg = ctx.config.telegram;
  if (!tg) return { refused: 'Telegram is not set up.' };
  const { maxBytes } = ctx.config.attachments;
  const tooBig = `Files may be at most ${Math.floor(maxBytes / 1_048_576)} MB.`;
  try {
    const data = await downloadTelegramFile(tg, file.id, maxBytes);
    return { id: (await storeAttachment(ctx, { uploaderId, filename: file.filename, data })).id };
  } catch (err) {
    if (err instanceof TooLarge) return { refused: tooBig };
    if (err instanceof AppError) return { refused: err.message };
    if (err instanceof TelegramError && err.status >= 400 && err.status < 500)
      return { refused: 'We could not fetch it from Telegram; please send it again.' };
    throw err;
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
