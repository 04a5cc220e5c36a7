import type { Executor } from '../../db/database.js';

export const preferenceRows = (db: Executor, userIds: string[]) =>
  userIds.length === 0
    ? Promise.resolve([])
    : db.selectFrom('notification_preferences').selectAll().where('user_id', 'in', userIds).execute();

export async function setPreference(
  db: Executor,
  userId: string,
  event: string,
  channel: string,
  enabled: boolean,
) {
  const flag = enabled ? 1 : 0;
  await db
    .insertInto('notification_preferences')
    .values({ user_id: userId, event, channel, enabled: flag })
    .onConflict((oc) => oc.columns(['user_id', 'event', 'channel']).doUpdateSet({ enabled: flag }))
    .execute();
}
