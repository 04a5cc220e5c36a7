import { z } from 'zod';
import { triggerBody, triggerConditionSchema, triggerDryRunBody, triggerSchema } from './triggers.js';
import { say, VALIDATION } from './validation-messages.js';

// Time-based automations: ordered rules the scheduler's sweep runs on every open ticket, "if Y,
// do Z", with the triggers' conditions and actions plus conditions on the hours since something
// happened. Each fires once per ticket until its conditions stop holding, and must change
// something one of its conditions tests (else it is refused when saved).

/** What an hours condition counts from. */
export const HOURS_SINCE = [
  'created',
  'updated',
  'statusChanged',
  'lastCustomerMessage',
  'lastStaffMessage',
] as const;

/** Hours since an instant, at least (gte) or at most (lte); in a calendar's business hours if named. */
export const hoursSinceSchema = z.strictObject({
  type: z.literal('hoursSince'),
  since: z.enum(HOURS_SINCE),
  op: z.enum(['gte', 'lte']),
  hours: z.number().int().min(0).max(100_000),
  calendarId: z.string().min(1).max(64).optional(),
});
export type HoursSince = z.infer<typeof hoursSinceSchema>;

export const automationConditionSchema = z.discriminatedUnion('type', [
  ...triggerConditionSchema.options,
  hoursSinceSchema,
]);
export type AutomationCondition = z.infer<typeof automationConditionSchema>;

const conditions = z.array(automationConditionSchema).max(50);

/** A trigger's fields but the events and recursion: the sweep runs it, and no other rule sees it. */
export const automationBody = triggerBody.omit({ on: true, recursive: true }).extend({
  /** At least one of them on the hours since something. */
  conditions: conditions.min(1).refine((cs) => cs.some((c) => c.type === 'hoursSince'), {
    message: say(VALIDATION.hoursSinceCondition),
  }),
});
export type AutomationInput = z.output<typeof automationBody>;

export const automationSchema = triggerSchema
  .omit({ on: true, recursive: true })
  .extend({ conditions: z.array(automationConditionSchema) });
export type Automation = z.infer<typeof automationSchema>;

/** An automation as written (saved or not): which of the latest tickets its conditions match now. */
export const automationDryRunBody = triggerDryRunBody.extend({ conditions: conditions.default([]) });
