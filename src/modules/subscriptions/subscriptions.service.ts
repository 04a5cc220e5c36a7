import type { z } from 'zod';
import type {
  billingSubscriptionBody,
  planBody,
  planPatch,
  serviceBody,
  servicePatch,
  subscriptionBody,
  subscriptionPatch,
  subscriptionSchema,
} from '../../../common/subscriptions.js';
import { type ActorCtx, nowIso } from '../../context.js';
import type { Executor } from '../../db/database.js';
import { invalid, notFound } from '../../errors.js';
import { defineMessages } from '../../i18n/index.js';
import { newId } from '../../lib/crypto.js';
import { authorize, can } from '../../policies/policy.js';
import { auditSettingChange } from '../audit/setting-change.js';
import { findOrganisation } from '../organisations/organisations.repository.js';
import { ORGANISATION_REFUSALS } from '../organisations/refusals.js';
import { createDescribed, presentDescribed, updateDescribed } from '../reference-data/described.js';
import { flag, patchOf } from '../reference-data/patch.js';
import { insertUnique, type UniqueRows, updateUnique } from '../reference-data/unique-rows.js';
import { putSetting } from '../settings/settings.repository.js';
import { USER_REFUSALS } from '../users/refusals.js';
import { findUserByEmail, findUserById } from '../users/users.repository.js';
import {
  effectiveState,
  SUBSCRIPTION_REFUSALS,
  SUBSCRIPTIONS_SETTING,
  subscriptionsEnabled,
  usageOf,
} from './entitlements.js';
import {
  findPlan,
  findService,
  findSubscriptionByExternalId,
  findSubscriptionView,
  holderSubscriptions,
  insertPlan,
  insertService,
  insertSubscription,
  listPlanRows,
  listServiceRows,
  listSubscriptionViews,
  type PlanRow,
  type ServiceRow,
  type SubscriptionRow,
  type SubscriptionView,
  updatePlanRow,
  updateServiceRow,
  updateSubscriptionRow,
  upsertSubscriptionByExternalId,
} from './subscriptions.repository.js';

const SAID = defineMessages({
  noSuchPlan: { id: 'error.subscriptions.no_such_plan', defaultMessage: 'no such plan' },
  noSuchCustomer: { id: 'error.subscriptions.no_such_customer', defaultMessage: 'no such customer' },
  noSuchSubscription: { id: 'error.subscriptions.not_found', defaultMessage: 'No such subscription' },
  noCustomerWithEmail: {
    id: 'error.subscriptions.no_customer_with_email',
    defaultMessage: 'no customer with this email',
  },
});

type Subscription = z.infer<typeof subscriptionSchema>;

/** A service or plan is found by id or by name; editing one goes by its id alone. */
const byId =
  <Row extends { id: string }>(find: (db: Executor, idOrName: string) => Promise<Row | undefined>) =>
  async (db: Executor, id: string) => {
    const row = await find(db, id);
    return row?.id === id ? row : undefined;
  };

const SERVICES: UniqueRows<ServiceRow, 'name'> = {
  noun: 'service',
  unique: 'name',
  find: byId(findService),
  taken: findService,
  insert: insertService,
  update: updateServiceRow,
};
const PLANS: UniqueRows<PlanRow, 'name'> = {
  noun: 'plan',
  unique: 'name',
  find: byId(findPlan),
  taken: findPlan,
  insert: insertPlan,
  update: updatePlanRow,
};

const presentPlan = (p: Pick<PlanRow, 'id' | 'name' | 'ticket_limit' | 'cycle' | 'reply_after_expiry'>) => ({
  id: p.id,
  name: p.name,
  ticketLimit: p.ticket_limit,
  cycle: p.cycle,
  replyAfterExpiry: p.reply_after_expiry === 1,
});

async function presentSubscription(db: Executor, s: SubscriptionView, now: Date): Promise<Subscription> {
  const usage = await usageOf(db, s, now);
  return {
    id: s.id,
    externalId: s.external_id,
    customerId: s.customer_id,
    organisationId: s.organisation_id,
    service: { id: s.service_id, name: s.service_name },
    plan: presentPlan({ ...s, id: s.plan_id, name: s.plan_name }),
    state: s.state,
    effectiveState: effectiveState(s, now.toISOString()),
    startsAt: s.starts_at,
    endsAt: s.ends_at,
    usage,
    renewsAt: usage.cycleEnd && (!s.ends_at || usage.cycleEnd < s.ends_at) ? usage.cycleEnd : null,
  };
}

