import { z } from 'zod';
import { fields, ROLES } from './api.js';
import { localeTag } from './i18n.js';

// Accounts people run themselves: invitations, password resets and changes, their sessions.

const token = z.string().min(1).max(300);

export const inviteUsersBody = z.strictObject({
  invitees: z
    .array(z.strictObject({ email: fields.email, name: fields.name.optional() }))
    .min(1)
    .max(500),
  role: z.enum(ROLES),
  organisationId: z.string().min(1).max(64).optional(),
  departmentIds: z.array(z.string().min(1).max(64)).max(200).optional(),
  /** The invitees' language, for the invitation and the app until they choose; else the installation's. */
  locale: localeTag.optional(),
});
export const inviteUsersResponse = z.object({
  results: z.array(
    z.object({
      email: z.string(),
      /** `exists`: the address has an account already, which is left as it is. */
      outcome: z.enum(['invited', 'exists']),
      userId: z.string(),
      expiresAt: z.string().nullable(),
    }),
  ),
});
export const invitationSentSchema = z.object({ expiresAt: z.string() });

export const linkQuery = z.strictObject({ token });
/** Whom an invitation or reset link is for. */
export const linkInfoSchema = z.object({ email: z.string(), name: z.string(), expiresAt: z.string() });

export const invitationAcceptBody = z.strictObject({ token, name: fields.name, password: fields.password });
export const passwordForgotBody = z.strictObject({ email: fields.email });
export const passwordForgotResponse = z.object({ message: z.string() });
export const passwordResetBody = z.strictObject({ token, password: fields.password });
export const passwordChangeBody = z.strictObject({
  currentPassword: z.string().min(1).max(512),
  password: fields.password,
});

export const sessionSchema = z.object({
  id: z.string(),
  /** The session this request came with. */
  current: z.boolean(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  expiresAt: z.string(),
});
export const sessionList = z.object({ items: z.array(sessionSchema) });
export const sessionsEnded = z.object({ ended: z.number() });

export const secondFactorStatusSchema = z.object({
  enabled: z.boolean(),
  /** Required of the user's role by the account settings: it cannot be turned off. */
  required: z.boolean(),
  recoveryCodesLeft: z.number(),
});
/** A new authenticator secret: as text to type in, as an otpauth URI, and as a QR code (SVG). */
export const secondFactorSetupSchema = z.object({ secret: z.string(), uri: z.string(), qrSvg: z.string() });
export const secondFactorConfirmBody = z.strictObject({ code: z.string().trim().min(6).max(10) });
export const recoveryCodesSchema = z.object({ recoveryCodes: z.array(z.string()) });
export const secondFactorDisableBody = z.strictObject({ password: z.string().min(1).max(512) });

/**
 * How staff and customers get accounts, beyond what single sign-on and self-sign-up decide:
 * whether staff must sign in with a second factor, and whether agents may invite customers.
 */
export const accountSettingsSchema = z.strictObject({
  /** Who must set up two-factor sign-in before they can work: nobody, administrators, or all staff. */
  requireSecondFactor: z.enum(['off', 'admins', 'staff']),
  /** Agents may invite customers into the organisations whose tickets their departments handle. */
  agentsInviteCustomers: z.boolean(),
});
export type AccountSettings = z.infer<typeof accountSettingsSchema>;
