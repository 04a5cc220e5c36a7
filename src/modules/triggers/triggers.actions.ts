import type { Reason } from '../../../common/timeline.js';
import type { TriggerAction } from '../../../common/triggers.js';
import type { WebhookEvent } from '../../../common/webhooks.js';
import { type ActorCtx, nowIso } from '../../context.js';
import type { Executor } from '../../db/database.js';
import { AppError } from '../../errors.js';
import { enqueue } from '../../jobs/outbox.js';
import { newId } from '../../lib/crypto.js';
import { fillPlaceholders } from '../../lib/placeholders.js';
import type { WorkflowDocument } from '../../workflow/types.js';
import { findCanned } from '../canned/canned.repository.js';
import { macroActionsOf } from '../canned/canned.service.js';
import { withMailSuggestions } from '../kb/kb.deflect.mail.js';
import { noticeRef } from '../languages/originals.js';
import { variantsFor } from '../languages/variants.js';
import { departmentStaff } from '../notifications/recipients.repository.js';
import { indexMessage } from '../search/search.repository.js';
import { insertEvents } from '../ticket-data/events.repository.js';
import { insertMessage } from '../ticket-data/messages.repository.js';
import { type Cause, eventRow } from '../ticket-data/status.js';
import { findTicketById, type TicketView } from '../ticket-data/tickets.repository.js';
import { editTicket } from '../tickets/tickets.edit.js';
import { findUserById } from '../users/users.repository.js';
import { queueWebhookEvent } from '../webhook-events/queue.js';
import { findEndpointRow } from '../webhooks/webhooks.repository.js';
import { automaticMailTo, messagesSince, recordAutomaticMail } from './triggers.repository.js';

// What a rule does, each action through the same functions a person's change uses, every change
// an event on the timeline naming the rule. Notes and notices count against the rule's caps.

/** Notes and notices one rule may make on one ticket per hour. */
export const TICKET_HOURLY_CAP = 10;
const HOUR = 3_600_000;

export type RuleRef = { id: string; name: string; hourlyLimit: number };

/** One rule's firing on one ticket: what it made so far, and whether a cap stopped it. */
export type Firing = {
  rule: RuleRef;
  cause: Extract<Cause, { kind: 'rule' }>;
  /** Notes and notices made, and of them the notes (an event for recursive rules). */
  messages: number;
  notes: number;
  capped: boolean;
  /** The event the rule fired on, as a webhook action sends it. */
  event: { type: WebhookEvent; messageId: string | null };
};

/** A staff-only timeline event of the rule's own (a note, a notice, a cap, a refusal). */
export const writeRuleEvent = async (
  ctx: ActorCtx,
  trx: Executor,
  ticketId: string,
  f: Firing,
  field: string,
  reason: Reason,
) =>
  insertEvents(trx, [
    eventRow(ticketId, f.cause, nowIso(ctx), { type: 'trigger', field, public: false, reason }),
  ]);

/** Whether the rule may make one more message now; records the first refusal of this firing. */
async function withinCaps(ctx: ActorCtx, trx: Executor, ticket: TicketView, f: Firing): Promise<boolean> {
  if (f.capped) return false;
  const since = new Date(ctx.clock().getTime() - HOUR).toISOString();
  const onTicket = (await messagesSince(trx, f.rule.id, since, ticket.id)) + f.messages;
  const overall = (await messagesSince(trx, f.rule.id, since)) + f.messages;
  const reason: Reason | null =
    onTicket >= TICKET_HOURLY_CAP
      ? { code: 'trigger_hourly_cap', values: { scope: 'ticket', count: TICKET_HOURLY_CAP } }
      : overall >= f.rule.hourlyLimit
        ? { code: 'trigger_hourly_cap', values: { scope: 'rule', count: f.rule.hourlyLimit } }
        : null;
  if (!reason) return true;
  f.capped = true;
  await writeRuleEvent(ctx, trx, ticket.id, f, 'capped', reason);
  return false;
}

const fill = (ctx: ActorCtx, text: string, t: TicketView) =>
  fillPlaceholders(text, {
    'ticket.number': String(t.number),
    'ticket.subject': t.subject,
    'ticket.url': `${ctx.config.publicUrl}/tickets/${t.number}`,
    'requester.name': t.requester_name,
    'customer.name': t.requester_name,
    // A macro's text written for a person: here the rule acts (ruleCtx names it).
    'agent.name': ctx.actor.name,
  });