// ---- settings ----
export async function getSubscriptionsSetting(ctx: ActorCtx) {
  return { enabled: await subscriptionsEnabled(ctx, ctx.db) };
}
export async function setSubscriptionsSetting(ctx: ActorCtx, enabled: boolean) {
  authorize(ctx.actor, 'subscriptions.configure');
  await ctx.db.transaction().execute(async (trx) => {
    const old = { enabled: await subscriptionsEnabled(ctx, trx) };
    await putSetting(trx, SUBSCRIPTIONS_SETTING, enabled, nowIso(ctx));
    await auditSettingChange(ctx, trx, 'subscriptions', old, { enabled });
  });
  return { enabled };
}

// ---- services ----
export async function listServices(ctx: ActorCtx) {
  return (await listServiceRows(ctx.db)).map(presentDescribed);
}
export const createService = (ctx: ActorCtx, input: z.infer<typeof serviceBody>) =>
  createDescribed(ctx, 'subscriptions.configure', SERVICES, input);
export const updateService = (ctx: ActorCtx, id: string, input: z.infer<typeof servicePatch>) =>
  updateDescribed(ctx, 'subscriptions.configure', SERVICES, id, input);

// ---- plans ----
export async function listPlans(ctx: ActorCtx) {
  authorize(ctx.actor, 'plans.list');
  return (await listPlanRows(ctx.db)).map(presentPlan);
}
export async function createPlan(ctx: ActorCtx, input: z.infer<typeof planBody>) {
  authorize(ctx.actor, 'subscriptions.configure');
  const row: PlanRow = {
    id: newId(),
    name: input.name,
    ticket_limit: input.ticketLimit,
    cycle: input.cycle,
    reply_after_expiry: flag(input.replyAfterExpiry),
    created_at: nowIso(ctx),
  };
  return presentPlan(await insertUnique(ctx, PLANS, row));
}
export async function updatePlan(ctx: ActorCtx, id: string, input: z.infer<typeof planPatch>) {
  authorize(ctx.actor, 'subscriptions.configure');
  const patch = patchOf<PlanRow>({
    name: input.name,
    ticket_limit: input.ticketLimit,
    cycle: input.cycle,
    reply_after_expiry: flag(input.replyAfterExpiry),
  });
  return presentPlan(await updateUnique(ctx, PLANS, id, patch));
}

// ---- subscriptions ----
async function resolveRefs(
  db: Executor,
  input: { serviceId: string; planId: string; customerId?: string; organisationId?: string },
) {
  const service = await findService(db, input.serviceId);
  if (!service) throw invalid('serviceId', SUBSCRIPTION_REFUSALS.noSuchService);
  const plan = await findPlan(db, input.planId);
  if (!plan) throw invalid('planId', SAID.noSuchPlan);
  if (input.customerId) {
    const user = await findUserById(db, input.customerId);
    if (user?.role !== 'customer') throw invalid('customerId', SAID.noSuchCustomer);
  }
  if (input.organisationId && !(await findOrganisation(db, input.organisationId))) {
    throw invalid('organisationId', ORGANISATION_REFUSALS.noSuchOrganisationField);
  }
  return { service, plan };
}

/** What a subscription is: its holder, service, plan, state and term, as a request names them. */
type SubscriptionTerms = {
  serviceId: string;
  planId: string;
  customerId?: string;
  organisationId?: string;
  state: SubscriptionRow['state'];
  startsAt: string;
  endsAt?: string | null;
};

/** The row of a new subscription on these terms, once what they name is known to exist. */
async function subscriptionRow(
  db: Executor,
  terms: SubscriptionTerms,
  externalId: string | null,
  now: string,
): Promise<SubscriptionRow> {
  const { service, plan } = await resolveRefs(db, terms);
  return {
    id: newId(),
    external_id: externalId,
    customer_id: terms.customerId ?? null,
    organisation_id: terms.organisationId ?? null,
    service_id: service.id,
    plan_id: plan.id,
    state: terms.state,
    starts_at: terms.startsAt,
    ends_at: terms.endsAt ?? null,
    created_at: now,
    updated_at: now,
  };
}

