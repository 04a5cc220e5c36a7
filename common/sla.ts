import { z } from 'zod';
import { PRIORITIES } from './priorities.js';
import { STATUS_CATEGORIES } from './workflow.js';

// Service levels: ordered policies (the first whose conditions match a ticket applies), each with
// targets per priority for first reply, next reply and resolution, counted in business time on a
// calendar or in calendar time; the status categories that pause each clock; a warning point.

export const SLA_METRICS = ['firstReply', 'nextReply', 'resolution'] as const;
export type SlaMetric = (typeof SLA_METRICS)[number];
export const SLA_METRIC_LABELS: Record<SlaMetric, string> = {
  firstReply: 'First reply',
  nextReply: 'Next reply',
  resolution: 'Resolution',
};
/** The ticket's `sla_due_at` when no clock runs: far in the future, so "due first" sorts it last. */
export const NO_DUE = '9999-12-31T23:59:59.999Z';

const ids = z.array(z.string().min(1).max(100)).max(200);
/** Each list narrows the policy to tickets with one of its values; a list left out matches any. */
export const slaConditionsSchema = z.strictObject({
  priorities: z.array(z.enum(PRIORITIES)).max(PRIORITIES.length).optional(),
  departmentIds: ids.optional(),
  types: ids.optional(),
  organisationIds: ids.optional(),
  /** Plan or service the ticket was opened under. */
  serviceIds: ids.optional(),
  channels: z.array(z.string().min(1).max(40)).max(20).optional(),
  /** The ticket has at least one of these tags. */
  tags: ids.optional(),
});
export type SlaConditions = z.infer<typeof slaConditionsSchema>;

export const slaTargetSchema = z.strictObject({
  priority: z.enum(PRIORITIES),
  metric: z.enum(SLA_METRICS),
  /** Minutes, up to a year. */
  minutes: z
    .number()
    .int()
    .min(1)
    .max(366 * 24 * 60),
  /** Counted in the calendar's business hours; otherwise around the clock. */
  businessHours: z.boolean().default(true),
});
export type SlaTarget = z.infer<typeof slaTargetSchema>;

const categories = z.array(z.enum(STATUS_CATEGORIES)).max(STATUS_CATEGORIES.length);
/** The status categories that stop each clock while the ticket is in them. */
export const slaPauseSchema = z.strictObject({
  firstReply: categories,
  nextReply: categories,
  resolution: categories,
});
export type SlaPauseOn = z.infer<typeof slaPauseSchema>;
/** Waiting on the customer pauses every clock; waiting on someone else only if the admin says so. */
export const DEFAULT_PAUSE_ON: SlaPauseOn = {
  firstReply: ['pending'],
  nextReply: ['pending'],
  resolution: ['pending'],
};

/** When to warn before a breach: at a share of the target, or some minutes before it is due. */
export const slaWarningSchema = z.union([
  z.strictObject({ percent: z.number().int().min(1).max(99) }),
  z.strictObject({
    minutesBefore: z
      .number()
      .int()
      .min(1)
      .max(30 * 24 * 60),
  }),
]);
export type SlaWarning = z.infer<typeof slaWarningSchema>;

export const slaPolicySchema = z.object({
  id: z.string(),
  name: z.string(),
  position: z.number(),
  enabled: z.boolean(),
  conditions: slaConditionsSchema,
  calendarId: z.string(),
  targets: z.array(slaTargetSchema),
  pauseOn: slaPauseSchema,
  warning: slaWarningSchema.nullable(),
  /** Warnings and breaches are announced at any hour; otherwise at the next business hour. */
  notifyOutsideHours: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SlaPolicy = z.infer<typeof slaPolicySchema>;

const name = z.string().trim().min(1).max(100);
const targets = z.array(slaTargetSchema).min(1).max(12);
export const slaPolicyBody = z.strictObject({
  name,
  enabled: z.boolean().default(true),
  conditions: slaConditionsSchema.default({}),
  calendarId: z.string().min(1).max(100),
  targets,
  pauseOn: slaPauseSchema.default(DEFAULT_PAUSE_ON),
  warning: slaWarningSchema.nullable().default({ percent: 80 }),
  notifyOutsideHours: z.boolean().default(false),
});
export const slaPolicyPatch = z.strictObject({
  name: name.optional(),
  enabled: z.boolean().optional(),
  conditions: slaConditionsSchema.optional(),
  calendarId: z.string().min(1).max(100).optional(),
  targets: targets.optional(),
  pauseOn: slaPauseSchema.optional(),
  warning: slaWarningSchema.nullable().optional(),
  notifyOutsideHours: z.boolean().optional(),
});
/** The policies' new order: every policy id once, first match first. */
export const slaOrderBody = z.strictObject({ ids: z.array(z.string().min(1).max(100)).max(500) });

export const SLA_CLOCK_STATES = ['running', 'paused', 'met', 'breached'] as const;
export const slaClockSchema = z.object({
  metric: z.enum(SLA_METRICS),
  state: z.enum(SLA_CLOCK_STATES),
  targetMinutes: z.number(),
  businessHours: z.boolean(),
  startedAt: z.string(),
  /** When the target was met or missed for good (the reply, the resolution); null while open. */
  stoppedAt: z.string().nullable(),
  /** When it is (or was) due; null while paused, as the deadline moves with the pause. */
  dueAt: z.string().nullable(),
  /** Minutes of the clock's own time left before it is due; negative when overdue; null when stopped. */
  remainingMinutes: z.number().nullable(),
});
export type SlaClock = z.infer<typeof slaClockSchema>;
export const ticketSlaSchema = z.object({
  policyId: z.string().nullable(),
  policyName: z.string().nullable(),
  /** The earliest due time of a running clock; null when none runs. */
  dueAt: z.string().nullable(),
  clocks: z.array(slaClockSchema),
});
export type TicketSla = z.infer<typeof ticketSlaSchema>;

/** What the policy would give a ticket: its clocks as if the policy had applied from the start. */
export const slaPreviewBody = z.strictObject({
  ticketNumber: z.number().int().min(1),
  policy: slaPolicyBody,
});
export const slaPreviewSchema = z.object({
  matches: z.boolean(),
  clocks: z.array(slaClockSchema),
});
