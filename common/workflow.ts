import { z } from 'zod';
import { say, VALIDATION } from './validation-messages.js';

// The workflow document of GET/PUT /api/v1/workflow.

export const STATUS_CATEGORIES = ['new', 'open', 'pending', 'on_hold', 'solved', 'closed'] as const;

const statusKey = z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, say(VALIDATION.statusKey));
const label = z.string().trim().min(1).max(100);
const ruleFrom = z
  .array(z.union([statusKey, z.literal('*')]))
  .min(1)
  .max(100);

export const workflowStatusSchema = z.strictObject({
  key: statusKey,
  staffLabel: label,
  customerLabel: label,
  category: z.enum(STATUS_CATEGORIES),
  customerCanReply: z.boolean(),
  manual: z.boolean().default(true),
});

export const replyRuleSchema = z.strictObject({ from: ruleFrom, to: statusKey });

export const timerSchema = z.strictObject({
  status: z.union([statusKey, z.literal('*')]),
  after: z.string().max(40),
  action: z.enum(['remind', 'transition']),
  to: statusKey.optional(),
  since: z.enum(['entered', 'lastActivity']).optional(),
});

export const workflowDocumentSchema = z.strictObject({
  preset: z.string().trim().min(1).max(64),
  initialStatus: statusKey,
  statuses: z.array(workflowStatusSchema).min(1).max(100),
  onCustomerReply: z.array(replyRuleSchema).max(100).default([]),
  onStaffReply: z.array(replyRuleSchema).max(100).default([]),
  /** Where a customer closing the ticket from the portal takes it, per status; none: they may not. */
  onCustomerClose: z.array(replyRuleSchema).max(100).default([]),
  /** Where a customer reopening a solved or closed ticket takes it, per status; none: they may not. */
  onCustomerReopen: z.array(replyRuleSchema).max(100).default([]),
  timers: z.array(timerSchema).max(100).default([]),
  reopenClosedOnReply: z.boolean().default(false),
  surveyOnClose: z.boolean().default(false),
});

/** Read-only fields GET returns; PUT accepts and ignores them so a document can round-trip. */
const readOnly = { updatedAt: z.string().max(40).nullable().optional() };
const statusMapping = z.record(statusKey, statusKey).optional();

/**
 * A whole document's own keys, refused next to a preset alone. The refusal ends that branch of
 * the union (an unknown key would not), so a document with one mistake is reported by the
 * document's rules instead of as a preset with unknown keys.
 */
const documentOnly = z.never({ error: say(VALIDATION.wholeWorkflowOnly) }).optional();

export const workflowPutBody = z.union([
  z.strictObject({
    preset: z.string().trim().min(1).max(64),
    statusMapping,
    initialStatus: documentOnly,
    statuses: documentOnly,
  }),
  workflowDocumentSchema.extend({ ...readOnly, statusMapping }),
]);

export const workflowResponse = workflowDocumentSchema.extend({ updatedAt: z.string().nullable() });

/** What a customer sees of the workflow: their labels only. */
export const customerWorkflowResponse = z.object({
  preset: z.string(),
  statuses: z.array(
    z.object({ key: z.string(), label: z.string(), category: z.string(), customerCanReply: z.boolean() }),
  ),
});
/** GET /api/v1/workflow: staff get the whole workflow, customers the labels they see. */
export const workflowGetResponse = z.union([workflowResponse, customerWorkflowResponse]);

/** The presets an installation can load with `PUT /api/v1/workflow { preset }` (src/workflow/presets). */
export const WORKFLOW_PRESETS = ['portal', 'classic', 'escalation', 'subscription'] as const;
