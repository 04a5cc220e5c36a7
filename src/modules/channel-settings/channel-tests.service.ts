import type { ChannelTestResult } from '../../../common/channels.js';
import { imapMailboxStatus } from '../../channels/email/imap-poller.js';
import { sendTestMail } from '../../channels/email/outbound.js';
import { callTelegram, sendTelegramMessage, TelegramError } from '../../channels/telegram/api.js';
import { findLinkOfUser } from '../../channels/telegram/telegram.repository.js';
import { GraphError, sendMessage } from '../../channels/whatsapp/api.js';
import type { ActorCtx } from '../../context.js';
import { invalid } from '../../errors.js';
import { defineMessages } from '../../i18n/index.js';
import { OutboundRefused } from '../../lib/network.js';
import { toE164, toWaId } from '../../lib/phone.js';
import { authorize } from '../../policies/policy.js';
import { refreshChannelSettings } from './channel-settings.service.js';

const REFUSED = defineMessages({
  phone: {
    id: 'error.channels.phone_number',
    defaultMessage: 'must be a phone number in international form, such as +44 7700 900123',
  },
});

// "Send test" in Admin › Channels: tries the saved settings at once, not through the outbox, and
// says in words what happened. A failure is an answer (ok: false), not an error of the request.

const TIMEOUT_MS = 10_000;

const TEST_TEXT =
  'This is a test message from Tessera, sent from Admin › Channels to check the settings. No action is needed.';

/** The text without any secret of the settings that may have found its way into it, on one line. */
function scrub(text: string, secrets: (string | null | undefined)[]): string {
  let out = text;
  for (const secret of secrets) {
    if (!secret) continue;
    for (const form of new Set([secret, safeDecode(secret), encodeURIComponent(secret)])) {
      if (form.length >= 3) out = out.split(form).join('********');
    }
  }
  return out.replace(/\s+/g, ' ').trim().slice(0, 500);
}

/** Why it failed, in the words of the error, without secrets. */
const reason = (err: unknown, secrets: (string | null | undefined)[]) =>
  scrub(err instanceof Error ? err.message : String(err), secrets) || 'unknown error';

const safeDecode = (s: string) => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

/** The password of a URL, so that it can be kept out of what is shown. */
const passwordOf = (url: string | null) => (url && URL.canParse(url) ? new URL(url).password : null);
/** scheme://host:port of a URL, which is all a message needs to say where it went. */
const hostOf = (url: string) => {
  if (!URL.canParse(url)) return 'the configured server';
  const u = new URL(url);
  return `${u.protocol}//${u.host}`;
};

/** Prepares a test: admin only, with the settings saved on any node applied here first. */
async function prepare(ctx: ActorCtx) {
  authorize(ctx.actor, 'channelSettings.test');
  await refreshChannelSettings(ctx);
}

export async function testEmail(ctx: ActorCtx, body: { to?: string }): Promise<ChannelTestResult> {
  await prepare(ctx);
  const { smtpUrl, from } = ctx.config.mail;
  if (!smtpUrl)
    return { ok: false, detail: 'Email is not configured: set the outgoing mail server (SMTP URL).' };
  const to = body.to ?? ctx.actor.email;
  try {
    const answer = await sendTestMail(
      smtpUrl,
      { from, to, subject: 'Tessera test message', text: `${TEST_TEXT}\n` },
      TIMEOUT_MS,
      ctx.config.outbound,
    );
    const said = scrub(answer, [passwordOf(smtpUrl)]);
    return {
      ok: true,
      detail: `Test message sent to ${to} through ${hostOf(smtpUrl)}${said ? ` (the server said: ${said})` : ''}.`,
    };
  } catch (err) {
    return {
      ok: false,
      detail: `Sending through ${hostOf(smtpUrl)} failed: ${reason(err, [passwordOf(smtpUrl)])}`,
    };
  }
}

