import { z } from 'zod';
import { pageQuery } from './api.js';
import { PRIORITIES } from './priorities.js';
import { say, VALIDATION } from './validation-messages.js';

// Outgoing webhooks: the events an endpoint can ask for, the payload every generic endpoint gets
// (a stable contract: fields are only ever added), and the admin API's bodies and answers.

/** The events an endpoint may subscribe to, with what they mean; names never change. */
export const WEBHOOK_EVENTS = {
  'ticket.created': 'A ticket was opened (any channel)',
  'ticket.updated': 'A ticket’s fields or status changed; `changes` lists each field from and to',
  'message.created':
    'A public reply by a customer or by staff, or an internal note (internal endpoints only)',
  'ticket.sla_warning': 'A service-level target is close',
  'ticket.sla_breach': 'A service-level target was missed',
  'kb.article_published':
    'A knowledge-base article was published (first, or again after being a draft or archived); staff-only articles go to internal endpoints only',
} as const;
export type WebhookEvent = keyof typeof WEBHOOK_EVENTS;
export const WEBHOOK_EVENT_KEYS = Object.keys(WEBHOOK_EVENTS) as [WebhookEvent, ...WebhookEvent[]];
/** Every type a payload can have: the events, and `ping` (sent by "Send test"). */
export const WEBHOOK_PAYLOAD_TYPES = [...WEBHOOK_EVENT_KEYS, 'ping'] as const;
export type WebhookPayloadType = (typeof WEBHOOK_PAYLOAD_TYPES)[number];

/** What an endpoint receives: our JSON (signed), or a chat service's incoming-webhook message. */
export const WEBHOOK_KINDS = ['generic', 'slack', 'teams', 'mattermost'] as const;
export type WebhookKind = (typeof WEBHOOK_KINDS)[number];
export const WEBHOOK_KIND_LABELS: Record<WebhookKind, string> = {
  generic: 'Generic (signed JSON)',
  slack: 'Slack',
  teams: 'Microsoft Teams',
  mattermost: 'Mattermost',
};

/** The headers of a generic delivery. The signature is `t=<unix seconds>,v1=<hex HMAC-SHA256>`. */
export const WEBHOOK_HEADERS = {
  signature: 'Tessera-Signature',
  event: 'Tessera-Event',
  delivery: 'Tessera-Delivery',
} as const;
/** How far a receiver should let a signature's time be from its own clock, in seconds. */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

const ref = z.object({ id: z.string(), name: z.string() });

/** The ticket as any staff member sees it, whoever caused the event. */
export const webhookTicketSchema = z.object({
  id: z.string(),
  number: z.number(),
  subject: z.string(),
  url: z.string(),
  status: z.object({ key: z.string(), category: z.string() }),
  priority: z.enum(PRIORITIES),
  urgent: z.boolean(),
  type: z.string().nullable(),
  channel: z.string(),
  department: ref,
  requester: ref.extend({ email: z.string() }),
  organisation: ref.nullable(),
  assignee: ref.nullable(),
  fields: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
  updatedAt: z.string(),
  resolvedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  slaDueAt: z.string().nullable(),
});

export const webhookChangeSchema = z.object({
  field: z.string(),
  from: z.string().nullable(),
  to: z.string().nullable(),
});

export const WEBHOOK_MESSAGE_KINDS = ['customer_reply', 'staff_reply', 'internal_note'] as const;
export const webhookMessageSchema = z.object({
  id: z.string(),
  kind: z.enum(WEBHOOK_MESSAGE_KINDS),
  body: z.string(),
  format: z.string(),
  channel: z.string(),
  author: ref.nullable(),
  createdAt: z.string(),
});

/** The knowledge-base article of `kb.article_published`. */
export const webhookArticleSchema = z.object({
  id: z.string(),
  slug: z.string(),
  title: z.string(),
  /** Its page in the help centre. */
  url: z.string(),
  visibility: z.string(),
  category: ref.nullable(),
  version: z.number(),
  publishedAt: z.string().nullable(),
});

/** The JSON body of every generic delivery. */
export const webhookPayloadSchema = z.object({
  /** The event's id: the same for every endpoint and every attempt. */
  id: z.string(),
  type: z.enum(WEBHOOK_PAYLOAD_TYPES),
  occurredAt: z.string(),
  data: z.object({
    /** Absent on `ping` and on knowledge-base events. */
    ticket: webhookTicketSchema.optional(),
    /** On `kb.article_published`. */
    article: webhookArticleSchema.optional(),
    actor: ref.nullable().optional(),
    /** On `ticket.updated`. */
    changes: z.array(webhookChangeSchema).optional(),
    /** On `message.created`. */
    message: webhookMessageSchema.optional(),
    /** On `ticket.sla_warning` and `ticket.sla_breach`: the targets concerned and the earliest due. */
    sla: z.object({ metrics: z.array(z.string()), dueAt: z.string().nullable() }).optional(),
  }),
});
export type WebhookPayload = z.infer<typeof webhookPayloadSchema>;

const httpUrl = z
  .string()
  .trim()
  .max(2000)
  .refine((v) => {
    try {
      const u = new URL(v);
      return (u.protocol === 'http:' || u.protocol === 'https:') && !u.username && !u.password;
    } catch {
      return false;
    }
  }, 'must be an http or https URL without a user name or password');

export const webhookBody = z.strictObject({
  name: z.string().trim().min(1).max(100),
  url: httpUrl,
  kind: z.enum(WEBHOOK_KINDS).default('generic'),
  events: z.array(z.enum(WEBHOOK_EVENT_KEYS)).min(1, say(VALIDATION.someEvent)).max(20),
  /** Internal notes and staff-only details go only to internal endpoints. */
  internal: z.boolean().default(false),
  enabled: z.boolean().default(true),
});
export const webhookPatch = z
  .strictObject({
    name: webhookBody.shape.name.optional(),
    url: httpUrl.optional(),
    kind: z.enum(WEBHOOK_KINDS).optional(),
    events: webhookBody.shape.events.optional(),
    internal: z.boolean().optional(),
    enabled: z.boolean().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, 'give at least one field');

export const webhookSchema = z.object({
  id: z.string(),
  name: z.string(),
  url: z.string(),
  kind: z.enum(WEBHOOK_KINDS),
  events: z.array(z.string()),
  internal: z.boolean(),
  enabled: z.boolean(),
  /** Why it was turned off by itself, when it was. */
  disabledReason: z.string().nullable(),
  failingSince: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Webhook = z.infer<typeof webhookSchema>;
/** Created or rotated: the secret, shown this once. */
export const webhookWithSecretSchema = webhookSchema.extend({ secret: z.string() });

export const webhookAttemptSchema = z.object({
  id: z.string(),
  attempt: z.number(),
  statusCode: z.number().nullable(),
  latencyMs: z.number().nullable(),
  /** The first kilobyte of the answer. */
  response: z.string().nullable(),
  error: z.string().nullable(),
  createdAt: z.string(),
});
export const WEBHOOK_DELIVERY_STATES = ['pending', 'succeeded', 'failed'] as const;
export const webhookDeliverySchema = z.object({
  id: z.string(),
  eventId: z.string(),
  type: z.string(),
  state: z.enum(WEBHOOK_DELIVERY_STATES),
  attempts: z.array(webhookAttemptSchema),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type WebhookDelivery = z.infer<typeof webhookDeliverySchema>;
export const webhookDeliveriesQuery = pageQuery;
export const webhookDeliveryParams = z.strictObject({
  id: z.string().min(1).max(64),
  deliveryId: z.string().min(1).max(64),
});
