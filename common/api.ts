import { z } from 'zod';
import { PRIORITIES } from './priorities.js';
import { ticketSlaSchema } from './sla.js';
import { REASON_CODES } from './timeline.js';
import { say, VALIDATION } from './validation-messages.js';

// The HTTP contract in code: request and response shapes shared by the server and the web app.

export const ROLES = ['customer', 'agent', 'admin'] as const;
export { PRIORITIES };
export const CHANNELS = ['portal', 'email', 'whatsapp', 'telegram', 'api'] as const;
export const TICKET_SORTS = [
  'number',
  'subject',
  'status',
  'priority',
  'department',
  'customer',
  'assignee',
  'createdAt',
  'lastActivityAt',
  /** The earliest service-level due time; tickets without a running clock last. */
  'slaDue',
] as const;

export type Priority = (typeof PRIORITIES)[number];
export type Channel = (typeof CHANNELS)[number];
export type TicketSort = (typeof TICKET_SORTS)[number];

const id = z.string().min(1).max(64);
const name = z.string().trim().min(1).max(200);
const email = z
  .email()
  .max(254)
  .transform((e) => e.toLowerCase());
const password = z.string().min(8).max(512);
const phone = z
  .string()
  .trim()
  .regex(/^\+?[0-9 ()-]{6,20}$/, say(VALIDATION.phone));
/** Field shapes other contract files build on. */
export const fields = { email, name, password, phone };

/**
 * An error answer (RFC 9457 problem details, `application/problem+json`): `code` is stable and
 * machine-readable; some problems carry more members (a conflict's `messages`, say).
 */
export const problemSchema = z
  .looseObject({
    type: z.string().describe('A URI naming the kind of problem'),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().describe('What went wrong, in words for a person'),
    code: z
      .string()
      .describe(
        'validation, unauthenticated, forbidden, not_found, conflict, invalid_transition, unprocessable, rate_limited, …',
      ),
    errors: z
      .array(z.object({ path: z.string(), message: z.string() }))
      .optional()
      .describe('One entry per invalid field'),
  })
  .meta({ id: 'Problem' });

export const ref = z.object({ id: z.string(), name: z.string() });

// ---- lists ----
export const limitParam = z.coerce
  .number({ error: say(VALIDATION.pageSize) })
  .int()
  .min(1)
  .max(100)
  .default(25);
export const pageQuery = z.strictObject({ limit: limitParam, cursor: z.string().max(500).optional() });
export const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });
/** A list the server answers whole: one page, never a cursor. */
export const whole = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.null() });
export const idParams = z.strictObject({ id });
/** A query that takes no parameters: any given is refused. */
export const emptyQuery = z.strictObject({});
/** The body of a 204 answer. */
export const noBody = z.null();

// ---- auth ----
export const loginBody = z.strictObject({
  email: z.string().max(254).trim().min(1),
  password: z.string().max(512),
});
export const setupBody = z.strictObject({ token: z.string().max(200), email, name, password });

export const userSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    role: z.enum(ROLES),
    organisationId: z.string().nullable(),
    departmentIds: z.array(z.string()),
    phone: z.string().nullable(),
    active: z.boolean(),
    /** Paged at once for urgent tickets of their departments. */
    onCall: z.boolean(),
    createdAt: z.string(),
    /** Whether the user can sign in yet: has chosen a password (one invited, or only known by mail, has not). */
    credentialsSet: z.boolean(),
    /** Until when the user's open invitation works; null without one. */
    invitedUntil: z.string().nullable(),
    /** Whether signing in asks for a code from an authenticator app. */
    secondFactor: z.boolean(),
    /** Their own language ("de", "pt-BR") and time zone; null: the installation's default. */
    locale: z.string().nullable(),
    timeZone: z.string().nullable(),
  })
  .meta({ id: 'User' });
export type User = z.infer<typeof userSchema>;

/** The signed-in user; `secondFactorSetupRequired` until they set up the second factor their role requires. */
export const meSchema = userSchema.extend({
  secondFactorSetupRequired: z.boolean(),
  /** The language and time zone everything is shown in: their own, else the installation's default. */
  display: z.object({
    locale: z.string(),
    timeZone: z.string(),
    direction: z.enum(['ltr', 'rtl']),
    /** Whether an administrator reworded product strings (GET /i18n/overrides/:locale has any). */
    overrides: z.boolean(),
  }),
});
export type Me = z.infer<typeof meSchema>;