export async function testImap(ctx: ActorCtx): Promise<ChannelTestResult> {
  await prepare(ctx);
  const { imapUrl } = ctx.config.mail;
  if (!imapUrl) return { ok: false, detail: 'The IMAP mailbox is not configured: set the IMAP URL.' };
  try {
    const s = await imapMailboxStatus(imapUrl, TIMEOUT_MS, ctx.config.outbound);
    const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
    return { ok: true, detail: `${s.mailbox}: ${plural(s.messages, 'message')}, ${s.unseen} unseen` };
  } catch (err) {
    const e = err as { authenticationFailed?: boolean; responseText?: string };
    const why = e.authenticationFailed
      ? new Error(`the login was refused${e.responseText ? ` (${e.responseText})` : ''}`)
      : err;
    return { ok: false, detail: `IMAP at ${hostOf(imapUrl)} failed: ${reason(why, [passwordOf(imapUrl)])}` };
  }
}

export async function testWhatsApp(ctx: ActorCtx, body: { to: string }): Promise<ChannelTestResult> {
  authorize(ctx.actor, 'channelSettings.test');
  const number = toE164(body.to);
  if (!number) throw invalid('body.to', REFUSED.phone);
  await prepare(ctx);
  const wa = ctx.config.whatsapp;
  if (!wa) {
    return {
      ok: false,
      detail: 'WhatsApp is not configured: set the access token, phone number id and app secret.',
    };
  }
  try {
    const id = await sendMessage(wa, toWaId(number), { type: 'text', text: { body: TEST_TEXT } }, undefined, {
      timeoutMs: TIMEOUT_MS,
    });
    return {
      ok: true,
      detail: `WhatsApp accepted the test message to ${number} (${id}). It arrives only if that number wrote to this WhatsApp number in the last 24 hours.`,
    };
  } catch (err) {
    const why = reason(err, [wa.token, wa.appSecret]);
    if (err instanceof OutboundRefused) return { ok: false, detail: `Not sent: ${why}` };
    if (err instanceof GraphError && err.status === 0) return { ok: false, detail: why };
    const status = err instanceof GraphError ? ` (HTTP ${err.status})` : '';
    return { ok: false, detail: `WhatsApp refused the test message${status}: ${why}` };
  }
}

export async function testTelegram(ctx: ActorCtx): Promise<ChannelTestResult> {
  await prepare(ctx);
  const tg = ctx.config.telegram;
  if (!tg) return { ok: false, detail: 'Telegram is not configured: set the bot token and webhook secret.' };
  const secrets = [tg.botToken, tg.webhookSecret];
  let bot: string;
  try {
    const me = await callTelegram<{ username?: string }>(tg, 'getMe', {}, { timeoutMs: TIMEOUT_MS });
    bot = me.username ? `@${me.username}` : 'the bot';
  } catch (err) {
    const why = reason(err, secrets);
    if (err instanceof OutboundRefused) return { ok: false, detail: `Not connected: ${why}` };
    if (err instanceof TelegramError && err.status === 0) return { ok: false, detail: why };
    const status = err instanceof TelegramError ? ` (${err.status})` : '';
    return { ok: false, detail: `Telegram refused the bot token${status}: ${why}` };
  }
  const mismatch =
    tg.botUsername && `@${tg.botUsername}` !== bot
      ? ` Note: the bot username set here is @${tg.botUsername}, but the token belongs to ${bot}.`
      : '';
  const link = await findLinkOfUser(ctx.db, ctx.actor.id);
  if (!link) {
    return {
      ok: true,
      detail: `Connected as ${bot}. Link Telegram in your account settings to receive a test message as well.${mismatch}`,
    };
  }
  try {
    await sendTelegramMessage(tg, link.chat_id, TEST_TEXT, { timeoutMs: TIMEOUT_MS });
    return {
      ok: true,
      detail: `Connected as ${bot}; a test message was sent to your Telegram chat.${mismatch}`,
    };
  } catch (err) {
    return {
      ok: false,
      detail: `Connected as ${bot}, but the test message to your Telegram chat failed: ${reason(err, secrets)}`,
    };
  }
}
