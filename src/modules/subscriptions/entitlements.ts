import type { Actor, Ctx } from '../../context.js';
import type { Executor } from '../../db/database.js';
import { type AppError, refusal } from '../../errors.js';
import { defineMessages, type Message } from '../../i18n/index.js';
import { getSetting } from '../settings/settings.repository.js';
import { currentCycle } from './cycle.js';
import {
  countUsage,
  findService,
  holderSubscriptions,
  lockSubscription,
  type SubscriptionView,
} from './subscriptions.repository.js';

export const SUBSCRIPTION_REFUSALS = defineMessages({
  replyBlocked: {
    id: 'error.subscriptions.reply_blocked',
    defaultMessage:
      'Your subscription to {service} {state, select, cancelled {was cancelled} other {ended}}, and your plan does not include replies after it ends. Renew it to reply.',
  },
  replyBlockedOn: {
    id: 'error.subscriptions.reply_blocked_on',
    defaultMessage:
      'Your subscription to {service} {state, select, cancelled {was cancelled} other {ended}} on {day}, and your plan does not include replies after it ends. Renew it to reply.',
  },
  noSuchService: { id: 'error.subscriptions.no_such_service', defaultMessage: 'no such service' },
  noSuchServiceDetail: {
    id: 'error.subscriptions.no_such_service_detail',
    defaultMessage: 'serviceId: no such service',
  },
  chooseService: {
    id: 'error.subscriptions.choose_service',
    defaultMessage: 'choose the service this ticket is about',
  },
  chooseServiceDetail: {
    id: 'error.subscriptions.choose_service_detail',
    defaultMessage: 'serviceId: choose the service this ticket is about',
  },
  noSubscription: {
    id: 'error.subscriptions.required',
    defaultMessage:
      'You must have an active subscription to open a ticket. Subscribe to a plan, or ask us to renew yours.',
  },
  subscriptionEnded: {
    id: 'error.subscriptions.ended',
    defaultMessage:
      'You must have an active subscription to open a ticket. Your subscription to {name} ended on {day}; renew it to continue.',
  },
  noSubscriptionTo: {
    id: 'error.subscriptions.required_for',
    defaultMessage:
      'You must have an active subscription to {name} to open a ticket. Subscribe to a plan that includes it.',
  },
  noSubscriptionToThisService: {
    id: 'error.subscriptions.required_for_this',
    defaultMessage:
      'You must have an active subscription to this service to open a ticket. Subscribe to a plan that includes it.',
  },
  quota: {
    id: 'error.subscriptions.quota',
    defaultMessage:
      'You have reached your ticket limit: {limit, plural, one {# ticket} other {# tickets}} per {cycle, select, monthly {month} yearly {year} other {subscription}} on the {plan} plan for {service}. upgrade your plan to open more tickets.',
  },
  quotaRenews: {
    id: 'error.subscriptions.quota_renews',
    defaultMessage:
      'You have reached your ticket limit: {limit, plural, one {# ticket} other {# tickets}} per {cycle, select, monthly {month} yearly {year} other {subscription}} on the {plan} plan for {service}. It renews on {day}; upgrade your plan to open more tickets now.',
  },
});

// Who may open and answer tickets, where subscriptions are on. The same checks serve every channel.

export const SUBSCRIPTIONS_SETTING = 'subscriptions_enabled';

/** On when an admin turned it on, else as TESSERA_SUBSCRIPTIONS says. */
export async function subscriptionsEnabled(ctx: Pick<Ctx, 'config'>, db: Executor): Promise<boolean> {
  return (await getSetting<boolean>(db, SUBSCRIPTIONS_SETTING)) ?? ctx.config.subscriptions;
}

export type Holder = { customerId: string; organisationId: string | null };

export const effectiveState = (s: SubscriptionView, now: string) => {
  if (s.state !== 'active') return s.state;
  if (s.starts_at > now) return 'pending' as const;
  return s.ends_at && s.ends_at <= now ? ('expired' as const) : ('active' as const);
};

const day = (iso: string) => iso.slice(0, 10);

export type Usage = { used: number; left: number | null; cycleStart: string; cycleEnd: string | null };

export async function usageOf(db: Executor, s: SubscriptionView, now: Date): Promise<Usage> {
  const cycle = currentCycle(s.starts_at, s.cycle, now, s.ends_at);
  const used = await countUsage(db, s.id, cycle.start, cycle.end);
  return {
    used,
    left: s.ticket_limit === null ? null : Math.max(0, s.ticket_limit - used),
    cycleStart: cycle.start,
    cycleEnd: cycle.end,
  };
}

/**
 * The service a new ticket is for: the one asked for (refused when unknown), else the holder's
 * only actively subscribed service (refused when there is none, or more than one to choose from).
 */
