import { z } from 'zod';
import { say, VALIDATION } from './validation-messages.js';

// Drafts and presence on a ticket, for staff: what an agent has half written (kept on the server,
// so it follows them to another device) and who else has the ticket open or is writing on it.

export const DRAFT_KINDS = ['reply', 'note'] as const;
export type DraftKind = (typeof DRAFT_KINDS)[number];

/** The same limit as a message's body: a draft that could not be sent is not worth keeping. */
const draftText = z.string().max(100_000);

export const draftQuery = z.strictObject({ kind: z.enum(DRAFT_KINDS) });
/** An empty (or blank) body discards the draft. */
export const draftBody = z.strictObject({ kind: z.enum(DRAFT_KINDS), body: draftText });
export const draftSchema = z.object({
  kind: z.enum(DRAFT_KINDS),
  body: z.string(),
  /** When it was last saved; null when there is none. */
  updatedAt: z.string().nullable(),
});
export type Draft = z.infer<typeof draftSchema>;

/**
 * A heartbeat from one open ticket page (`clientId`, random per page): the agent views it, and may
 * be writing a reply or a note; `left` when the page closes. Sent every few seconds; without one
 * for 30 s the page counts as closed.
 */
export const presenceBody = z.strictObject({
  clientId: z
    .string()
    .min(8)
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/, say(VALIDATION.lettersDigitsDashUnderscore)),
  state: z.enum(['viewing', 'left']),
  drafting: z.enum(DRAFT_KINDS).nullable().default(null),
});
export const viewerSchema = z.object({
  user: z.object({ id: z.string(), name: z.string() }),
  /** What they are writing, if anything. */
  drafting: z.enum(DRAFT_KINDS).nullable(),
});
export type Viewer = z.infer<typeof viewerSchema>;
/** The others on a ticket (never the caller), as the heartbeat answers and the stream's `presence` event says. */
export const presenceSchema = z.object({ number: z.number(), viewers: z.array(viewerSchema) });
export type Presence = z.infer<typeof presenceSchema>;
