import type { TelegramStatus } from '../../../common/channels.js';
import type { ActorCtx } from '../../context.js';
import { refusal } from '../../errors.js';
import { defineMessages } from '../../i18n/index.js';
import { randomToken, sha256 } from '../../lib/crypto.js';
import { authorize } from '../../policies/policy.js';
import { botUsername, TelegramError } from './api.js';
import { deleteLinkOfUser, findLinkOfUser, replaceLinkToken } from './telegram.repository.js';

const SAID = defineMessages({
  notSetUp: {
    id: 'error.telegram.not_set_up',
    defaultMessage: 'Telegram is not set up on this installation',
  },
  unreachable: {
    id: 'error.telegram.unreachable',
    defaultMessage: 'Telegram cannot be reached just now; try again in a minute',
  },
});

// "Link Telegram" in Account Settings: a single-use deep link into the bot, which links the chat
// that follows it to the signed-in user.

function telegramOf(ctx: ActorCtx) {
  if (!ctx.config.telegram) throw refusal('conflict', SAID.notSetUp);
  return ctx.config.telegram;
}

export async function createTelegramLink(ctx: ActorCtx): Promise<{ url: string; expiresAt: string }> {
  authorize(ctx.actor, 'me.telegram');
  const tg = telegramOf(ctx);
  let bot: string;
  try {
    bot = await botUsername(tg);
  } catch (err) {
    if (!(err instanceof TelegramError)) throw err;
    ctx.log.warn({ err: err.message }, 'telegram getMe failed');
    throw refusal('conflict', SAID.unreachable);
  }
  // 32 characters of A-Z, a-z, 0-9, _ and -: what a /start parameter may hold.
  const token = randomToken(24);
  const now = ctx.clock();
  const expiresAt = new Date(now.getTime() + tg.linkMinutes * 60_000).toISOString();
  await ctx.db.transaction().execute((trx) =>
    replaceLinkToken(trx, {
      token_hash: sha256(token),
      user_id: ctx.actor.id,
      created_at: now.toISOString(),
      expires_at: expiresAt,
    }),
  );
  return { url: `https://t.me/${bot}?start=${token}`, expiresAt };
}

export async function telegramStatus(ctx: ActorCtx): Promise<TelegramStatus> {
  const link = await findLinkOfUser(ctx.db, ctx.actor.id);
  return {
    available: Boolean(ctx.config.telegram),
    linked: Boolean(link),
    username: link?.username ?? null,
    linkedAt: link?.linked_at ?? null,
    broken: Boolean(link?.broken_at),
    brokenReason: link?.broken_reason ?? null,
  };
}

/** Unlinks the user's chat; unlinking when nothing is linked is not an error. */
export async function unlinkTelegram(ctx: ActorCtx): Promise<void> {
  authorize(ctx.actor, 'me.telegram');
  await deleteLinkOfUser(ctx.db, ctx.actor.id);
}