export const createTokenBody = z.strictObject({ name, scope: z.enum(['all', 'billing']).default('all') });
export const tokenSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    scope: z.enum(['all', 'billing']),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
  })
  .meta({ id: 'Token' });
export const createdTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  scope: z.enum(['all', 'billing']),
  token: z.string(),
});

// ---- organisations and departments ----
export const organisationBody = z.strictObject({ name });
export const organisationSchema = z
  .object({ id: z.string(), name: z.string(), createdAt: z.string() })
  .meta({ id: 'Organisation' });

export const departmentBody = z.strictObject({
  name: z.string().trim().min(1).max(100),
  description: z.string().max(2000).optional(),
});
export const departmentPatch = departmentBody.partial();
export const departmentSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string().nullable(),
  })
  .meta({ id: 'Department' });

// ---- users ----
export const createUserBody = z.strictObject({
  email,
  name,
  role: z.enum(ROLES),
  password: password.optional(),
  organisationId: id.optional(),
  departmentIds: z.array(id).max(200).optional(),
  phone: phone.optional(),
  onCall: z.boolean().optional(),
});
export const updateUserBody = z.strictObject({
  email: email.optional(),
  name: name.optional(),
  role: z.enum(ROLES).optional(),
  password: password.optional(),
  organisationId: id.nullable().optional(),
  departmentIds: z.array(id).max(200).optional(),
  phone: phone.nullable().optional(),
  active: z.boolean().optional(),
  onCall: z.boolean().optional(),
});
export const userListQuery = pageQuery.extend({
  role: z.enum(ROLES).optional(),
  organisationId: id.optional(),
  /** Part of the name or email address, any case. */
  q: z.string().trim().min(1).max(200).optional(),
});

// ---- tickets ----
const fieldsValue = z.record(
  z.string().max(100),
  z.union([z.string().max(10_000), z.number(), z.boolean(), z.null()]),
);

/**
 * A free tag: any words but commas, up to 50 characters, kept lower-case with single spaces, so
 * "VIP  customer" and "vip customer" are one tag.
 */
export const tagName = z
  .string()
  .transform((s) => s.trim().replace(/\s+/g, ' ').toLowerCase())
  .pipe(
    z
      .string()
      .min(1, say(VALIDATION.notEmpty))
      .max(50)
      .regex(/^[^,]+$/, say(VALIDATION.noCommas)),
  );
const tagList = z.array(tagName).max(50);

/** How a message body is written: plain text, or Markdown (CommonMark with autolinks) from the web editor. */
export const MESSAGE_FORMATS = ['text', 'markdown'] as const;
export const messageFormat = z
  .enum(MESSAGE_FORMATS)
  .describe('How `body` is written: plain text (the default) or Markdown (CommonMark, bare URLs as links)');

export const createTicketBody = z.strictObject({
  subject: z.string().trim().min(1).max(200),
  description: z.string().trim().min(1).max(100_000),
  /** How `description` is written. */
  format: messageFormat.default('text'),
  departmentId: id,
  priority: z.enum(PRIORITIES).default('normal'),
  type: z.string().trim().min(1).max(100).optional(),
  fields: fieldsValue.optional(),
  serviceId: id.optional(),
  requesterId: id.optional(),
  attachmentIds: z.array(id).max(20).optional(),
});
/** A new ticket; `format` may be left out where the caller builds it (plain text). */
export type CreateTicketInput = Omit<z.infer<typeof createTicketBody>, 'format'> & {
  format?: (typeof MESSAGE_FORMATS)[number];
};

