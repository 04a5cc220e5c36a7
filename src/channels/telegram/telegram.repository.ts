import type { Executor } from '../../db/database.js';
import type { TelegramLinkTable } from '../../db/schema.js';

// Only this file touches the database for Telegram.

export const findLinkOfUser = (db: Executor, userId: string) =>
  db.selectFrom('telegram_links').selectAll().where('user_id', '=', userId).executeTakeFirst();

export const findLinkOfChat = (db: Executor, chatId: string) =>
  db.selectFrom('telegram_links').selectAll().where('chat_id', '=', chatId).executeTakeFirst();

/** Links a chat to a user: the user's previous chat and the chat's previous user are let go. */
export async function saveLink(db: Executor, row: TelegramLinkTable) {
  await db
    .deleteFrom('telegram_links')
    .where((eb) => eb.or([eb('user_id', '=', row.user_id), eb('chat_id', '=', row.chat_id)]))
    .execute();
  await db.insertInto('telegram_links').values(row).execute();
}

export async function deleteLinkOfUser(db: Executor, userId: string): Promise<boolean> {
  const res = await db.deleteFrom('telegram_links').where('user_id', '=', userId).executeTakeFirst();
  return Number(res.numDeletedRows) > 0;
}

export async function deleteLinkOfChat(db: Executor, chatId: string): Promise<string | null> {
  const rows = await db
    .deleteFrom('telegram_links')
    .where('chat_id', '=', chatId)
    .returning('user_id')
    .execute();
  return rows[0]?.user_id ?? null;
}

/** Marks a chat unreachable (the bot was blocked), or reachable again with null. */
export const setLinkBroken = (db: Executor, chatId: string, broken: { at: string; reason: string } | null) =>
  db
    .updateTable('telegram_links')
    .set({ broken_at: broken?.at ?? null, broken_reason: broken?.reason ?? null })
    .where('chat_id', '=', chatId)
    .execute();

// ---- single-use link tokens ----

export async function replaceLinkToken(
  db: Executor,
  row: { token_hash: string; user_id: string; created_at: string; expires_at: string },
) {
  // One live link per user: a new one voids the old.
  await db.deleteFrom('telegram_link_tokens').where('user_id', '=', row.user_id).execute();
  await db
    .insertInto('telegram_link_tokens')
    .values({ ...row, used_at: null })
    .execute();
}

/** Uses a token once: the user it was for, if it exists, is unused and has not expired. */
export async function consumeLinkToken(db: Executor, tokenHash: string, now: string): Promise<string | null> {
  const rows = await db
    .updateTable('telegram_link_tokens')
    .set({ used_at: now })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning('user_id')
    .execute();
  return rows[0]?.user_id ?? null;
}

// ---- replies to our notifications ----

/**
 * Stored updates that may hold message `messageId` of chat `chatId` (the match is on the raw
 * JSON): the caller parses and checks chat and id. Newest first. A message id only counts
 * within its chat, so every chat has a message 7: without the chat in the match, a busy bot's
 * 50 newest candidates could all be other chats' and the original would not be found.
 */
export const updatesMentioningMessage = (db: Executor, messageId: number, chatId: string) =>
  db
    .selectFrom('inbound_messages')
    .select(['id', 'raw'])
    .where('channel', '=', 'telegram')
    .where('raw', 'like', `%"message_id":${messageId},%`)
    .where((eb) => eb.or([eb('raw', 'like', `%"id":${chatId},%`), eb('raw', 'like', `%"id":${chatId}}%`)]))
    .orderBy('received_at', 'desc')
    .limit(50)
    .execute();
