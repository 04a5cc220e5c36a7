import { z } from 'zod';
import { ticketNumberParams } from './api.js';
import { say, VALIDATION } from './validation-messages.js';

// Links between tickets, read from the ticket they are shown on: "this ticket is a duplicate of
// #12" on one is "#7 is a duplicate of this one" on the other.

/** How the other ticket stands to this one. */
export const LINK_ROLES = ['related', 'duplicate_of', 'duplicated_by', 'caused_by', 'causes'] as const;
export type LinkRole = (typeof LINK_ROLES)[number];

export const ticketLinkBody = z.strictObject({
  /** The other ticket's number. */
  ticket: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  /** What this ticket is to it: related, a duplicate of it, caused by it (or the other way round). */
  kind: z.enum(LINK_ROLES),
});
export const ticketLinkSchema = z.object({
  ticket: z.object({
    number: z.number(),
    subject: z.string(),
    status: z.object({ key: z.string(), label: z.string(), category: z.string() }),
  }),
  kind: z.enum(LINK_ROLES),
  createdAt: z.string(),
});
export type TicketLink = z.infer<typeof ticketLinkSchema>;
export const ticketLinkParams = ticketNumberParams.extend({
  other: z.coerce
    .number({ error: say(VALIDATION.ticketNumber) })
    .int()
    .min(1)
    .max(Number.MAX_SAFE_INTEGER),
});
