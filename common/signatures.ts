import { z } from 'zod';
import { PLACEHOLDERS } from './intake.js';

// Signatures added to public replies: a staff member's own and their ticket's department's.

/** What a signature may name: a canned response's placeholders, and who and where it is sent from. */
export const SIGNATURE_PLACEHOLDERS = [...PLACEHOLDERS, 'agent.email', 'department.name'] as const;

export const MAX_SIGNATURE = 2_000;

/** PUT: an empty body removes the signature. */
export const signatureBody = z.strictObject({ body: z.string().max(MAX_SIGNATURE).trim() });

export const signatureSchema = z.object({
  body: z.string(),
  updatedAt: z.string().nullable(),
});
export type Signature = z.infer<typeof signatureSchema>;

/** The signature for a reply on a ticket, its placeholders filled: the person's, then the department's. */
export const ticketSignatureSchema = z.object({ body: z.string() });
