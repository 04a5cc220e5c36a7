import { verify } from 'otplib';
import type { Ctx } from '../../context.js';
import type { Executor } from '../../db/database.js';
import type { SecondFactorTable } from '../../db/schema.js';
import { refusal } from '../../errors.js';
import { defineMessages } from '../../i18n/index.js';
import { decryptText, hmac, safeEqual, sha256 } from '../../lib/crypto.js';

const SAID = defineMessages({
  expired: {
    id: 'error.auth.challenge_expired',
    defaultMessage: 'This sign-in has expired; enter your password again',
  },
});

// The second step of signing in for users with an authenticator app: after the password, a
// short-lived challenge (signed, naming the user) is answered with a code from the app (each code
// works once) or with one of the recovery codes (each works once).

export const SECRET_CONTEXT = 'second-factor-secret';
const CHALLENGE_TTL_MS = 5 * 60_000;

export const findSecondFactor = (db: Executor, userId: string) =>
  db.selectFrom('second_factors').selectAll().where('user_id', '=', userId).executeTakeFirst();

export const hasSecondFactor = async (db: Executor, userId: string) =>
  Boolean((await findSecondFactor(db, userId))?.confirmed_at);

const challengeSignature = (ctx: Pick<Ctx, 'config'>, payload: string) =>
  hmac(ctx.config.secret, `second-factor:${payload}`);

/** The challenge a password sign-in of a user with a second factor answers with, instead of a session. */
export function challengeFor(ctx: Ctx, userId: string): { challenge: string; expiresAt: string } {
  const expiresAt = new Date(ctx.clock().getTime() + CHALLENGE_TTL_MS).toISOString();
  const payload = Buffer.from(JSON.stringify([userId, expiresAt])).toString('base64url');
  return { challenge: `${payload}.${challengeSignature(ctx, payload)}`, expiresAt };
}

/** The user a challenge names, if it is genuine and unexpired; otherwise 401, one answer for all. */
export function readChallenge(ctx: Ctx, challenge: string): string {
  const [payload = '', sig = ''] = challenge.split('.');
  const fail = refusal('unauthenticated', SAID.expired);
  if (!payload || !safeEqual(sig, challengeSignature(ctx, payload))) throw fail;
  const [userId, expiresAt] = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as [
    string,
    string,
  ];
  if (expiresAt <= ctx.clock().toISOString()) throw fail;
  return userId;
}

/**
 * Whether `token` is the app's code now (or a step either side, for clocks a little apart), and
 * after `afterStep` when given: the one check for setting up an app and for signing in with it.
 */
export function verifyAppCode(ctx: Ctx, factor: SecondFactorTable, token: string, afterStep?: number) {
  return verify({
    secret: decryptText(ctx.config.secret, SECRET_CONTEXT, factor.secret),
    token,
    epoch: Math.floor(ctx.clock().getTime() / 1000),
    epochTolerance: 30,
    afterTimeStep: afterStep,
  });
}

/** A recovery code as typed (any case, with or without its dash or spaces) to its stored hash. */
export const recoveryHash = (code: string) => sha256(code.replace(/[\s-]/g, '').toLowerCase());

/**
 * Checks a code from the app (this time step or the one next to it, never one already used) or an
 * unused recovery code, and uses it up. Returns how it was answered, or null for a wrong code.
 */
export async function spendSecondFactorCode(
  ctx: Ctx,
  db: Executor,
  factor: SecondFactorTable,
  code: string,
): Promise<'app' | 'recovery' | null> {
  const token = code.replace(/\s/g, '');
  if (/^\d{6}$/.test(token)) {
    const result = await verifyAppCode(ctx, factor, token, factor.last_step ?? undefined);
    if (!result.valid) return null;
    // The step is recorded only if no other request used it or a later one first: a code works once.
    const step = (result as { timeStep: number }).timeStep;
    const used = await db
      .updateTable('second_factors')
      .set({ last_step: step })
      .where('user_id', '=', factor.user_id)
      .where((eb) => eb.or([eb('last_step', 'is', null), eb('last_step', '<', step)]))
      .executeTakeFirst();
    return Number(used.numUpdatedRows) === 1 ? 'app' : null;
  }
  const codes = JSON.parse(factor.recovery_codes) as string[];
  const left = codes.filter((h) => h !== recoveryHash(token));
  if (left.length === codes.length) return null;
  const used = await db
    .updateTable('second_factors')
    .set({ recovery_codes: JSON.stringify(left) })
    .where('user_id', '=', factor.user_id)
    .where('recovery_codes', '=', factor.recovery_codes)
    .executeTakeFirst();
  return Number(used.numUpdatedRows) === 1 ? 'recovery' : null;
}