async function addNote(ctx: ActorCtx, trx: Executor, t: TicketView, f: Firing, body: string) {
  if (!(await withinCaps(ctx, trx, t, f))) return;
  const text = fill(ctx, body, t);
  const now = nowIso(ctx);
  const id = newId();
  await insertMessage(trx, {
    id,
    ticket_id: t.id,
    author_id: null,
    body: text,
    format: 'text',
    internal: 1,
    channel: 'api',
    created_at: now,
    inbound_id: null,
  });
  await indexMessage(trx, ctx.dialect, t, true, text);
  await insertEvents(trx, [eventRow(t.id, f.cause, now, { type: 'trigger', field: 'note', public: false })]);
  // An internal note like any other: internal webhook endpoints hear of it.
  await queueWebhookEvent(ctx, trx, {
    type: 'message.created',
    ticketId: t.id,
    actorId: null,
    messageId: id,
    internal: true,
  });
  f.messages += 1;
  f.notes += 1;
}

/**
 * Whom a notice goes to: one address, or people (a department's staff: its agents, else the
 * admins), each with their language (an address alone reads the installation's).
 */
async function recipientsOf(
  trx: Executor,
  t: TicketView,
  a: Extract<TriggerAction, { type: 'notice' }>,
): Promise<{ address: string; locale: string | null }[]> {
  if (a.to === 'address') return a.address ? [{ address: a.address, locale: null }] : [];
  const ids =
    a.to === 'department'
      ? a.departmentId
        ? await departmentStaff(trx, a.departmentId)
        : []
      : [a.to === 'requester' ? t.requester_id : t.assignee_id];
  const users = await Promise.all(ids.map((id) => (id ? findUserById(trx, id) : undefined)));
  return users.flatMap((u) => (u?.active === 1 ? [{ address: u.email, locale: u.locale ?? null }] : []));
}

/** Whether the address had its share of automatic mail (TESSERA_AUTO_MAIL_PER_10_MIN, _PER_HOUR). */
async function addressCapped(ctx: ActorCtx, trx: Executor, address: string): Promise<boolean> {
  const now = ctx.clock().getTime();
  const cap = ctx.config.mail.autoMailCap;
  const ago = (ms: number) => new Date(now - ms).toISOString();
  const [tenMinutes, hour] = await automaticMailTo(trx, address, [ago(10 * 60_000), ago(HOUR)]);
  return (tenMinutes ?? 0) >= cap.tenMinutes || (hour ?? 0) >= cap.hour;
}

/** One address's notice, unless it had its share of automatic mail; whether it was sent. */
async function mailOne(
  ctx: ActorCtx,
  trx: Executor,
  t: TicketView,
  to: string,
  subject: string,
  text: string,
  key: string,
) {
  const now = nowIso(ctx);
  const over = await addressCapped(ctx, trx, to);
  await recordAutomaticMail(trx, {
    id: newId(),
    channel: 'email',
    recipient: to,
    inbound_id: null,
    subject: subject.slice(0, 200),
    suppressed: over ? 1 : 0,
    created_at: now,
  });
  if (over) return false;
  await enqueue(
    trx,
    {
      topic: 'deliver.email-notice',
      payload: { to, subject, text, inReplyTo: null, auto: 'auto-generated', ticketNumber: t.number },
      dedupeKey: key,
      runAt: now,
    },
    now,
  );
  return true;
}

/**
 * A mail from the rule's template, marked as automatic so auto-repliers leave it unanswered; each
 * recipient gets the template's variant in their language, if an administrator wrote one.
 */
