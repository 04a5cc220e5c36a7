import { z } from 'zod';
import { messageFormat, PRIORITIES, type Priority, updateTicketBody } from './api.js';
import { say, VALIDATION } from './validation-messages.js';

// Ticket types, custom fields and canned responses.

const key = z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, say(VALIDATION.fieldKey));
const id = z.string().min(1).max(64);

export const ticketTypeBody = z.strictObject({
  key,
  name: z.string().trim().min(1).max(100),
  description: z.string().max(2000).nullable().optional(),
  urgent: z.boolean().default(false),
  position: z.number().int().min(0).max(10_000).default(0),
  active: z.boolean().default(true),
});
export const ticketTypePatch = ticketTypeBody.omit({ key: true }).partial();
export const ticketTypeSchema = z.object({
  key: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  urgent: z.boolean(),
  position: z.number(),
  active: z.boolean(),
});

export const FIELD_KINDS = ['select', 'text', 'multiline', 'checkbox', 'date'] as const;
const option = z.strictObject({ value: key, label: z.string().trim().min(1).max(200) });
export const customFieldBody = z
  .strictObject({
    key,
    label: z.string().trim().min(1).max(200),
    kind: z.enum(FIELD_KINDS),
    options: z.array(option).max(200).default([]),
    required: z.boolean().default(false),
    departmentIds: z.array(id).max(200).default([]),
    typeKeys: z.array(key).max(200).default([]),
    help: z.string().max(2000).nullable().optional(),
    position: z.number().int().min(0).max(10_000).default(0),
    active: z.boolean().default(true),
  })
  .refine((f) => f.kind !== 'select' || f.options.length > 0, {
    message: say(VALIDATION.selectNeedsOptions),
    path: ['options'],
  });
export const customFieldPatch = z
  .strictObject({
    label: z.string().trim().min(1).max(200),
    options: z.array(option).max(200),
    required: z.boolean(),
    departmentIds: z.array(id).max(200),
    typeKeys: z.array(key).max(200),
    help: z.string().max(2000).nullable(),
    position: z.number().int().min(0).max(10_000),
    active: z.boolean(),
  })
  .partial();
export const customFieldSchema = z.object({
  key: z.string(),
  label: z.string(),
  kind: z.enum(FIELD_KINDS),
  options: z.array(z.object({ value: z.string(), label: z.string() })),
  required: z.boolean(),
  departmentIds: z.array(z.string()),
  typeKeys: z.array(z.string()),
  help: z.string().nullable(),
  position: z.number(),
  active: z.boolean(),
});

export const PLACEHOLDERS = ['customer.name', 'ticket.number', 'ticket.subject', 'agent.name'] as const;
/**
 * What a macro does besides giving its reply text: an internal note, and changes to the ticket (a
 * single edit's fields but the subject). A canned response is a macro with none.
 */
export const macroActions = z.strictObject({
  note: z.string().trim().min(1).max(100_000).optional(),
  changes: updateTicketBody.optional(),
});
export type MacroActions = z.infer<typeof macroActions>;

/**
 * POST /api/v1/tickets/:number/actions: several things done to a ticket at once, in one
 * transaction: a public reply, an internal note, then changes. With `macroId` the macro's note and
 * changes are used (a note given here replaces the macro's; changes given here are laid over its
 * changes) and its reply text, filled in for the ticket, unless `reply` gives the text as the agent
 * edited it. "Send and resolve" is `{ reply, changes: { status } }`, with or without a macro.
 */
export const ticketActionsBody = z
  .strictObject({
    macroId: id.optional(),
    reply: z.string().trim().min(1).max(100_000).optional(),
    /** How `reply` is written (plain text unless said); a macro's own text is plain text. */
    format: messageFormat.optional(),
    attachmentIds: z.array(id).max(20).optional(),
    /** As for a reply: the newest message the writer had seen, and sending over newer ones anyway. */
    seenUpTo: id.optional(),
    confirm: z.boolean().optional(),
    ...macroActions.shape,
  })
  .refine((b) => b.macroId || b.reply || b.note || b.changes, say(VALIDATION.macroOrChanges));
export type TicketActionsInput = z.infer<typeof ticketActionsBody>;

/** A canned response, or a macro: its reply text (empty when it only acts) and its other actions. */
const cannedShape = {
  title: z.string().trim().min(1).max(200),
  body: z.string().max(20_000).trim(),
  departmentId: id.nullable(),
  actions: macroActions,
};
export const cannedBody = z.strictObject({
  ...cannedShape,
  departmentId: cannedShape.departmentId.default(null),
  actions: macroActions.default({}),
});
export const cannedPatch = z.strictObject(cannedShape).partial();
export const cannedSchema = z.object({
  id: z.string(),
  title: z.string(),
  body: z.string(),
  departmentId: z.string().nullable(),
  usageCount: z.number(),
  /** As saved (the edit's tags already in their stored form, so no transform runs on the way out). */
  actions: z.object({
    note: z.string().optional(),
    changes: z.record(z.string(), z.unknown()).optional(),
  }),
});
export const cannedRenderBody = z.strictObject({ ticketNumber: z.number().int().min(1) });

/** `reopen`: merge into a closed ticket, reopening it; without it a closed target is refused. */
export const mergeBody = z.strictObject({ into: z.number().int().min(1), reopen: z.boolean().optional() });

export const typeKeyParams = z.strictObject({ key: z.string().min(1).max(64) });
export const customFieldListQuery = z.strictObject({
  departmentId: z.string().max(64).optional(),
  type: z.string().max(64).optional(),
});
/** What installing the guided intake leaves: all types and fields. */
export const triageResponse = z.object({
  types: z.array(ticketTypeSchema),
  fields: z.array(customFieldSchema),
});
/** Urgent ticket types raise the ticket's priority to urgent. */
export const urgentRoutingSchema = z.strictObject({ urgentPriority: z.boolean() });

/** What each priority means, shown where a customer chooses one. */
export const priorityHelpSchema = z.strictObject(
  Object.fromEntries(PRIORITIES.map((p) => [p, z.string().trim().min(1).max(300)])) as Record<
    Priority,
    z.ZodString
  >,
);
export type PriorityHelp = z.infer<typeof priorityHelpSchema>;

/** The product's wording of what each priority means, until an installation describes its own. */
export const NEUTRAL_PRIORITY_HELP: PriorityHelp = {
  low: 'A question or a small inconvenience; nothing is held up.',
  normal: 'Something needs fixing, but work can go on in the meantime.',
  high: 'An important part of your work is held up or badly affected.',
  urgent: 'Work has stopped for many people, or there is a risk of loss: it needs attention now.',
};

export const cannedListQuery = z.strictObject({ departmentId: z.string().max(64).optional() });
export const cannedRenderResponse = z.object({ body: z.string() });
