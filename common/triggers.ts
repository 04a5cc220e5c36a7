import { z } from 'zod';
import { CHANNELS, updateTicketBody } from './api.js';
import { PRIORITIES } from './priorities.js';
import { STATUS_CATEGORIES } from './workflow.js';

// Triggers: ordered rules, "when X, if Y, do Z". Each runs on the events it names, when all (or
// any) of its conditions hold for the ticket as it is then, and does its actions in order. Each
// list is a discriminated union on `type`, so a new kind of event, condition or action is one more
// member here and one more case where it is evaluated or done.

const id = z.string().min(1).max(64);
const text = (max: number) => z.string().trim().min(1).max(max);

/** What a rule runs on. `ticket.updated` may name the one field whose change it waits for. */
export const TRIGGER_FIELDS = [
  'status',
  'priority',
  'department',
  'assignee',
  'subject',
  'type',
  'fields',
  'tags',
] as const;
export const triggerEventSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('ticket.created') }),
  z.strictObject({ type: z.literal('ticket.updated'), field: z.enum(TRIGGER_FIELDS).optional() }),
  z.strictObject({ type: z.literal('reply.customer') }),
  z.strictObject({ type: z.literal('reply.staff') }),
  z.strictObject({ type: z.literal('note.added') }),
  z.strictObject({ type: z.literal('status.category'), category: z.enum(STATUS_CATEGORIES) }),
  z.strictObject({ type: z.literal('sla.warning') }),
  z.strictObject({ type: z.literal('sla.breach') }),
  /** A new ticket or a reply that came in by this channel. */
  z.strictObject({ type: z.literal('inbound'), channel: z.enum(CHANNELS) }),
]);
export type TriggerEvent = z.infer<typeof triggerEventSchema>;
export type TriggerEventType = TriggerEvent['type'];

/** The ticket's own fields a condition may test. */
export const CONDITION_FIELDS = [
  'status',
  'statusCategory',
  'priority',
  'departmentId',
  'assigneeId',
  'requesterId',
  'organisationId',
  'type',
  'channel',
  'subject',
] as const;
export const CONDITION_OPS = ['is', 'isNot', 'contains', 'notContains'] as const;
const op = z.enum(CONDITION_OPS);
/** A value to compare with; null means "none" (no assignee, no type). */
const value = z.string().max(500).nullable();

export const triggerConditionSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('field'), field: z.enum(CONDITION_FIELDS), op, value }),
  z.strictObject({ type: z.literal('customField'), key: text(100), op, value }),
  z.strictObject({ type: z.literal('tag'), op: z.enum(['has', 'lacks']), tag: text(100) }),
  /** The message of the event (a reply or note) contains this text, ignoring case. */
  z.strictObject({ type: z.literal('messageContains'), text: text(500) }),
  /** The event happens within (or outside) the calendar's business hours. */
  z.strictObject({ type: z.literal('businessHours'), calendarId: id, within: z.boolean() }),
]);
export type TriggerCondition = z.infer<typeof triggerConditionSchema>;

export const NOTICE_RECIPIENTS = ['requester', 'assignee', 'address'] as const;
/** Placeholders a note or notice may use. */
export const TRIGGER_PLACEHOLDERS = [
  'ticket.number',
  'ticket.subject',
  'ticket.url',
  'requester.name',
  'customer.name',
] as const;

const actionKinds = <C extends z.ZodType>(changes: C) =>
  [
    /** Fields, tags, assignee, department, priority, status (along the workflow only). */
    z.strictObject({ type: z.literal('update'), changes }),
    z.strictObject({ type: z.literal('note'), body: text(20_000) }),
    /** A mail from a template to the requester, the assignee or an address. */
    z.strictObject({
      type: z.literal('notice'),
      to: z.enum(NOTICE_RECIPIENTS),
      address: z.email().max(320).optional(),
      subject: text(200),
      body: text(20_000),
    }),
    /** A macro's changes and internal note. */
    z.strictObject({ type: z.literal('macro'), macroId: id }),
  ] as const;
export const triggerActionSchema = z.discriminatedUnion('type', actionKinds(updateTicketBody));
export type TriggerAction = z.infer<typeof triggerActionSchema>;

/** The changes as answered: the edit's fields as stored (no transforms in a response). */
const changesOut = z.object({
  status: z.string().optional(),
  priority: z.enum(PRIORITIES).optional(),
  departmentId: z.string().optional(),
  assigneeId: z.string().nullable().optional(),
  subject: z.string().optional(),
  type: z.string().nullable().optional(),
  fields: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
  tags: z.array(z.string()).optional(),
  addTags: z.array(z.string()).optional(),
  removeTags: z.array(z.string()).optional(),
});
const triggerActionOut = z.discriminatedUnion('type', actionKinds(changesOut));

export const triggerBody = z.strictObject({
  name: text(200),
  enabled: z.boolean().default(true),
  /** Whether the changes it makes are events other rules (and itself) run on; bounded depth. */
  recursive: z.boolean().default(false),
  on: z.array(triggerEventSchema).min(1).max(20),
  match: z.enum(['all', 'any']).default('all'),
  conditions: z.array(triggerConditionSchema).max(50).default([]),
  actions: z.array(triggerActionSchema).min(1).max(20),
  /** Notes and notices it may make per hour over all tickets (each ticket: at most 10). */
  hourlyLimit: z.number().int().min(1).max(100_000).default(1000),
});
export type TriggerInput = z.output<typeof triggerBody>;

export const triggerSchema = z.object({
  id: z.string(),
  name: z.string(),
  position: z.number(),
  enabled: z.boolean(),
  recursive: z.boolean(),
  on: z.array(triggerEventSchema),
  match: z.enum(['all', 'any']),
  conditions: z.array(triggerConditionSchema),
  actions: z.array(triggerActionOut),
  hourlyLimit: z.number(),
  /** Firings in the last 24 hours, and those of them whose messages a cap held back. */
  firedLastDay: z.number(),
  cappedLastDay: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Trigger = z.infer<typeof triggerSchema>;

export const triggerOrderBody = z.strictObject({ ids: z.array(id).min(1).max(500) });

/** A rule as written (saved or not): which of the latest tickets its conditions match now. */
export const triggerDryRunBody = z.strictObject({
  match: z.enum(['all', 'any']).default('all'),
  conditions: z.array(triggerConditionSchema).max(50).default([]),
  limit: z.number().int().min(1).max(500).default(200),
});
export const triggerDryRunSchema = z.object({
  checked: z.number(),
  matches: z.array(z.object({ number: z.number(), subject: z.string() })),
});
