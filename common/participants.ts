import { z } from 'zod';
import { fields } from './api.js';

// Who is on a ticket besides its requester: staff who follow it (they get its staff notices) and
// the CC addresses of its conversation (each gets the public replies by mail, with a reply address
// of its own). The latest mail from the requester sets the CC list; staff may edit it.

/** The most CC addresses one ticket keeps. */
export const MAX_CC = 20;

export const followerSchema = z.object({ id: z.string(), name: z.string() });
export const ccSchema = z.object({
  /** The customer record the address is (its replies are written by it). */
  userId: z.string(),
  address: z.string(),
  name: z.string(),
  /** Whether a staff member put it there (else the requester's mail did). */
  addedByStaff: z.boolean(),
});
export const participantsSchema = z.object({
  /** Staff only; empty for customers. */
  followers: z.array(followerSchema),
  cc: z.array(ccSchema),
  /** Whether the caller follows the ticket. */
  following: z.boolean(),
});
export type Participants = z.infer<typeof participantsSchema>;
export type CcParticipant = z.infer<typeof ccSchema>;

/** Whom to add or remove as a follower; the caller when left out. */
export const followerBody = z.strictObject({ userId: z.string().min(1).max(64).optional() });
export const followerQuery = followerBody;
export const ccBody = z.strictObject({
  addresses: z.array(fields.email).max(MAX_CC, `at most ${MAX_CC} addresses`),
});
