import { z } from 'zod';
import { limitParam } from './api.js';

// The audit trail of security events, read-only.

export const AUDIT_ACTIONS = [
  'sign_in',
  'sign_in_failed',
  'password_changed',
  'password_reset',
  'password_reset_requested',
  'password_reset_suppressed',
  'password_set_by_admin',
  'invitation_sent',
  'invitation_revoked',
  'invitation_accepted',
  'user_created',
  'user_updated',
  'sessions_ended',
  'token_created',
  'token_revoked',
  'second_factor_enabled',
  'second_factor_disabled',
  'second_factor_reset',
  'settings_changed',
  'sign_up_requested',
  'sign_up_suppressed',
  'sign_up_existing_account',
  'sign_up_verified',
  'profile_updated',
  'customer_merged',
  'customer_note_added',
  'customer_note_changed',
  'customer_note_deleted',
  'data_exported',
  'import_started',
] as const;

export const auditQuery = z.strictObject({
  limit: limitParam,
  cursor: z.string().max(500).optional(),
  action: z.enum(AUDIT_ACTIONS).optional(),
  /** Events the user did or that were done to them. */
  userId: z.string().min(1).max(64).optional(),
});

const who = z.object({ id: z.string().nullable(), email: z.string().nullable() }).nullable();
export const auditEventSchema = z.object({
  id: z.string(),
  at: z.string(),
  action: z.string(),
  actor: who,
  subject: who,
  ip: z.string().nullable(),
  /** What changed (old → new) or what was asked; never a password or secret. */
  details: z.record(z.string(), z.unknown()),
});
