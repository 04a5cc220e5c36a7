import { z } from 'zod';
import { createMessageBody, ticketListQuery, updateTicketBody } from './api.js';
import { say, VALIDATION } from './validation-messages.js';

// Bulk changes: a selection of tickets (numbers, or every ticket a list filter matches) and one
// action, run as a job whose progress the caller polls.

/** The most ticket numbers one request may name; beyond that, select by filter. */
export const BULK_MAX_NUMBERS = 1000;

export const bulkAction = z.discriminatedUnion('kind', [
  /** The properties a single edit changes (status, priority, department, assignee, type, fields, tags). */
  z.strictObject({ kind: z.literal('update'), changes: updateTicketBody }),
  /** An internal note (internal: true) or a public reply, added to each ticket. */
  z.strictObject({ kind: z.literal('message'), body: createMessageBody.shape.body, internal: z.boolean() }),
  /** Every selected ticket merged into this one. */
  z.strictObject({
    kind: z.literal('merge'),
    into: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
    reopen: z.boolean().optional(),
  }),
  /** Administrators only. */
  z.strictObject({ kind: z.literal('delete') }),
  /** A macro on each ticket: its reply (filled in per ticket), its note and its changes. */
  z.strictObject({ kind: z.literal('macro'), macroId: z.string().min(1).max(64) }),
]);
export type BulkAction = z.infer<typeof bulkAction>;

export const bulkBody = z
  .strictObject({
    /** The tickets by number… */
    numbers: z
      .array(z.number().int().min(1).max(Number.MAX_SAFE_INTEGER))
      .min(1, say(VALIDATION.someTicket))
      .max(BULK_MAX_NUMBERS, `at most ${BULK_MAX_NUMBERS} tickets by number; select by filter beyond that`)
      .optional(),
    /** …or every ticket the list shows with these parameters (not only a page). */
    filter: ticketListQuery.optional(),
    action: bulkAction,
  })
  .refine((b) => (b.numbers === undefined) !== (b.filter === undefined), {
    message: say(VALIDATION.numbersOrFilter),
    path: ['numbers'],
  });
export type BulkBody = z.infer<typeof bulkBody>;

export const BULK_STATUSES = ['queued', 'running', 'done', 'failed'] as const;

/** How far a bulk change has got; `skippedTickets` lists the first skipped tickets with why. */
export const bulkJobSchema = z.object({
  id: z.string(),
  status: z.enum(BULK_STATUSES),
  action: z.enum(['update', 'message', 'merge', 'delete', 'macro']),
  total: z.number(),
  done: z.number(),
  changed: z.number(),
  skipped: z.number(),
  skippedTickets: z.array(z.object({ number: z.number(), reason: z.string() })),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type BulkJob = z.infer<typeof bulkJobSchema>;

export const bulkJobParams = z.strictObject({ id: z.string().min(1).max(64) });

/** How many tickets the list with these parameters holds on all its pages. */
export const ticketCountSchema = z.object({ count: z.number() });
