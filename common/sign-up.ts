import { z } from 'zod';
import { fields } from './api.js';

// Customer self-sign-up: who may create their own account, asking for one, and confirming it.

export const SIGN_UP_MODES = ['off', 'open', 'domains'] as const;
export type SignUpMode = (typeof SIGN_UP_MODES)[number];

/** A mail domain such as `example.com`: labels of letters, digits and hyphens, lower-cased. */
const domain = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .regex(
    /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/,
    'must be a mail domain such as example.com',
  );

/**
 * `off`: nobody signs up (the default). `open`: anyone may. `domains`: only addresses of the listed
 * domains; each may put its new customers into an organisation.
 */
export const signUpSettingsSchema = z.strictObject({
  mode: z.enum(SIGN_UP_MODES),
  domains: z.array(z.strictObject({ domain, organisationId: z.string().min(1).max(64).nullable() })).max(500),
});
export type SignUpSettings = z.output<typeof signUpSettingsSchema>;

/** The name and address; the password is chosen on the mailed link's page, by the address's owner. */
export const signUpBody = z.strictObject({ name: fields.name, email: fields.email });
/** The same answer whether or not the address has an account. */
export const signUpResponse = z.object({ message: z.string() });
export const signUpVerifyBody = z.strictObject({
  token: z.string().min(1).max(300),
  password: fields.password,
});