export const updateTicketBody = z
  .strictObject({
    status: z.string().min(1).max(64).optional(),
    priority: z.enum(PRIORITIES).optional(),
    departmentId: id.optional(),
    assigneeId: id.nullable().optional(),
    subject: z.string().trim().min(1).max(200).optional(),
    type: z.string().trim().min(1).max(100).nullable().optional(),
    fields: fieldsValue.optional(),
    /** The ticket's tags, all of them; or tags to add and to remove, leaving the others. */
    tags: tagList.optional(),
    addTags: tagList.optional(),
    removeTags: tagList.optional(),
  })
  .refine((b) => Object.keys(b).length > 0, say(VALIDATION.someChange));
export type UpdateTicketInput = z.infer<typeof updateTicketBody>;

const csv = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .max(500)
    .transform((s) => s.split(',').map((v) => v.trim()))
    .pipe(z.array(z.enum(values)).min(1));

export const ticketListQuery = pageQuery
  .extend({
    status: z
      .string()
      .max(500)
      .transform((s) => s.split(',').map((v) => v.trim()))
      .pipe(z.array(z.string().min(1).max(64)).min(1))
      .optional(),
    statusCategory: csv(['new', 'open', 'pending', 'on_hold', 'solved', 'closed']).optional(),
    priority: csv(PRIORITIES).optional(),
    departmentId: id.optional(),
    assigneeId: id.optional(),
    organisationId: id.optional(),
    requesterId: id.optional(),
    /** Tickets with every one of these tags (comma-separated). */
    tag: z
      .string()
      .max(500)
      .transform((s) => s.split(','))
      .pipe(z.array(tagName).min(1).max(10))
      .optional(),
    q: z.string().trim().min(1).max(200).optional(),
    /** Only these tickets (comma-separated numbers, at most 1,000): a selection, as exported. */
    numbers: z
      .string()
      .max(20_000)
      .transform((s) => s.split(',').map((v) => (/^\d{1,15}$/.test(v.trim()) ? Number(v) : Number.NaN)))
      .pipe(z.array(z.number().int().min(1).max(Number.MAX_SAFE_INTEGER)).min(1).max(1000))
      .optional(),
    sort: z.enum(TICKET_SORTS).default('lastActivityAt'),
    order: z.enum(['asc', 'desc']).default('desc'),
    urgent: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional(),
    /** true: a service-level clock is overdue; false: none is. */
    slaBreached: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional(),
    /** A running service-level clock falls due within this many hours (and is not overdue yet). */
    slaDueWithinHours: z
      .string()
      .regex(/^\d{1,3}$/, say(VALIDATION.wholeHours))
      .transform(Number)
      .pipe(z.number().min(1).max(720))
      .optional(),
  })
  // Custom field filters: fields.<key>=<value>; any other unknown parameter is refused.
  .catchall(z.string().max(200))
  .superRefine((q, ctx) => {
    for (const key of Object.keys(q)) {
      if (KNOWN_LIST_KEYS.has(key)) continue;
      if (!/^fields\.[a-z][a-z0-9_]{0,63}$/.test(key)) {
        ctx.addIssue({ code: 'custom', path: [key], message: say(VALIDATION.unknownParameter) });
      }
    }
  });
const KNOWN_LIST_KEYS = new Set([
  'limit',
  'cursor',
  'status',
  'statusCategory',
  'priority',
  'departmentId',
  'assigneeId',
  'organisationId',
  'requesterId',
  'tag',
  'q',
  'numbers',
  'sort',
  'order',
  'urgent',
  'slaBreached',
  'slaDueWithinHours',
]);
export type TicketListQuery = z.infer<typeof ticketListQuery>;

export const ticketNumberParams = z.strictObject({
  number: z.coerce
    .number({ error: say(VALIDATION.ticketNumber) })
    .int()
    .min(1)
    .max(Number.MAX_SAFE_INTEGER),
});