async function sendNotice(
  ctx: ActorCtx,
  trx: Executor,
  t: TicketView,
  f: Firing,
  a: Extract<TriggerAction, { type: 'notice' }>,
  at: { key: string; index: number },
) {
  const to = [
    ...new Map(
      (await recipientsOf(trx, t, a)).map((r) => [r.address.trim().toLowerCase(), r.locale] as const),
    ),
  ];
  if (to.length === 0)
    return writeRuleEvent(ctx, trx, t.id, f, 'notice', {
      code: 'trigger_no_recipient',
      values: { recipient: a.to },
    });
  if (!(await withinCaps(ctx, trx, t, f))) return;
  const ref = noticeRef(f.rule.id, at.index);
  const written = new Map<string | null, { subject: string; text: string }>();
  const inLanguage = async (locale: string | null) => {
    let mail = written.get(locale);
    if (!mail) {
      const v = await variantsFor(trx, { locale }, 'notice', [ref]);
      mail = {
        subject: fill(ctx, v.text(ref, 'subject', a.subject), t),
        text: await withMailSuggestions(ctx, trx, {
          ticket: t,
          event: f.event.type,
          to: a.to,
          text: fill(ctx, v.text(ref, 'body', a.body), t),
        }),
      };
      written.set(locale, mail);
    }
    return mail;
  };
  const sent: string[] = [];
  for (const [address, locale] of to) {
    // The first address keeps the key a single recipient always had.
    const k = address === to[0]![0] ? at.key : `${at.key}:${address}`;
    const { subject, text } = await inLanguage(locale);
    if (await mailOne(ctx, trx, t, address, subject, text, k)) sent.push(address);
    else {
      const reason: Reason = { code: 'trigger_recipient_cap', values: { recipient: a.to, address } };
      await writeRuleEvent(ctx, trx, t.id, f, 'capped', reason);
    }
  }
  if (sent.length === 0) return;
  await writeRuleEvent(ctx, trx, t.id, f, 'notice', {
    code: 'trigger_notice_sent',
    values: { subject: fill(ctx, a.subject, t), recipient: a.to, count: sent.length },
  });
  f.messages += 1;
}

/** Queues the event for the one endpoint, through the webhooks' delivery (signed, logged, retried). */
async function callWebhook(ctx: ActorCtx, trx: Executor, t: TicketView, f: Firing, id: string, key: string) {
  const endpoint = await findEndpointRow(trx, id);
  if (!endpoint) throw new AppError('validation', 'the webhook endpoint no longer exists');
  if (!endpoint.enabled)
    return writeRuleEvent(ctx, trx, t.id, f, 'webhook', {
      code: 'trigger_webhook_off',
      values: { name: endpoint.name },
    });
  const now = nowIso(ctx);
  const payload = {
    eventId: newId(),
    ...f.event,
    ticketId: t.id,
    occurredAt: now,
    actorId: null,
    endpointId: id,
  };
  await enqueue(trx, { topic: 'webhook.event', payload, dedupeKey: `webhook:${key}`, runAt: now }, now);
  await writeRuleEvent(ctx, trx, t.id, f, 'webhook', {
    code: 'trigger_webhook_sent',
    values: { event: f.event.type, name: endpoint.name },
  });
}

/** Applies one action to the ticket as it is now; a refusal (the workflow's) is put on the timeline. */
export async function applyAction(
  ctx: ActorCtx,
  trx: Executor,
  wf: WorkflowDocument,
  f: Firing,
  ticketId: string,
  action: TriggerAction,
  at: { key: string; index: number },
): Promise<void> {
  const { key } = at;
  const t = await findTicketById(trx, ticketId);
  if (!t) return;
  try {
    switch (action.type) {
      case 'update':
        await editTicket(ctx, trx, wf, t, action.changes, f.cause);
        return;
      case 'note':
        return await addNote(ctx, trx, t, f, action.body);
      case 'notice':
        return await sendNotice(ctx, trx, t, f, action, at);
      case 'webhook':
        return await callWebhook(ctx, trx, t, f, action.endpointId, key);
      case 'macro': {
        const macro = await findCanned(trx, action.macroId);
        if (!macro) throw new AppError('validation', 'the macro no longer exists');
        const own = macroActionsOf(macro);
        if (own.note) await addNote(ctx, trx, t, f, own.note);
        const now = own.changes ? await findTicketById(trx, ticketId) : undefined;
        if (own.changes && now) await editTicket(ctx, trx, wf, now, own.changes, f.cause);
        return;
      }
    }
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    await writeRuleEvent(ctx, trx, ticketId, f, 'refused', {
      code: 'trigger_refused',
      values: { action: action.type, error: err.message },
    });
  }
}
