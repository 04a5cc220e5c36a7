import { z } from 'zod';
import { pageQuery } from './api.js';

// Admin › Inbound mail: what came in and was not turned into a reply or a ticket, and what an
// admin does with it.

export const INBOUND_STATES = [
  'received',
  'processed',
  'ignored',
  'quarantined',
  'refused',
  'failed',
  'discarded',
] as const;
export type InboundState = (typeof INBOUND_STATES)[number];

/** The states an admin can still act on: process, attach or discard. */
export const REVIEWABLE_STATES = ['ignored', 'quarantined', 'refused', 'failed'] as const;

export const inboundListQuery = pageQuery.extend({
  state: z.enum(INBOUND_STATES).optional(),
  channel: z.enum(['email', 'whatsapp', 'telegram']).optional(),
  /** Only messages whose automatic answer went out, or was held back by the cap on automatic mail. */
  autoReply: z.enum(['sent', 'suppressed']).optional(),
});

export const inboundItemSchema = z.object({
  id: z.string(),
  channel: z.string(),
  state: z.enum(INBOUND_STATES),
  /** Why it is in this state, in words. */
  detail: z.string().nullable(),
  sender: z.string().nullable(),
  subject: z.string().nullable(),
  /** Bytes as received. */
  size: z.number().nullable(),
  receivedAt: z.string(),
  processedAt: z.string().nullable(),
  /** The ticket it became or was attached to. */
  ticketNumber: z.number().nullable(),
  /** The automatic answer to it (a refusal), sent or suppressed by the cap; null when none. */
  autoReply: z.enum(['sent', 'suppressed']).nullable(),
});
export type InboundItem = z.infer<typeof inboundItemSchema>;

export const inboundAttachBody = z.strictObject({
  ticket: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
});

/** POST /api/v1/inbound/email: the envelope recipient, when the MTA passes it. */
export const rawMailQuery = z.strictObject({ rcpt: z.string().max(2000).optional() });
export const rawMailAccepted = z.object({ id: z.string().nullable(), duplicate: z.boolean() });