export const ticketSchema = z
  .object({
    number: z.number(),
    subject: z.string(),
    status: z.object({ key: z.string(), label: z.string(), category: z.string() }),
    priority: z.enum(PRIORITIES),
    department: ref,
    type: z.string().nullable(),
    fields: z.record(z.string(), z.unknown()),
    serviceId: z.string().nullable(),
    requester: ref,
    organisation: ref.nullable(),
    assignee: ref.nullable(),
    channel: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    lastActivityAt: z.string(),
    firstResponseAt: z.string().nullable(),
    statusChangedAt: z.string(),
    resolvedAt: z.string().nullable(),
    closedAt: z.string().nullable(),
    canReply: z.boolean(),
    replyBlockedReason: z.string().nullable(),
    /** Flagged for immediate attention: an urgent type or priority. */
    urgent: z.boolean(),
    /** Set on a ticket merged into another: that ticket's number. */
    mergedInto: z.number().nullable(),
    /** Its tags, in order; staff only. */
    tags: z.array(z.string()).optional(),
    /** The earliest due time of a running service-level clock, null when none runs; staff only. */
    slaDueAt: z.string().nullable().optional(),
    /** Its service-level clocks; staff only, on the single-ticket view. */
    sla: ticketSlaSchema.nullable().optional(),
    /** The requester's latest satisfaction answer; staff only, on the single-ticket view. */
    satisfaction: z
      .object({ rating: z.number(), comment: z.string().nullable(), answeredAt: z.string() })
      .nullable()
      .optional(),
    abilities: z.object({
      reply: z.boolean(),
      addInternalNote: z.boolean(),
      update: z.boolean(),
      delete: z.boolean(),
      /** A customer may close the ticket, or reopen it, themselves (the workflow's rules). */
      close: z.boolean(),
      reopen: z.boolean(),
    }),
  })
  .meta({ id: 'Ticket' });
export type Ticket = z.infer<typeof ticketSchema>;

/** POST /api/v1/tickets/:number/close and /reopen: a customer's own move, with a word if they like. */
export const customerMoveBody = z.strictObject({ comment: z.string().max(100_000).trim().optional() });

// ---- messages and events ----
export const createMessageBody = z.strictObject({
  body: z.string().trim().min(1).max(100_000),
  format: messageFormat.default('text'),
  internal: z.boolean().default(false),
  attachmentIds: z.array(id).max(20).optional(),
  /**
   * The newest message the writer had seen. A public reply when newer public messages came in
   * since is refused (409 `conflict`, with their ids in `messages`) unless `confirm` is true.
   */
  seenUpTo: id.optional(),
  confirm: z.boolean().optional(),
});

/** A body being written, to see it as it will be shown; images only of the caller's own uploads. */
export const formatPreviewBody = z.strictObject({
  body: z.string().max(100_000),
  format: messageFormat.default('markdown'),
  attachmentIds: z.array(id).max(20).optional(),
});
export const formatPreviewSchema = z.object({ html: z.string() });

export const messageSchema = z
  .object({
    id: z.string(),
    body: z.string(),
    format: messageFormat,
    /** The body rendered and sanitised on the server; the only markup a client should show. */
    html: z
      .string()
      .describe(
        'The body as sanitised HTML (links rel="noopener noreferrer nofollow", images only of its own attachments)',
      ),
    internal: z.boolean(),
    channel: z.string(),
    author: z.object({ id: z.string(), name: z.string(), role: z.enum(ROLES) }).nullable(),
    createdAt: z.string(),
    attachments: z.array(
      z.object({ id: z.string(), filename: z.string(), contentType: z.string(), size: z.number() }),
    ),
  })
  .meta({ id: 'Message' });
export type Message = z.infer<typeof messageSchema>;

export const eventSchema = z
  .object({
    id: z.string(),
    type: z.string(),
    field: z.string().nullable(),
    from: z.string().nullable(),
    to: z.string().nullable(),
    public: z.boolean(),
    /** Why, in words, where automation did it: 'customer replied', '7 days without activity'. */
    reason: z.string().nullable(),
    /**
     * The same reason as a stable code (common/timeline.ts) and its values, for a reader of another
     * language; null on events written before codes were kept (`reason` is all they have).
     */
    reasonCode: z.enum(REASON_CODES).nullable(),
    reasonValues: z.record(z.string(), z.union([z.string(), z.number()])).nullable(),
    /** Who did it: a person, the workflow's automation, or a trigger (`id` the trigger's, `name` its name then). */
    actor: z.object({
      kind: z.enum(['user', 'automation', 'rule']),
      id: z.string().nullable(),
      name: z.string(),
    }),
    createdAt: z.string(),
  })
  .meta({ id: 'TicketEvent' });
