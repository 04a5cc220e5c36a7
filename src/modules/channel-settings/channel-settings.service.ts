import {
  CHANNEL_FIELDS,
  type ChannelField,
  type ChannelName,
  type ChannelSettings,
  type ChannelSettingsBody,
  type ChannelState,
} from '../../../common/channels.js';
import { retireSmtpTransport } from '../../channels/email/outbound.js';
import type { Config } from '../../config.js';
import type { ActorCtx, Ctx } from '../../context.js';
import { nowIso } from '../../context.js';
import type { Executor } from '../../db/database.js';
import { AppError, type FieldError } from '../../errors.js';
import { decryptText, encryptText } from '../../lib/crypto.js';
import { OutboundRefused, resolveAllowed } from '../../lib/network.js';
import { authorize } from '../../policies/policy.js';
import { audit, byActor } from '../audit/audit.service.js';
import { findSealedChannelSettings, saveSealedChannelSettings } from './channel-settings.repository.js';
import {
  applyOverrides,
  changeChannel,
  type Overrides,
  parseOverrides,
  presentChannel,
} from './overrides.js';

// Channel settings an admin saves override the environment's. Each process applies them to its
// shared Config object, so every reader of ctx.config.mail / .whatsapp / .telegram sees them: at
// start, at once after a save on this process, and within settingsRefreshMs after a save on another.

const CONTEXT = 'tessera channel settings';

/** What each Config object last had applied: the sealed text, so an unchanged row costs no decryption. */
const applied = new WeakMap<Config, { sealed: string | null }>();

/** The saved overrides; none when there are none or they cannot be decrypted (another secret). */
async function readOverrides(
  ctx: Ctx,
  db: Executor,
  lock = false,
): Promise<{ overrides: Overrides; sealed: string | null }> {
  const sealed = await findSealedChannelSettings(db, { lock: lock && ctx.dialect === 'postgres' });
  if (sealed === undefined) return { overrides: {}, sealed: null };
  try {
    return { overrides: parseOverrides(decryptText(ctx.config.secret, CONTEXT, sealed)), sealed };
  } catch {
    ctx.log.warn(
      'The channel settings saved in the admin cannot be decrypted (was TESSERA_SECRET changed?); using the environment’s values until they are saved again',
    );
    return { overrides: {}, sealed };
  }
}

function apply(config: Config, overrides: Overrides, sealed: string | null) {
  const smtpBefore = config.mail.smtpUrl;
  applyOverrides(config, overrides);
  applied.set(config, { sealed });
  if (smtpBefore && smtpBefore !== config.mail.smtpUrl) retireSmtpTransport(smtpBefore);
}

/** Applies the saved overrides when they changed since this process last applied them. */
export async function refreshChannelSettings(ctx: Ctx): Promise<void> {
  const sealed = (await findSealedChannelSettings(ctx.db)) ?? null;
  const last = applied.get(ctx.config);
  if (last && last.sealed === sealed) return;
  const read = await readOverrides(ctx, ctx.db);
  apply(ctx.config, read.overrides, read.sealed);
}

/**
 * Applies the saved overrides now and then every settingsRefreshMs; stop() ends the timer and
 * waits for a refresh under way. A failing read is logged and tried again at the next tick.
 */
export async function startChannelSettings(ctx: Ctx): Promise<{ stop(): Promise<void> }> {
  let running: Promise<void> | null = null;
  const refresh = () => {
    running ??= refreshChannelSettings(ctx)
      .catch((err: unknown) => ctx.log.warn({ err }, 'could not read the channel settings; will retry'))
      .finally(() => {
        running = null;
      });
    return running;
  };
  await refresh();
  const timer = setInterval(refresh, ctx.config.settingsRefreshMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}

export async function getChannelSettings(ctx: ActorCtx): Promise<ChannelSettings> {
  authorize(ctx.actor, 'channelSettings.read');
  const { overrides } = await readOverrides(ctx, ctx.db);
  return {
    email: presentChannel(ctx.config, overrides, 'email'),
    whatsapp: presentChannel(ctx.config, overrides, 'whatsapp'),
    telegram: presentChannel(ctx.config, overrides, 'telegram'),
  };
}

/**
 * Saves an admin's changes to one channel: a value overrides, null goes back to the environment,
 * an absent setting stays. Refused as a whole when the result would be half set up.
 */
export async function putChannelSettings<C extends ChannelName>(
  ctx: ActorCtx,
  channel: C,
  body: ChannelSettingsBody<C>,
): Promise<ChannelState<C>> {
  authorize(ctx.actor, 'channelSettings.update');
  await refuseLocalServers(ctx, channel, body);
  const saved = await ctx.db.transaction().execute(async (trx) => {
    const { overrides } = await readOverrides(ctx, trx, true);
    const change = changeChannel(ctx.config.channelEnv, overrides, channel, body);
    if ('errors' in change) {
      const fields = change.errors.map((e) => e.path.replace(/^body\./, ''));
      throw new AppError(
        'validation',
        `${fields.join(', ')}: ${change.errors[0]?.message ?? 'invalid'}`,
        change.errors,
      );
    }
    const { next } = change;
    const sealed = encryptText(ctx.config.secret, CONTEXT, JSON.stringify(next));
    await saveSealedChannelSettings(trx, sealed, nowIso(ctx));
    // Which settings changed, never their values: several are secrets.
    const details = { area: `channels.${channel}`, fields: Object.keys(body) };
    await audit(ctx, trx, { ...byActor(ctx), action: 'settings_changed', details });
    return { overrides: next, sealed };
  });
  apply(ctx.config, saved.overrides, saved.sealed);
  ctx.log.info(
    { channel, fields: Object.keys(body) as ChannelField<C>[], by: ctx.actor.id },
    'channel settings changed',
  );
  return presentChannel(ctx.config, saved.overrides, channel);
}

/**
 * A server or API URL whose host is, or resolves to, an address Tessera would refuse to connect
 * to is refused when saved, naming the field. The connection-time check still decides: a name
 * may resolve elsewhere later. A name that does not resolve now is not refused here.
 */
async function refuseLocalServers<C extends ChannelName>(ctx: Ctx, channel: C, body: ChannelSettingsBody<C>) {
  const errors: FieldError[] = [];
  for (const [field, value] of Object.entries(body)) {
    const info = (CHANNEL_FIELDS[channel] as Record<string, { url?: true }>)[field];
    if (typeof value !== 'string' || !info?.url || !URL.canParse(value)) continue;
    try {
      await resolveAllowed(ctx.config.outbound, new URL(value).hostname);
    } catch (err) {
      if (err instanceof OutboundRefused) errors.push({ path: `body.${field}`, message: err.message });
    }
  }
  if (errors.length > 0)
    throw new AppError(
      'validation',
      `${errors.map((e) => e.path.slice(5)).join(', ')}: ${errors[0]?.message}`,
      errors,
    );
}
