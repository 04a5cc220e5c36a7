import type { Executor } from '../../db/database.js';

// Who each channel can reach: asked by the fan-out before it queues a delivery, so the channels'
// tables are read here rather than the notifications importing the channels that deliver them.

/** Which of `userIds` have a working linked chat. */
export async function telegramReachable(db: Executor, userIds: string[]): Promise<string[]> {
  if (userIds.length === 0) return [];
  const rows = await db
    .selectFrom('telegram_links')
    .select('user_id')
    .where('user_id', 'in', userIds)
    .where('broken_at', 'is', null)
    .execute();
  const linked = new Set(rows.map((r) => r.user_id));
  return userIds.filter((id) => linked.has(id));
}

/** Which of `userIds` this ticket is WhatsApp-linked for. */
export async function whatsappReachable(
  db: Executor,
  ticketId: string,
  userIds: string[],
): Promise<string[]> {
  if (userIds.length === 0) return [];
  const [opened, wrote] = await Promise.all([
    db
      .selectFrom('tickets')
      .select('requester_id as user_id')
      .where('id', '=', ticketId)
      .where('channel', '=', 'whatsapp')
      .where('requester_id', 'in', userIds)
      .execute(),
    db
      .selectFrom('messages')
      .select('author_id as user_id')
      .distinct()
      .where('ticket_id', '=', ticketId)
      .where('channel', '=', 'whatsapp')
      .where('author_id', 'in', userIds)
      .execute(),
  ]);
  const linked = new Set([...opened, ...wrote].map((r) => r.user_id));
  return userIds.filter((id) => linked.has(id));
}
