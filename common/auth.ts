import { z } from 'zod';
import { meSchema, tokenSchema } from './api.js';

// Signing in, first-run setup and API tokens: the answers beside the bodies of common/api.ts.

/** Signed in: the user, and the session cookie is set. */
export const signedInResponse = z.object({ user: meSchema });
/** A password sign-in: signed in, or (with an authenticator app) the challenge the code must answer. */
export const loginResponse = z.union([
  signedInResponse,
  z.object({ secondFactor: z.object({ challenge: z.string(), expiresAt: z.string() }) }),
]);
export const secondFactorBody = z.strictObject({
  challenge: z.string().min(1).max(500),
  code: z.string().trim().min(6).max(20),
});
export const tokenList = z.object({ items: z.array(tokenSchema) });

/** Whether the first admin is still to be created, and until when the setup link works. */
export const setupStateSchema = z.object({ required: z.boolean(), linkExpiresAt: z.string().nullable() });
/** The first administrator, made from the set-up link. */
export const setupDoneSchema = z.object({ email: z.string() });
