import { z } from 'zod';

// What each outbox topic carries. Kept apart from the handlers so the code that enqueues (services,
// channels) can name a payload without importing the code that delivers it.

/**
 * A decided notice about a ticket; the fan-out turns it into one delivery per recipient and channel.
 * Loose: extra fields (the ticket's number) travel on to the deliveries unchanged.
 */
const notification = z.looseObject({
  event: z.string(),
  ticketId: z.string(),
  actorId: z.string().nullish(),
  messageId: z.string().nullish(),
  surveyId: z.string().optional(),
  url: z.string().optional(),
  /** A mention: the staff the note names. */
  mentionedIds: z.array(z.string()).optional(),
});

/** One notice for one user on one channel: the notification's fields and who gets it. */
const delivery = notification.extend({
  userId: z.string(),
  /** Set when a WhatsApp notice held back outside the window is finally sent. */
  heldId: z.string().optional(),
});

/** A received message, stored before it is processed. */
const inbound = z.object({ inboundId: z.string() });

export const JOB_PAYLOADS = {
  notification,
  /** The notices a bulk change held back, sent as one message per recipient. */
  'notification.digest': z.object({ digestId: z.string() }),
  /** Service-level clocks recomputed after a change of policies: the unresolved tickets after `after`. */
  'sla.resync': z.object({ run: z.string(), after: z.number().int().min(0) }),
  /**
   * A ticket event triggers run on: what happened (rule event types; `reply` is a public reply
   * whose author decides customer or staff), the fields changed, the status category entered, the
   * message; `depth` counts the rules' own changes in a chain (0: a person's or the workflow's).
   */
  'triggers.run': z.object({
    ticketId: z.string(),
    eventId: z.string(),
    events: z.array(z.string()),
    fields: z.array(z.string()).optional(),
    category: z.string().optional(),
    messageId: z.string().nullish(),
    depth: z.number().int().min(0),
  }),
  /** The next batch of a bulk change: the tickets after number `after`. */
  'bulk.step': z.object({ jobId: z.string(), after: z.number().int().min(0) }),
  /** The next steps of an import run; `step` counts the jobs of the run, for their dedupe keys. */
  'import.step': z.object({ runId: z.string(), step: z.number().int().min(0) }),
  'deliver.email': delivery,
  'deliver.telegram': delivery,
  'deliver.whatsapp': delivery,
  'deliver.email-notice': z.object({
    to: z.string(),
    subject: z.string(),
    text: z.string(),
    inReplyTo: z.string().nullable(),
    /** What the mail says it is (RFC 3834): an automatic answer unless said otherwise. */
    auto: z.enum(['auto-replied', 'auto-generated']).optional(),
    /** The ticket it is about: the mail joins the ticket's thread. */
    ticketNumber: z.number().int().optional(),
    /** The language it is written in (Content-Language), when the server wrote it. */
    locale: z.string().optional(),
  }),
  'deliver.whatsapp-notice': z.object({
    to: z.string(),
    text: z.string(),
    replyTo: z.string().nullable(),
    /** The ticket and user the answer is about, when there is one. */
    ticketId: z.string().nullish(),
    userId: z.string().nullish(),
  }),
  'deliver.telegram-notice': z.object({
    chatId: z.string(),
    text: z.string(),
    replyTo: z.number().optional(),
  }),
  /** "Forgot password?" for an address: a link is made if an active account uses it. */
  'account.reset': z.object({ email: z.string() }),
  /**
   * An invitation or password-reset mail: the link is made again from its id when it is sent.
   * `account-exists`: the reset link goes to someone who tried to sign up with an address that
   * has an account, saying so.
   */
  'deliver.account-email': z.object({ linkId: z.string(), notice: z.literal('account-exists').optional() }),
  /** A self-sign-up: the worker decides what the address is mailed (a link to confirm, or nothing). */
  /** `locale`: the language the sign-up was asked for in, for its mail. */
  'account.sign-up': z.object({ signUpId: z.string(), locale: z.string().optional() }),
  /** The mail with a sign-up's confirmation link, made again from the sign-up's id when it is sent. */
  'deliver.sign-up-email': z.object({ signUpId: z.string(), locale: z.string().optional() }),
  'inbound.email': inbound,
  /**
   * Something outgoing webhooks may report; the handler builds its payload and queues a
   * `webhook.deliver` per endpoint that wants it. `internal`: only for endpoints marked internal.
   */
  'webhook.event': z.object({
    eventId: z.string(),
    type: z.string(),
    /** The ticket of a ticket event; absent on knowledge-base events, which name `articleId`. */
    ticketId: z.string().optional(),
    articleId: z.string().optional(),
    occurredAt: z.string(),
    actorId: z.string().nullish(),
    messageId: z.string().nullish(),
    internal: z.boolean().optional(),
    changes: z
      .array(
        z.object({
          field: z.string(),
          from: z.string().nullable(),
          to: z.string().nullable(),
          internal: z.boolean(),
        }),
      )
      .optional(),
    sla: z.object({ metrics: z.array(z.string()), dueAt: z.string().nullable() }).optional(),
    /** Sent to this endpoint only, whatever events it asked for (a trigger's webhook action). */
    endpointId: z.string().optional(),
  }),
  /** One webhook delivery (webhook_deliveries) to attempt. */
  'webhook.deliver': z.object({ deliveryId: z.string() }),
  'inbound.whatsapp': inbound,
  'inbound.whatsapp-status': inbound,
  'inbound.telegram': inbound,
} satisfies Record<string, z.ZodType<Record<string, unknown>>>;

export type JobName = keyof typeof JOB_PAYLOADS;
export type JobPayload<N extends JobName> = z.infer<(typeof JOB_PAYLOADS)[N]>;
export type InboundTopic =
  | 'inbound.email'
  | 'inbound.whatsapp'
  | 'inbound.whatsapp-status'
  | 'inbound.telegram';
