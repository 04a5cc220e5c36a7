import { generateSecret, generateURI } from 'otplib';
import QRCode from 'qrcode';
import { type ActorCtx, nowIso } from '../../context.js';
import { invalid, notFound, refusal } from '../../errors.js';
import { defineMessages } from '../../i18n/index.js';
import { encryptText, randomToken } from '../../lib/crypto.js';
import { authorize } from '../../policies/policy.js';
import { audit, byActor } from '../audit/audit.service.js';
import { getAccountSettings, secondFactorRequiredOf } from '../auth/account-settings.js';
import { confirmPassword } from '../auth/auth.service.js';
import { findSecondFactor, recoveryHash, SECRET_CONTEXT, verifyAppCode } from '../auth/second-factor.js';
import { USER_REFUSALS } from '../users/refusals.js';
import { findUserById } from '../users/users.repository.js';
import { ACCOUNT_REFUSALS } from './links.js';

const SAID = defineMessages({
  alreadyOn: {
    id: 'error.accounts.second_factor_on_already',
    defaultMessage: 'Two-factor sign-in is on already; turn it off first to set up another app',
  },
  startFirst: {
    id: 'error.accounts.second_factor_start_first',
    defaultMessage: 'Start setting up an app first',
  },
  wrongCode: {
    id: 'error.accounts.second_factor_wrong_code',
    defaultMessage: 'is not the code your app shows now',
  },
  required: {
    id: 'error.accounts.second_factor_required',
    defaultMessage: 'Two-factor sign-in is required of your role, so it cannot be turned off',
  },
  notOn: {
    id: 'error.accounts.second_factor_not_on',
    defaultMessage: 'Two-factor sign-in is not on for this user',
  },
});

// Setting up an authenticator app (TOTP) as a second factor for signing in, its recovery codes,
// turning it off, and an administrator's reset for someone who lost their phone.

const RECOVERY_CODES = 10;

const requiredOfActor = async (ctx: ActorCtx) =>
  secondFactorRequiredOf(await getAccountSettings(ctx.db), ctx.actor.role);

export async function secondFactorStatus(ctx: ActorCtx) {
  authorize(ctx.actor, 'me.secondFactor');
  const factor = await findSecondFactor(ctx.db, ctx.actor.id);
  const enabled = Boolean(factor?.confirmed_at);
  return {
    enabled,
    required: await requiredOfActor(ctx),
    recoveryCodesLeft: enabled ? (JSON.parse(factor?.recovery_codes ?? '[]') as string[]).length : 0,
  };
}

/** Starts setting up an app: a new secret, as text and as a QR code; it counts once a code confirms it. */
export async function startSecondFactor(ctx: ActorCtx) {
  authorize(ctx.actor, 'me.secondFactor');
  if ((await findSecondFactor(ctx.db, ctx.actor.id))?.confirmed_at) {
    throw refusal('conflict', SAID.alreadyOn);
  }
  const secret = generateSecret();
  const row = {
    user_id: ctx.actor.id,
    secret: encryptText(ctx.config.secret, SECRET_CONTEXT, secret),
    confirmed_at: null,
    last_step: null,
    recovery_codes: '[]',
    created_at: nowIso(ctx),
  };
  await ctx.db
    .insertInto('second_factors')
    .values(row)
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ secret: row.secret, created_at: row.created_at }))
    .execute();
  const uri = generateURI({ issuer: new URL(ctx.config.publicUrl).host, label: ctx.actor.email, secret });
  return { secret, uri, qrSvg: await QRCode.toString(uri, { type: 'svg', margin: 1 }) };
}

/** Confirms the app with a code from it; answers the recovery codes, shown this once. */
export async function confirmSecondFactor(ctx: ActorCtx, code: string): Promise<{ recoveryCodes: string[] }> {
  authorize(ctx.actor, 'me.secondFactor');
  const factor = await findSecondFactor(ctx.db, ctx.actor.id);
  if (!factor || factor.confirmed_at) throw refusal('conflict', SAID.startFirst);
  const result = await verifyAppCode(ctx, factor, code.replace(/\s/g, ''));
  if (!result.valid) throw invalid('code', SAID.wrongCode);
  const recoveryCodes = Array.from({ length: RECOVERY_CODES }, () => {
    const raw = randomToken(8)
      .replace(/[^a-zA-Z0-9]/g, '')
      .toLowerCase()
      .slice(0, 10)
      .padEnd(10, '0');
    return `${raw.slice(0, 5)}-${raw.slice(5)}`;
  });
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('second_factors')
      .set({
        confirmed_at: nowIso(ctx),
        last_step: (result as { timeStep: number }).timeStep,
        recovery_codes: JSON.stringify(recoveryCodes.map(recoveryHash)),
      })
      .where('user_id', '=', ctx.actor.id)
      .execute();
    await audit(ctx, trx, { ...byActor(ctx), action: 'second_factor_enabled', subject: ctx.actor });
  });
  return { recoveryCodes };
}

/** Turns two-factor sign-in off for oneself, with one's password. */
export async function disableSecondFactor(ctx: ActorCtx, password: string): Promise<void> {
  authorize(ctx.actor, 'me.secondFactor');
  if (await requiredOfActor(ctx)) {
    throw refusal('forbidden', SAID.required);
  }
  const user = await findUserById(ctx.db, ctx.actor.id);
  if (!user || !(await confirmPassword(ctx, user, password, ctx.ip ?? ''))) {
    throw invalid('password', ACCOUNT_REFUSALS.notCurrentPassword);
  }
  await removeSecondFactor(ctx, user, 'second_factor_disabled');
}

/** An administrator takes away someone's second factor (a lost phone); on the audit trail. */
export async function resetSecondFactor(ctx: ActorCtx, userId: string): Promise<void> {
  authorize(ctx.actor, 'user.manage');
  const user = await findUserById(ctx.db, userId);
  if (!user) throw notFound(USER_REFUSALS.noSuchUser);
  await removeSecondFactor(ctx, user, 'second_factor_reset');
}

async function removeSecondFactor(
  ctx: ActorCtx,
  user: { id: string; email: string },
  action: 'second_factor_disabled' | 'second_factor_reset',
) {
  await ctx.db.transaction().execute(async (trx) => {
    const gone = await trx.deleteFrom('second_factors').where('user_id', '=', user.id).executeTakeFirst();
    if (Number(gone.numDeletedRows) === 0) throw notFound(SAID.notOn);
    await audit(ctx, trx, { ...byActor(ctx), action, subject: user });
  });
}
