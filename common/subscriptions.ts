import { z } from 'zod';
import { say, VALIDATION } from './validation-messages.js';

// Plans, services and subscriptions: the API of entitlements.

const name = z.string().trim().min(1).max(100);
const id = z.string().min(1).max(64);
const instant = z.iso.datetime({ offset: true }).transform((s) => new Date(s).toISOString());

export const serviceBody = z.strictObject({ name, description: z.string().max(2000).optional() });
export const servicePatch = serviceBody.partial();
export const serviceSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
});

export const BILLING_CYCLES = ['monthly', 'yearly', 'none'] as const;
export const planBody = z.strictObject({
  name,
  ticketLimit: z.number().int().min(0).max(1_000_000).nullable(),
  cycle: z.enum(BILLING_CYCLES),
  replyAfterExpiry: z.boolean().default(false),
});
export const planPatch = planBody.partial();
export const planSchema = z.object({
  id: z.string(),
  name: z.string(),
  ticketLimit: z.number().nullable(),
  cycle: z.enum(BILLING_CYCLES),
  replyAfterExpiry: z.boolean(),
});

export const SUBSCRIPTION_STATES = ['active', 'expired', 'cancelled'] as const;

/** Exactly one holder: a customer or an organisation. */
const holderRefine = <T extends { customerId?: string | null; organisationId?: string | null }>(b: T) =>
  Boolean(b.customerId) !== Boolean(b.organisationId);
const holderMessage = { message: say(VALIDATION.customerOrOrganisation), path: ['customerId'] };

export const subscriptionBody = z
  .strictObject({
    customerId: id.optional(),
    organisationId: id.optional(),
    serviceId: id,
    planId: id,
    state: z.enum(SUBSCRIPTION_STATES).default('active'),
    startsAt: instant,
    endsAt: instant.nullable().optional(),
  })
  .refine(holderRefine, holderMessage);

export const subscriptionPatch = z
  .strictObject({
    planId: id.optional(),
    state: z.enum(SUBSCRIPTION_STATES).optional(),
    startsAt: instant.optional(),
    endsAt: instant.nullable().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, say(VALIDATION.someChange));

/** From a billing system: services and plans by id or by name; the customer by id or email. */
export const billingSubscriptionBody = z
  .strictObject({
    customerId: id.optional(),
    customerEmail: z.email().max(254).optional(),
    organisationId: id.optional(),
    service: z.string().min(1).max(100),
    plan: z.string().min(1).max(100),
    state: z.enum(SUBSCRIPTION_STATES),
    startsAt: instant,
    endsAt: instant.nullable().optional(),
  })
  .refine((b) => [b.customerId, b.customerEmail, b.organisationId].filter(Boolean).length === 1, {
    message: say(VALIDATION.customerEmailOrOrganisation),
    path: ['customerId'],
  });

export const subscriptionSchema = z.object({
  id: z.string(),
  externalId: z.string().nullable(),
  customerId: z.string().nullable(),
  organisationId: z.string().nullable(),
  service: z.object({ id: z.string(), name: z.string() }),
  plan: z.object({
    id: z.string(),
    name: z.string(),
    ticketLimit: z.number().nullable(),
    cycle: z.enum(BILLING_CYCLES),
    replyAfterExpiry: z.boolean(),
  }),
  state: z.enum(SUBSCRIPTION_STATES),
  /** The state now: an active subscription past its end reads 'expired', one not yet started 'pending'. */
  effectiveState: z.enum(['active', 'expired', 'cancelled', 'pending']),
  startsAt: z.string(),
  endsAt: z.string().nullable(),
  usage: z.object({
    used: z.number(),
    left: z.number().nullable(),
    cycleStart: z.string(),
    cycleEnd: z.string().nullable(),
  }),
  /** When the quota next resets, if it does before the subscription ends. */
  renewsAt: z.string().nullable(),
});

export const subscriptionsSettingBody = z.strictObject({ enabled: z.boolean() });

export const subscriptionListQuery = z.strictObject({
  customerId: z.string().max(64).optional(),
  organisationId: z.string().max(64).optional(),
  serviceId: z.string().max(64).optional(),
});
/** The billing system's own id of a subscription. */
export const externalIdParams = z.strictObject({ externalId: z.string().min(1).max(200) });
