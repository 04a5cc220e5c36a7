import { SOURCE_LOCALE } from '../../../common/i18n.js';
import type { Ctx } from '../../context.js';
import { nowIso } from '../../context.js';
import { PermanentJobError, RetryLaterError } from '../../errors.js';
import { defineMessages, type Message, translate } from '../../i18n/index.js';
import type { JobHandler } from '../../jobs/worker.js';
import { telegramEscape as escapeHtml, type MessageFormat, renderTelegramHtml } from '../../lib/format.js';
import { readerOf } from '../../modules/languages/reader.js';
import { loadDelivery } from '../../modules/notifications/delivery.js';
import { seesTicket } from '../../modules/participants/participants.service.js';
import type { TicketView } from '../../modules/ticket-data/tickets.repository.js';
import { findOutboundByKey, insertOutbound } from '../outbound.repository.js';
import { sendTelegramMessage, type TelegramConfig, TelegramError } from './api.js';
import { findLinkOfUser, setLinkBroken } from './telegram.repository.js';

const EXCERPT = 400;

const TELEGRAM = defineMessages({
  staffReply: { id: 'notice.telegram.staffReply', defaultMessage: 'Staff reply on' },
  resolved: { id: 'notice.telegram.resolved', defaultMessage: 'Ticket resolved' },
  closed: { id: 'notice.telegram.closed', defaultMessage: 'Ticket closed' },
  updated: { id: 'notice.telegram.updated', defaultMessage: 'Ticket updated' },
  open: { id: 'notice.telegram.open', defaultMessage: 'Open ticket #{number}' },
  replyHint: { id: 'notice.telegram.replyHint', defaultMessage: 'Reply to this message to answer.' },
});

const config = (ctx: Ctx): TelegramConfig => {
  if (!ctx.config.telegram) throw new PermanentJobError('Telegram is not set up (TELEGRAM_BOT_TOKEN)');
  return ctx.config.telegram;
};

/**
 * The notice in Telegram's HTML parse mode: what happened, the number, the subject, an excerpt of
 * the reply in Telegram's own formatting, and a link; all text escaped.
 */
export function renderTelegram(
  event: string,
  ticket: Pick<TicketView, 'number' | 'subject'>,
  message: { body: string; format?: MessageFormat } | null,
  /** Null for a reader who may not open the ticket (a CC of another organisation). */
  ticketUrl: string | null,
  locale = SOURCE_LOCALE,
): string {
  const number = String(ticket.number);
  const say = (m: Message) => escapeHtml(translate(locale, m, { number }));
  const head = (what: Message) => `<b>${say(what)}</b> #${number}: <b>${escapeHtml(ticket.subject)}</b>`;
  const link = ticketUrl
    ? `<a href="${escapeHtml(ticketUrl).replace(/"/g, '&quot;')}">${say(TELEGRAM.open)}</a>`
    : '';
  const excerpt = message ? renderTelegramHtml(message.body, message.format ?? 'text', EXCERPT) : '';
  switch (event) {
    case 'ticket.staff_reply':
      return [
        head(TELEGRAM.staffReply),
        ...(excerpt ? ['', excerpt] : []),
        // A reply in the chat is taken only from someone who may open the ticket.
        ...(link ? ['', link, `<i>${say(TELEGRAM.replyHint)}</i>`] : []),
      ].join('\n');
    case 'ticket.resolved':
      return [head(TELEGRAM.resolved), ...(link ? ['', link] : [])].join('\n');
    case 'ticket.closed':
      return [head(TELEGRAM.closed), ...(link ? ['', link] : [])].join('\n');
    default:
      return [head(TELEGRAM.updated), ...(link ? ['', link] : [])].join('\n');
  }
}

/** Telegram's words for a chat we can no longer write to. */
const CHAT_GONE =
  /blocked|kicked|deactivated|chat not found|user not found|PEER_ID_INVALID|chat_id is empty/i;

/** Sends one notification to the user's linked chat; a 429 waits as long as Telegram says, a blocked bot marks the link broken. */
export const deliverTelegram: JobHandler<'deliver.telegram'> = async (ctx, job) => {
  const tg = config(ctx);
  const data = job.data;
  const [loaded, link] = await Promise.all([loadDelivery(ctx, data), findLinkOfUser(ctx.db, data.userId)]);
  if (!loaded || !link || link.broken_at) return;
  const { user, ticket, message } = loaded;
  if (await findOutboundByKey(ctx.db, job.dedupe_key)) return;
  const staff = user.role !== 'customer';
  const url = (await seesTicket(ctx.db, user, ticket.id))
    ? `${ctx.config.publicUrl}${staff ? '/agent' : ''}/tickets/${ticket.number}`
    : null;
  const text = renderTelegram(
    data.event,
    ticket,
    message ?? null,
    url,
    (await readerOf(ctx.db, user)).locale,
  );
  try {
    const sent = await sendTelegramMessage(tg, link.chat_id, text, { html: true });
    await insertOutbound(ctx.db, {
      channel: 'telegram',
      external_id: `${link.chat_id}:${sent.message_id}`,
      ticket_id: ticket.id,
      user_id: user.id,
      delivery_key: job.dedupe_key,
      created_at: nowIso(ctx),
    });
  } catch (err) {
    throw await classify(ctx, err, link.chat_id);
  }
};

/** An answer in a chat that wrote to the bot (linking, unlinking, a refused reply). */
export const deliverTelegramNotice: JobHandler<'deliver.telegram-notice'> = async (ctx, job) => {
  const tg = config(ctx);
  const data = job.data;
  try {
    await sendTelegramMessage(tg, data.chatId, data.text, { replyTo: data.replyTo });
  } catch (err) {
    throw await classify(ctx, err, data.chatId);
  }
};

/** What the worker should do with a failure: wait Telegram's retry_after, give up on a chat that is gone, else back off. */
async function classify(ctx: Ctx, err: unknown, chatId: string): Promise<Error> {
  if (!(err instanceof TelegramError)) return err instanceof Error ? err : new Error(String(err));
  if (err.status === 429) return new RetryLaterError(err.message, Math.max(1, err.retryAfter ?? 30) * 1000);
  if (err.status === 403 || (err.status === 400 && CHAT_GONE.test(err.message))) {
    await setLinkBroken(ctx.db, chatId, { at: nowIso(ctx), reason: err.message });
    return new PermanentJobError(`Telegram chat ${chatId} is unreachable: ${err.message}`);
  }
  if (err.status >= 400 && err.status < 500)
    return new PermanentJobError(`Telegram refused the message: ${err.message}`);
  return err;
}