export async function createSubscription(ctx: ActorCtx, input: z.infer<typeof subscriptionBody>) {
  authorize(ctx.actor, 'subscriptions.configure');
  const id = await ctx.db.transaction().execute(async (trx) => {
    const row = await subscriptionRow(trx, input, null, nowIso(ctx));
    await insertSubscription(trx, row);
    return row.id;
  });
  return getSubscription(ctx, id);
}

export async function getSubscription(ctx: ActorCtx, id: string) {
  authorize(ctx.actor, 'subscriptions.manage');
  const view = await findSubscriptionView(ctx.db, id);
  if (!view) throw notFound(SAID.noSuchSubscription);
  return presentSubscription(ctx.db, view, ctx.clock());
}

export async function updateSubscription(
  ctx: ActorCtx,
  id: string,
  input: z.infer<typeof subscriptionPatch>,
) {
  authorize(ctx.actor, 'subscriptions.configure');
  await ctx.db.transaction().execute(async (trx) => {
    const view = await findSubscriptionView(trx, id);
    if (!view) throw notFound(SAID.noSuchSubscription);
    if (input.planId && !(await findPlan(trx, input.planId))) throw invalid('planId', SAID.noSuchPlan);
    const plan = input.planId ? await findPlan(trx, input.planId) : undefined;
    await updateSubscriptionRow(trx, id, {
      ...(plan && { plan_id: plan.id }),
      ...(input.state !== undefined && { state: input.state }),
      ...(input.startsAt !== undefined && { starts_at: input.startsAt }),
      ...(input.endsAt !== undefined && { ends_at: input.endsAt }),
      updated_at: nowIso(ctx),
    });
  });
  return getSubscription(ctx, id);
}

export async function listSubscriptions(
  ctx: ActorCtx,
  f: { customerId?: string; organisationId?: string; serviceId?: string },
) {
  authorize(ctx.actor, 'subscriptions.list');
  const now = ctx.clock();
  const views = await listSubscriptionViews(ctx.db, f);
  return Promise.all(views.map((v) => presentSubscription(ctx.db, v, now)));
}

/** A customer's subscriptions, own and organisation's, with usage: for the customer, or staff looking at them. */
export async function subscriptionsOf(ctx: ActorCtx, customerId: string): Promise<Subscription[]> {
  // Someone else's subscriptions are not there for a customer: 404, as for any user they cannot see.
  if (customerId !== ctx.actor.id && !can(ctx.actor, 'subscriptions.list'))
    throw notFound(USER_REFUSALS.noSuchUser);
  const user = customerId === ctx.actor.id ? ctx.actor : await findUserById(ctx.db, customerId);
  if (!user) throw notFound(USER_REFUSALS.noSuchUser);
  const organisationId = 'organisationId' in user ? user.organisationId : user.organisation_id;
  const now = ctx.clock();
  const views = await holderSubscriptions(ctx.db, { customerId, organisationId });
  return Promise.all(views.map((v) => presentSubscription(ctx.db, v, now)));
}

/**
 * The billing system's idempotent write: the subscription with this external id is created or
 * brought to the given state. The same call twice leaves one subscription.
 */
export async function upsertFromBilling(
  ctx: ActorCtx,
  externalId: string,
  input: z.infer<typeof billingSubscriptionBody>,
) {
  // A billing-scoped token belongs to an administrator; any other caller is refused.
  authorize(ctx.actor, 'subscriptions.billing');
  const id = await ctx.db.transaction().execute(async (trx) => {
    let customerId = input.customerId;
    if (input.customerEmail) {
      const user = await findUserByEmail(trx, input.customerEmail);
      if (user?.role !== 'customer') throw invalid('customerEmail', SAID.noCustomerWithEmail);
      customerId = user.id;
    }
    const terms = { ...input, serviceId: input.service, planId: input.plan, customerId };
    // One statement, so two deliveries of the same call at once still leave one subscription.
    await upsertSubscriptionByExternalId(trx, await subscriptionRow(trx, terms, externalId, nowIso(ctx)));
    return (await findSubscriptionByExternalId(trx, externalId))!.id;
  });
  const view = await findSubscriptionView(ctx.db, id);
  if (!view) throw notFound(SAID.noSuchSubscription);
  return presentSubscription(ctx.db, view, ctx.clock());
}
