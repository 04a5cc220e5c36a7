import type { z } from 'zod';
import type { invitationAcceptBody, inviteUsersBody } from '../../../common/accounts.js';
import { type ActorCtx, type Ctx, nowIso } from '../../context.js';
import { AppError, forbidden, notFound, validation } from '../../errors.js';
import { newId } from '../../lib/crypto.js';
import { mailDomain } from '../../lib/mail-domain.js';
import { authorize } from '../../policies/policy.js';
import { audit, byActor } from '../audit/audit.service.js';
import { getAccountSettings } from '../auth/account-settings.js';
import { openSession, refuseWhenPasswordsOff } from '../auth/auth.service.js';
import { checkAvailableLocale } from '../languages/reader.js';
import { seesOrganisation } from '../ticket-data/tickets.repository.js';
import {
  closeLinks,
  customerDomainsOf,
  findUserByEmail,
  findUserById,
  insertUser,
  setUserDepartments,
} from '../users/users.repository.js';
import { checkReferences } from '../users/users.service.js';
import { INVALID_LINK, issueLink, openLink, redeemLink } from './links.js';

type InviteResult = {
  email: string;
  outcome: 'invited' | 'exists';
  userId: string;
  expiresAt: string | null;
};

/**
 * Invites people by email: each becomes a user without a password and gets a single-use link to
 * choose one. An address that already has an account is reported, not changed. One transaction
 * per invitee, so a long list is not undone by one late conflict.
 */
export async function inviteUsers(
  ctx: ActorCtx,
  input: z.infer<typeof inviteUsersBody>,
): Promise<{ results: InviteResult[] }> {
  const { agentsInviteCustomers } = await getAccountSettings(ctx.db);
  authorize(ctx.actor, 'user.invite', { inviteRole: input.role, agentsInviteCustomers });
  await checkReferences(ctx.db, input.role, input.organisationId, input.departmentIds);
  checkAvailableLocale(input.locale);
  // An invitation is a link to choose a password; where passwords are off, sign-on creates accounts.
  await refuseWhenPasswordsOff(ctx.db, input.role);
  if (ctx.actor.role === 'agent') await checkAgentInvitation(ctx, input);
  const departmentIds = [...new Set(input.departmentIds ?? [])].sort();
  const seen = new Set<string>();
  const results: InviteResult[] = [];
  for (const invitee of input.invitees) {
    const email = invitee.email.toLowerCase();
    if (seen.has(email)) continue;
    seen.add(email);
    results.push(
      await ctx.db.transaction().execute(async (trx): Promise<InviteResult> => {
        const existing = await findUserByEmail(trx, email);
        if (existing) return { email, outcome: 'exists', userId: existing.id, expiresAt: null };
        const now = nowIso(ctx);
        const id = newId();
        await insertUser(trx, {
          id,
          email,
          name: invitee.name?.trim() || email.split('@')[0] || email,
          role: input.role,
          password_hash: null,
          organisation_id: input.organisationId ?? null,
          phone: null,
          active: 1,
          on_call: 0,
          locale: input.locale ?? null,
          created_at: now,
          updated_at: now,
        });
        await setUserDepartments(trx, id, input.role === 'customer' ? [] : departmentIds);
        const link = await issueLink(ctx, trx, { userId: id, purpose: 'invite', createdBy: ctx.actor.id });
        await audit(ctx, trx, {
          ...byActor(ctx),
          action: 'invitation_sent',
          subject: { id, email },
          details: { role: input.role },
        });
        return { email, outcome: 'invited', userId: id, expiresAt: link.expiresAt };
      }),
    );
  }
  return { results };
}

/**
 * An agent invites customers only into an organisation whose tickets their departments handle, and
 * only at the mail domains of that organisation's people: a customer sees every ticket of their
 * organisation, so an agent must not be able to let in an address of their own choosing.
 */
async function checkAgentInvitation(ctx: ActorCtx, input: z.infer<typeof inviteUsersBody>) {
  const { organisationId } = input;
  if (!organisationId) throw validation('organisationId', 'choose the organisation the customers belong to');
  if (!(await seesOrganisation(ctx.db, ctx.actor, organisationId))) {
    throw forbidden('You can invite customers only into organisations whose tickets your departments handle');
  }
  const domains = await customerDomainsOf(ctx.db, organisationId);
  const outside = input.invitees.map((i) => i.email.toLowerCase()).filter((e) => !domains.has(mailDomain(e)));
  if (outside.length > 0) {
    throw forbidden(
      `You can invite only addresses at the domains of this organisation's people (${[...domains].join(', ') || 'none yet'}); not ${outside.slice(0, 3).join(', ')}`,
    );
  }
}

/** Sends a user who has not chosen a password a new invitation; the earlier links stop working. */
export async function resendInvitation(ctx: ActorCtx, userId: string): Promise<{ expiresAt: string }> {
  authorize(ctx.actor, 'user.invite');
  return ctx.db.transaction().execute(async (trx) => {
    const user = await findUserById(trx, userId);
    if (!user) throw notFound('No such user');
    if (user.active !== 1) throw new AppError('conflict', 'This user is deactivated; reactivate them first');
    if (user.password_hash) throw new AppError('conflict', 'This user has already chosen a password');
    await closeLinks(trx, userId, nowIso(ctx), 'invite');
    const link = await issueLink(ctx, trx, { userId, purpose: 'invite', createdBy: ctx.actor.id });
    await audit(ctx, trx, {
      ...byActor(ctx),
      action: 'invitation_sent',
      subject: user,
      details: { resent: true },
    });
    return { expiresAt: link.expiresAt };
  });
}

/** Withdraws a user's open invitation: its link stops working; the user stays, without a password. */
export async function revokeInvitation(ctx: ActorCtx, userId: string): Promise<void> {
  authorize(ctx.actor, 'user.invite');
  await ctx.db.transaction().execute(async (trx) => {
    if ((await closeLinks(trx, userId, nowIso(ctx), 'invite')) === 0) {
      throw notFound('This user has no open invitation');
    }
    const user = await findUserById(trx, userId);
    await audit(ctx, trx, { ...byActor(ctx), action: 'invitation_revoked', subject: user ?? null });
  });
}

/** Whom an invitation or reset link is for, so its page can greet them; 404 when it does not work. */
export async function describeLink(ctx: Ctx, token: string, purpose: 'invite' | 'reset') {
  const link = await openLink(ctx, ctx.db, token, purpose);
  return { email: link.email, name: link.name, expiresAt: link.expires_at };
}

/** Takes an invitation up: the invitee's name and password are set and they are signed in. */
export async function acceptInvitation(
  ctx: Ctx,
  input: z.infer<typeof invitationAcceptBody> & { ip: string; userAgent: string | null },
) {
  const invitee = await findUserById(ctx.db, (await openLink(ctx, ctx.db, input.token, 'invite')).user_id);
  if (invitee) await refuseWhenPasswordsOff(ctx.db, invitee.role);
  const accepted = await redeemLink(
    ctx,
    { ...input, purpose: 'invite', patch: { name: input.name } },
    (trx, user) =>
      audit(ctx, trx, { action: 'invitation_accepted', actor: user, subject: user, ip: input.ip }),
  );
  const user = await findUserById(ctx.db, accepted.id);
  if (!user) throw new AppError('not_found', INVALID_LINK.invite);
  return openSession(ctx, user, input);
}
