import {
  CHANNEL_FIELDS,
  CHANNEL_NAMES,
  type ChannelField,
  type ChannelFieldState,
  type ChannelName,
  type ChannelSettingsBody,
  type ChannelState,
  type ChannelValues,
  MASKED_PASSWORD,
} from '../../../common/channels.js';
import { type Config, channelSections } from '../../config.js';
import type { FieldError } from '../../errors.js';

// Pure rules of the channel overrides: how they combine with the environment, what must be set
// together, and how the result is shown without its secrets.

/** What an admin saved: per channel, the settings that override the environment. */
export type Overrides = { [C in ChannelName]?: { [F in ChannelField<C>]?: string } };

const fieldNames = <C extends ChannelName>(channel: C) =>
  Object.keys(CHANNEL_FIELDS[channel]) as ChannelField<C>[];
const info = <C extends ChannelName>(channel: C, field: ChannelField<C>) =>
  CHANNEL_FIELDS[channel][field] as { env: string; secret: boolean; url?: true };

/** Keeps known settings with string values only: the stored document is read defensively. */
export function parseOverrides(json: string): Overrides {
  const raw = JSON.parse(json) as Record<string, Record<string, unknown> | undefined>;
  const out: Record<string, Record<string, string>> = {};
  for (const channel of CHANNEL_NAMES) {
    const saved = raw?.[channel];
    if (!saved || typeof saved !== 'object') continue;
    const kept = Object.fromEntries(
      fieldNames(channel)
        .filter((f) => typeof saved[f] === 'string')
        .map((f) => [f, saved[f] as string]),
    );
    if (Object.keys(kept).length > 0) out[channel] = kept;
  }
  return out as Overrides;
}

/**
 * The settings in effect: an override where there is one, else the environment's value. A bot
 * token other than the environment's drops the environment's bot username, which names
 * another bot; the new one's is then learnt from getMe.
 */
export function effectiveValues(env: ChannelValues, overrides: Overrides): ChannelValues {
  const tg = overrides.telegram ?? {};
  const otherBot = tg.botToken !== undefined && tg.botToken !== env.telegram.botToken;
  return {
    email: { ...env.email, ...overrides.email },
    whatsapp: { ...env.whatsapp, ...overrides.whatsapp },
    telegram: {
      ...env.telegram,
      ...(otherBot ? { botUsername: null } : {}),
      ...tg,
    },
  };
}

/** Settings that only work together: all set, or none. */
const TOGETHER = {
  email: [],
  whatsapp: ['token', 'phoneNumberId', 'appSecret'],
  telegram: ['botToken', 'webhookSecret'],
} as const satisfies { [C in ChannelName]: readonly ChannelField<C>[] };

/** The settings missing from a group that is only partly set, as field errors. */
export function incomplete<C extends ChannelName>(channel: C, values: ChannelValues[C]): FieldError[] {
  const group = TOGETHER[channel] as readonly ChannelField<C>[];
  const set = group.filter((f) => values[f] !== null);
  if (set.length === 0 || set.length === group.length) return [];
  return group
    .filter((f) => values[f] === null)
    .map((f) => ({
      path: `body.${f}`,
      message: `required together with ${set.join(' and ')}; set it too, or remove those`,
    }));
}

/**
 * The overrides after an admin's changes to one channel (a string sets, null removes, absent
 * stays), or the field errors that refuse them all: a half set-up group, a ******** password
 * with no password to keep.
 */
export function changeChannel<C extends ChannelName>(
  env: ChannelValues,
  overrides: Overrides,
  channel: C,
  body: ChannelSettingsBody<C>,
): { next: Overrides } | { errors: FieldError[] } {
  const before = effectiveValues(env, overrides)[channel] as Record<string, string | null>;
  const own: Record<string, string> = { ...overrides[channel] };
  const errors: FieldError[] = [];
  const changes = Object.entries(body) as [ChannelField<C>, string | null | undefined][];
  for (const [field, value] of changes) {
    if (value === undefined) continue;
    if (value === null) {
      delete own[field];
      continue;
    }
    const kept = info(channel, field).url ? keepPassword(value, before[field] ?? null) : value;
    if (kept === null) {
      errors.push({ path: `body.${field}`, message: 'there is no password to keep; type the password' });
      continue;
    }
    own[field] = kept;
  }
  const next: Overrides = { ...overrides, [channel]: own };
  if (Object.keys(own).length === 0) delete next[channel];
  errors.push(...incomplete(channel, effectiveValues(env, next)[channel]));
  return errors.length > 0 ? { errors } : { next };
}

/** Replaces the mail, WhatsApp and Telegram sections of `config` by the effective ones. */
export function applyOverrides(config: Config, overrides: Overrides): void {
  const sections = channelSections(
    effectiveValues(config.channelEnv, overrides),
    config.telegramLinkMinutes,
    config.outbound,
  );
  config.mail = { ...config.mail, ...sections.mail };
  config.whatsapp = sections.whatsapp;
  config.telegram = sections.telegram;
}

/** The URL with its password, if any, shown as ********; a URL that does not parse shows no credentials at all. */
export function maskUrl(value: string): string {
  if (!URL.canParse(value)) return value.replace(/\/\/.*@/s, `//${MASKED_PASSWORD}@`);
  const url = new URL(value);
  if (!url.password) return value;
  url.password = MASKED_PASSWORD;
  return url.toString();
}

/**
 * A URL given back with the password shown as ******** means "keep the password": it gets the
 * password of the URL in use. Returns null when there is no password to keep.
 */
export function keepPassword(given: string, current: string | null): string | null {
  const url = new URL(given);
  if (url.password !== MASKED_PASSWORD) return given;
  const previous = current && URL.canParse(current) ? new URL(current).password : '';
  if (!previous) return null;
  url.password = previous;
  return url.toString();
}

/** How a channel's settings are shown to an admin: where each comes from, and no secret. */
export function presentChannel<C extends ChannelName>(
  config: Config,
  overrides: Overrides,
  channel: C,
): ChannelState<C> {
  const values = effectiveValues(config.channelEnv, overrides);
  const sections = channelSections(values, config.telegramLinkMinutes, config.outbound);
  const own = (overrides[channel] ?? {}) as Record<string, string | undefined>;
  const current = values[channel] as Record<string, string | null>;
  const fields = Object.fromEntries(
    fieldNames(channel).map((field) => {
      const { env, secret, url } = info(channel, field);
      // The sender shown is the one used: with no MAIL_FROM it is made from the support address.
      const value = channel === 'email' && field === 'from' ? sections.mail.from : (current[field] ?? null);
      const state: ChannelFieldState = {
        value: value === null || secret ? null : url ? maskUrl(value) : value,
        source: own[field] !== undefined ? 'admin' : value !== null ? 'env' : 'unset',
        secret,
        set: value !== null,
        env,
      };
      return [field, state];
    }),
  );
  const configured = {
    email: sections.mail.smtpUrl !== null,
    whatsapp: sections.whatsapp !== null,
    telegram: sections.telegram !== null,
  } satisfies Record<ChannelName, boolean>;
  return { configured: configured[channel], fields } as ChannelState<C>;
}
