import { z } from 'zod';
import { say, VALIDATION } from './validation-messages.js';

// Single sign-on with OpenID Connect: one provider for staff and, separately, one for customers.

export const SSO_AUDIENCES = ['staff', 'customers'] as const;
export type SsoAudience = (typeof SSO_AUDIENCES)[number];

export const DEFAULT_SSO_SCOPES = 'openid email profile';
export const DEFAULT_SSO_CLAIM = 'groups';

/** One value of the group claim and what it gives a staff member: a role and departments. */
export const ssoMappingSchema = z.strictObject({
  value: z.string().trim().min(1).max(200),
  role: z.enum(['agent', 'admin']),
  departmentIds: z.array(z.string().min(1).max(64)).max(100).default([]),
});
export type SsoMapping = z.output<typeof ssoMappingSchema>;

const scopes = z
  .string()
  .trim()
  .max(500)
  .regex(/^[\x21\x23-\x5b\x5d-\x7e]+( [\x21\x23-\x5b\x5d-\x7e]+)*$/, say(VALIDATION.scopes))
  .refine((s) => s.split(' ').includes('openid'), say(VALIDATION.openidScope));

/** What an administrator saves for one audience; the client secret is write-only. */
export const ssoSettingsBody = z.strictObject({
  enabled: z.boolean(),
  /** The provider's name on the sign-in button: "Sign in with <label>". */
  label: z.string().trim().min(1).max(60),
  /** The issuer, or its discovery document (…/.well-known/openid-configuration). */
  issuerUrl: z.union([z.literal(''), z.url({ protocol: /^https?$/ }).max(500)]),
  clientId: z.string().max(300).trim(),
  /** A new secret; absent keeps the saved one, null removes it (a public client with PKCE only). */
  clientSecret: z.string().min(1).max(1000).nullable().optional(),
  scopes: scopes.default(DEFAULT_SSO_SCOPES),
  /** Staff only: the claim whose values the mappings name. */
  claim: z.string().trim().min(1).max(100).default(DEFAULT_SSO_CLAIM),
  /** Staff only: claim value → role and departments, applied at every sign-in. */
  mappings: z.array(ssoMappingSchema).max(100).default([]),
  /** Whether people of this audience may still sign in with a password. */
  passwordSignIn: z.boolean(),
});
export type SsoSettingsBody = z.input<typeof ssoSettingsBody>;

export const ssoSettingsSchema = z.object({
  audience: z.enum(SSO_AUDIENCES),
  enabled: z.boolean(),
  label: z.string(),
  issuerUrl: z.string(),
  clientId: z.string(),
  /** Whether a client secret is saved; the secret itself is never sent back. */
  clientSecretSet: z.boolean(),
  scopes: z.string(),
  claim: z.string(),
  mappings: z.array(ssoMappingSchema),
  passwordSignIn: z.boolean(),
  /** The redirect URI to register at the provider. */
  redirectUri: z.string(),
});
export type SsoSettings = z.output<typeof ssoSettingsSchema>;

/** What the sign-in page offers: the single sign-on buttons, and where a password still works. */
export const signInOptionsSchema = z.object({
  sso: z.array(z.object({ audience: z.enum(SSO_AUDIENCES), label: z.string(), startUrl: z.string() })),
  passwordSignIn: z.object({ staff: z.boolean(), customers: z.boolean() }),
  /** Whether customers may create their own account (common/sign-up.ts): "Create an account". */
  signUp: z.boolean(),
  /** Whether an administrator reworded product strings (GET /i18n/overrides/:locale has any). */
  overrides: z.boolean(),
});

/** Why a single sign-on did not sign anyone in: the code the sign-in page is sent back with. */
export const SSO_ERRORS = {
  not_configured: 'Single sign-on is not set up.',
  state: 'This sign-in expired or did not start here. Please try again.',
  provider: 'The identity provider did not confirm who you are. Please try again.',
  unverified_email: 'Your identity provider has not verified your email address.',
  no_access: 'Your account at the identity provider does not give you access to Tessera.',
  deactivated: 'Your Tessera account is deactivated.',
  wrong_audience: 'This account signs in another way; use the other sign-in button.',
} as const;
export type SsoError = keyof typeof SSO_ERRORS;
export const SSO_ERROR_PARAM = 'sso_error';
