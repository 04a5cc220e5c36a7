import type { z } from 'zod';
import type { invitationAcceptBody, inviteUsersBody } from '../../../common/accounts.js';
import { type ActorCtx, type Ctx, nowIso } from '../../context.js';
import { forbidden, invalid, notFound, refusal } from '../../errors.js';
import { defineMessages } from '../../i18n/index.js';
import { newId } from '../../lib/crypto.js';
import { mailDomain } from '../../lib/mail-domain.js';
import { authorize } from '../../policies/policy.js';
import { audit, byActor } from '../audit/audit.service.js';
import { getAccountSettings } from '../auth/account-settings.js';
import { openSession, refuseWhenPasswordsOff } from '../auth/auth.service.js';
import { checkAvailableLocale } from '../languages/reader.js';
import { seesOrganisation } from '../ticket-data/tickets.repository.js';
import { USER_REFUSALS } from '../users/refusals.js';
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

const SAID = defineMessages({
  chooseOrganisation: {
    id: 'error.accounts.choose_organisation',
    defaultMessage: 'choose the organisation the customers belong to',
  },
  notTheirOrganisation: {
    id: 'error.accounts.invite_not_their_organisation',
    defaultMessage: 'You can invite customers only into organisations whose tickets your departments handle',
  },
  outsideDomains: {
    id: 'error.accounts.invite_outside_domains',
    defaultMessage:
      "You can invite only addresses at the domains of this organisation's people ({domains}); not {not}",
  },
  noDomainsYet: {
    id: 'error.accounts.invite_no_domains',
    defaultMessage:
      "You can invite only addresses at the domains of this organisation's people (none yet); not {not}",
  },
  deactivated: {
    id: 'error.accounts.user_deactivated',
    defaultMessage: 'This user is deactivated; reactivate them first',
  },
  hasPassword: {
    id: 'error.accounts.user_has_password',
    defaultMessage: 'This user has already chosen a password',
  },
  noInvitation: {
    id: 'error.accounts.no_open_invitation',
    defaultMessage: 'This user has no open invitation',
  },
});

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
  if (!organisationId) throw invalid('organisationId', SAID.chooseOrganisation);
  if (!(await seesOrganisation(ctx.db, ctx.actor, organisationId))) {
    throw forbidden(SAID.notTheirOrganisation);
  }
  const domains = await customerDomainsOf(ctx.db, organisationId);
  const outside = input.invitees.map((i) => i.email.toLowerCase()).filter((e) => !domains.has(mailDomain(e)));
  if (outside.length > 0) {
    const not = outside.slice(0, 3).join(', ');
    throw domains.size > 0
      ? refusal('forbidden', SAID.outsideDomains, { domains: [...domains].join(', '), not })
      : refusal('forbidden', SAID.noDomainsYet, { not });
  }
}

/** Sends a user who has not chosen a password a new invitation; the earlier links stop working. */
export async function resendInvitation(ctx: ActorCtx, userId: string): Promise<{ expiresAt: string }> {
  authorize(ctx.actor, 'user.invite');
  return ctx.db.transaction().execute(async (trx) => {
    const user = await findUserById(trx, userId);
    if (!user) throw notFound(USER_REFUSALS.noSuchUser);
    if (user.active !== 1) throw refusal('conflict', SAID.deactivated);
    if (user.password_hash) throw refusal('conflict', SAID.hasPassword);
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
      throw notFound(SAID.noInvitation);
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
  if (!user) throw refusal('not_found', INVALID_LINK.invite);
  return openSession(ctx, user, input);
}
