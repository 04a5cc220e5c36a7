import type { z } from 'zod';
import {
  type NotificationChannel,
  PREFERENCE_EVENT_KEYS,
  PREFERENCE_EVENTS,
  type PreferenceEvent,
  type preferencesPutBody,
} from '../../../common/notifications.js';
import type { Config } from '../../config.js';
import { type ActorCtx, isStaff } from '../../context.js';
import type { Executor } from '../../db/database.js';
import { invalid } from '../../errors.js';
import { defineMessages } from '../../i18n/index.js';
import { authorize } from '../../policies/policy.js';
import { preferenceRows, setPreference } from './preferences.repository.js';

const SAID = defineMessages({
  notYourEvent: { id: 'error.notifications.not_your_event', defaultMessage: 'is not an event you receive' },
});

type Prefs = Record<string, Record<string, boolean>>;

const eventsFor = (staff: boolean) =>
  PREFERENCE_EVENT_KEYS.filter((e) => (PREFERENCE_EVENTS[e].for === 'staff') === staff);

/** Channels this installation has set up: a toggle for a channel that cannot deliver would mislead. */
export const channelSetUp = (config: Config, channel: NotificationChannel): boolean =>
  channel === 'email' || channel === 'in_app' || Boolean(config[channel]);

export async function getPreferences(ctx: ActorCtx): Promise<Prefs> {
  const overrides = await preferenceRows(ctx.db, [ctx.actor.id]);
  const out: Prefs = {};
  for (const event of eventsFor(isStaff(ctx.actor))) {
    out[event] = Object.fromEntries(
      PREFERENCE_EVENTS[event].channels
        .filter((c) => channelSetUp(ctx.config, c))
        .map((c) => [c, overrides.find((o) => o.event === event && o.channel === c)?.enabled !== 0]),
    );
  }
  return out;
}

export async function putPreferences(
  ctx: ActorCtx,
  body: z.infer<typeof preferencesPutBody>,
): Promise<Prefs> {
  authorize(ctx.actor, 'me.preferences');
  const allowed = new Set<string>(eventsFor(isStaff(ctx.actor)));
  for (const event of Object.keys(body)) {
    if (!allowed.has(event)) throw invalid(event, SAID.notYourEvent);
  }
  await ctx.db.transaction().execute(async (trx) => {
    for (const [event, channels] of Object.entries(body)) {
      for (const [channel, enabled] of Object.entries(channels ?? {})) {
        if (enabled !== undefined) await setPreference(trx, ctx.actor.id, event, channel, enabled);
      }
    }
  });
  return getPreferences(ctx);
}

/** Which of `userIds` want `event` on `channel` (default: everyone). */
export async function wantsNotice(
  db: Executor,
  userIds: string[],
  event: PreferenceEvent,
  channel: NotificationChannel,
): Promise<Set<string>> {
  const off = new Set(
    (await preferenceRows(db, userIds))
      .filter((r) => r.event === event && r.channel === channel && r.enabled === 0)
      .map((r) => r.user_id),
  );
  return new Set(userIds.filter((id) => !off.has(id)));
}
