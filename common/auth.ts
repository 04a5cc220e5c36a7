import { z } from 'zod';
import { meSchema, tokenSchema } from './api.js';

// Signing in, first-run setup and API tokens: the answers beside the bodies of common/api.ts.

export const loginResponse = z.object({ user: meSchema });
export const tokenList = z.object({ items: z.array(tokenSchema) });

/** Whether the first admin is still to be created, and until when the setup link works. */
export const setupStateSchema = z.object({ required: z.boolean(), linkExpiresAt: z.string().nullable() });