async function chosenService(
  trx: Executor,
  all: SubscriptionView[],
  serviceId: string | undefined,
  nowIso: string,
): Promise<string | undefined> {
  if (serviceId) {
    if (!(await findService(trx, serviceId))) {
      throw refusal('validation', SUBSCRIPTION_REFUSALS.noSuchServiceDetail, undefined, {
        fields: [{ path: 'body.serviceId', message: SUBSCRIPTION_REFUSALS.noSuchService }],
      });
    }
    return serviceId;
  }
  const activeServices = [
    ...new Set(all.filter((s) => effectiveState(s, nowIso) === 'active').map((s) => s.service_id)),
  ];
  if (activeServices.length === 0) {
    throw refusal('subscription_required', SUBSCRIPTION_REFUSALS.noSubscription);
  }
  if (activeServices.length > 1) {
    throw refusal('validation', SUBSCRIPTION_REFUSALS.chooseServiceDetail, undefined, {
      fields: [{ path: 'body.serviceId', message: SUBSCRIPTION_REFUSALS.chooseService }],
    });
  }
  return activeServices[0];
}

/** No active subscription to the service: says whether one ended (and when) or none was ever held. */
function noActiveSubscription(forService: SubscriptionView[], nowIso: string): AppError {
  const last = forService[0];
  if (!last) return refusal('subscription_required', SUBSCRIPTION_REFUSALS.noSubscriptionToThisService);
  const name = last.service_name;
  return last.ends_at && last.ends_at <= nowIso
    ? refusal('subscription_required', SUBSCRIPTION_REFUSALS.subscriptionEnded, {
        name,
        day: day(last.ends_at),
      })
    : refusal('subscription_required', SUBSCRIPTION_REFUSALS.noSubscriptionTo, { name });
}

/** Every active subscription is used up: names the limit, and the renewal date when one comes first. */
function quotaExceeded(s: SubscriptionView, usage: Usage): AppError {
  const renews = usage.cycleEnd && (!s.ends_at || usage.cycleEnd < s.ends_at) ? usage.cycleEnd : null;
  const values = {
    limit: String(s.ticket_limit),
    cycle: s.cycle,
    plan: s.plan_name,
    service: s.service_name,
    day: renews ? day(renews) : '',
  };
  const message = renews ? SUBSCRIPTION_REFUSALS.quotaRenews : SUBSCRIPTION_REFUSALS.quota;
  return refusal('quota_exceeded', message, values, { extra: { renewsAt: renews } });
}

/**
 * A customer opening a ticket for a service: the subscription whose quota it uses, or a refusal
 * that says what to do. Call inside the transaction that inserts the ticket: on PostgreSQL the
 * subscription row is locked, on SQLite the write lock is held, so the count and insert are one step.
 */
export async function claimTicketQuota(
  ctx: Ctx,
  trx: Executor,
  holder: Holder,
  serviceId: string | undefined,
): Promise<{ subscriptionId: string; serviceId: string }> {
  const now = ctx.clock();
  const nowIso = now.toISOString();
  const all = await holderSubscriptions(trx, holder);
  const service = await chosenService(trx, all, serviceId, nowIso);
  const forService = all.filter((s) => s.service_id === service);
  const active = forService.filter((s) => effectiveState(s, nowIso) === 'active');
  if (active.length === 0) throw noActiveSubscription(forService, nowIso);
  let soonest: { s: SubscriptionView; usage: Usage } | null = null;
  for (const s of active) {
    await lockSubscription(trx, s.id);
    const usage = await usageOf(trx, s, now);
    if (usage.left === null || usage.left > 0) return { subscriptionId: s.id, serviceId: s.service_id };
    if (!soonest || (usage.cycleEnd ?? '9999') < (soonest.usage.cycleEnd ?? '9999')) soonest = { s, usage };
  }
  const { s, usage } = soonest!;
  throw quotaExceeded(s, usage);
}

/**
 * Why a customer may not reply on a ticket of this service, or null: replies need an active
 * subscription, or a lapsed one whose plan allows replies after expiry.
 */
export function replyBlockedBySubscription(
  subs: SubscriptionView[],
  serviceId: string | null,
  now: string,
): ReplyBlocked | null {
  if (!serviceId) return null;
  const forService = subs.filter((s) => s.service_id === serviceId);
  if (forService.length === 0) return null;
  if (forService.some((s) => effectiveState(s, now) === 'active' || s.reply_after_expiry === 1)) return null;
  const s = forService[0]!;
  const values = { service: s.service_name, state: s.state === 'cancelled' ? 'cancelled' : 'ended' };
  return s.ends_at && s.ends_at <= now
    ? { message: SUBSCRIPTION_REFUSALS.replyBlockedOn, values: { ...values, day: day(s.ends_at) } }
    : { message: SUBSCRIPTION_REFUSALS.replyBlocked, values };
}

/** Why replies are blocked, as a message of the catalogue: a refusal, or the reason a ticket shows. */
export type ReplyBlocked = { message: Message; values: Record<string, string> };
export type ReplyGate = (serviceId: string | null) => ReplyBlocked | null;
const open: ReplyGate = () => null;

/** Loads a customer's subscriptions once and answers, per service, why they may not reply. */
export async function replyGate(
  ctx: Pick<Ctx, 'config' | 'clock'>,
  db: Executor,
  actor: Actor,
): Promise<ReplyGate> {
  if (actor.role !== 'customer' || !(await subscriptionsEnabled(ctx, db))) return open;
  const subs = await holderSubscriptions(db, { customerId: actor.id, organisationId: actor.organisationId });
  const now = ctx.clock().toISOString();
  return (serviceId) => replyBlockedBySubscription(subs, serviceId, now);
}
