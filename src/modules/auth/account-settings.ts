import type { AccountSettings } from '../../../common/accounts.js';
import type { ActorCtx, Ctx } from '../../context.js';
import type { Executor } from '../../db/database.js';
import type { Role } from '../../db/schema.js';
import { refusal } from '../../errors.js';
import { defineMessages } from '../../i18n/index.js';
import { authorize } from '../../policies/policy.js';
import { saveSetting } from '../audit/setting-change.js';
import { getSetting } from '../settings/settings.repository.js';
import { hasSecondFactor } from './second-factor.js';

const SAID = defineMessages({
  setUpFirst: {
    id: 'error.auth.second_factor_set_up_first',
    defaultMessage: 'Set up two-factor sign-in yourself first, then require it of your role',
  },
});

// How accounts are run beyond sign-in itself: whether staff must use a second factor, and whether
// agents may invite customers. Read where sign-in and invitations decide; changed by administrators.

const KEY = 'accounts';
export const DEFAULT_ACCOUNT_SETTINGS: AccountSettings = {
  requireSecondFactor: 'off',
  agentsInviteCustomers: false,
};

export async function getAccountSettings(db: Executor): Promise<AccountSettings> {
  return { ...DEFAULT_ACCOUNT_SETTINGS, ...(await getSetting<Partial<AccountSettings>>(db, KEY)) };
}

/** The settings as staff read them (agents, to know whether they may invite customers). */
export async function readAccountSettings(ctx: ActorCtx): Promise<AccountSettings> {
  authorize(ctx.actor, 'accountSettings.read');
  return getAccountSettings(ctx.db);
}

export async function setAccountSettings(ctx: ActorCtx, next: AccountSettings): Promise<AccountSettings> {
  authorize(ctx.actor, 'accountSettings.update');
  // Whoever requires it of their own role has it already, so saving cannot lock them out.
  if (secondFactorRequiredOf(next, ctx.actor.role) && !(await hasSecondFactor(ctx.db, ctx.actor.id))) {
    throw refusal('conflict', SAID.setUpFirst);
  }
  return ctx.db
    .transaction()
    .execute(async (trx) =>
      saveSetting(ctx, trx, { key: KEY, area: 'accounts', old: await getAccountSettings(trx), next }),
    );
}

/** Whether the settings require a second factor of someone in `role`. */
export function secondFactorRequiredOf(settings: AccountSettings, role: Role): boolean {
  if (role === 'customer') return false;
  return (
    settings.requireSecondFactor === 'staff' ||
    (settings.requireSecondFactor === 'admins' && role === 'admin')
  );
}

/**
 * Whether `user` must still set up two-factor sign-in before doing anything else: it is required
 * of their role and they have none. `has` when the caller knows already whether they have one.
 */
export async function secondFactorSetupRequired(
  ctx: Ctx,
  user: { id: string; role: Role },
  has?: boolean,
): Promise<boolean> {
  if (user.role === 'customer' || has === true) return false;
  if (!secondFactorRequiredOf(await getAccountSettings(ctx.db), user.role)) return false;
  return !(has ?? (await hasSecondFactor(ctx.db, user.id)));
}
