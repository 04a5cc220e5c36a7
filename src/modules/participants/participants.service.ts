import type { Participants } from '../../../common/participants.js';
import { MAX_CC } from '../../../common/participants.js';
import { type ActorCtx, type Ctx, isStaff, nowIso } from '../../context.js';
import type { Executor } from '../../db/database.js';
import { invalid, refusal } from '../../errors.js';
import { defineMessages } from '../../i18n/index.js';
import { newId } from '../../lib/crypto.js';
import { authorize } from '../../policies/policy.js';
import { toActor } from '../auth/auth.service.js';
import { insertEvents } from '../ticket-data/events.repository.js';
import { eventRow } from '../ticket-data/status.js';
import { findVisibleTicket, isTicketVisible, type TicketView } from '../ticket-data/tickets.repository.js';
import { TICKET_REFUSALS } from '../ticket-data/visible.js';
import {
  findUserByEmail,
  findUserById,
  insertUserUnlessTaken,
  mailCustomerRow,
  type UserRow,
} from '../users/users.repository.js';
import {
  deleteCcExcept,
  deleteParticipant,
  hasNewerMailFrom,
  insertParticipant,
  listParticipants,
  participantIds,
} from './participants.repository.js';

const SAID = defineMessages({
  notStaff: { id: 'error.participants.not_active_staff', defaultMessage: 'is not an active staff member' },
  cannotSee: { id: 'error.participants.cannot_see_ticket', defaultMessage: 'cannot see this ticket' },
  staffAddress: {
    id: 'error.participants.staff_address',
    defaultMessage: 'is a support or staff address; staff follow the ticket instead',
  },
  requester: { id: 'error.participants.is_requester', defaultMessage: 'is the requester' },
  deactivated: { id: 'error.participants.deactivated', defaultMessage: 'belongs to a deactivated account' },
});

// Followers (staff who get a ticket's staff notices) and the CC list of its conversation (customers
// who get its public replies by mail, each with a reply address of their own, and may answer by
// mail). A CC sees the ticket in the portal only where the visibility rule already lets them.

/** An address the caller gives, with the name its mail header had, if any. */
export type CcAddress = { address: string; name?: string | null };
/** Whether an address is one of the installation's own (the support address, its reply addresses). */
export type OwnAddress = (address: string) => boolean;

async function visibleTicket(ctx: ActorCtx, number: number): Promise<TicketView> {
  const ticket = await findVisibleTicket(ctx.db, ctx.actor, number);
  if (!ticket) throw refusal('not_found', TICKET_REFUSALS.noTicket, { number: String(number) });
  return ticket;
}

export async function getParticipants(ctx: ActorCtx, number: number): Promise<Participants> {
  const ticket = await visibleTicket(ctx, number);
  return presentParticipants(ctx, ctx.db, ticket);
}

async function presentParticipants(ctx: ActorCtx, db: Executor, ticket: TicketView): Promise<Participants> {
  const staff = isStaff(ctx.actor);
  const [followers, cc] = await Promise.all([
    staff ? listParticipants(db, ticket.id, 'follower') : [],
    listParticipants(db, ticket.id, 'cc'),
  ]);
  return {
    followers: followers.map((f) => ({ id: f.user_id, name: f.name })),
    cc: cc.map((c) => ({
      userId: c.user_id,
      address: c.address ?? c.email,
      name: c.name,
      addedByStaff: c.added_by !== null,
    })),
    following: followers.some((f) => f.user_id === ctx.actor.id),
  };
}

/**
 * The staff member a follow request is about: the caller, or (for administrators and the
 * assignee) another active staff member, who must see the ticket too.
 */
async function followerFor(ctx: ActorCtx, ticket: TicketView, userId: string | undefined): Promise<string> {
  authorize(ctx.actor, 'ticket.follow');
  if (!userId || userId === ctx.actor.id) return ctx.actor.id;
  authorize(ctx.actor, 'ticket.manageFollowers', { assigneeId: ticket.assignee_id });
  const user = await findUserById(ctx.db, userId);
  if (user?.active !== 1 || user.role === 'customer') throw invalid('userId', SAID.notStaff);
  return user.id;
}

export async function follow(ctx: ActorCtx, number: number, userId?: string): Promise<Participants> {
  const ticket = await visibleTicket(ctx, number);
  const who = await followerFor(ctx, ticket, userId);
  if (who !== ctx.actor.id) {
    const user = await findUserById(ctx.db, who);
    if (!user || !(await seesTicket(ctx.db, user, ticket.id))) throw invalid('userId', SAID.cannotSee);
  }
  await insertParticipant(ctx.db, {
    id: newId(),
    ticket_id: ticket.id,
    user_id: who,
    kind: 'follower',
    address: null,
    added_by: ctx.actor.id,
    source_message_id: null,
    added_at: nowIso(ctx),
  });
  return presentParticipants(ctx, ctx.db, ticket);
}

export async function unfollow(ctx: ActorCtx, number: number, userId?: string): Promise<Participants> {
  const ticket = await visibleTicket(ctx, number);
  const who = await followerFor(ctx, ticket, userId);
  await deleteParticipant(ctx.db, ticket.id, who, 'follower');
  return presentParticipants(ctx, ctx.db, ticket);
}

/**
 * The customer records of CC addresses, created for addresses nobody has yet. Left out: the
 * requester, the installation's own addresses, staff (they follow instead) and deactivated people.
 */
async function ccUsers(
  db: Executor,
  now: string,
  addresses: CcAddress[],
  requesterId: string,
  isOwn: OwnAddress,
): Promise<{ user: UserRow; address: string }[]> {
  const found = new Map<string, { user: UserRow; address: string }>();
  for (const { address: raw, name } of addresses) {
    const address = raw.trim().toLowerCase();
    if (!address || isOwn(address) || found.size >= MAX_CC) continue;
    let user = await findUserByEmail(db, address);
    if (!user) {
      await insertUserUnlessTaken(db, mailCustomerRow(address, name, newId(), now));
      user = await findUserByEmail(db, address);
    }
    if (!user || user.id === requesterId || user.role !== 'customer' || user.active !== 1) continue;
    if (!found.has(user.id)) found.set(user.id, { user, address });
  }
  return [...found.values()];
}

/**
 * Makes the ticket's CC list exactly `list`: those left off get no further copies. A change is an
 * event on the staff timeline by whoever made it (the agent, or the requester whose mail set it).
 */
async function replaceCc(
  db: Executor,
  ticketId: string,
  list: { user: UserRow; address: string }[],
  by: { actorId: string; addedBy: string | null; messageId: string | null; now: string },
): Promise<void> {
  const before = (await listParticipants(db, ticketId, 'cc')).map((p) => p.address).sort();
  const after = list.map((c) => c.address).sort();
  if (before.join('\n') !== after.join('\n'))
    await insertEvents(db, [
      {
        ...eventRow(ticketId, { kind: 'automation' }, by.now, {
          type: 'changed',
          field: 'cc',
          from: before.join(', ') || null,
          to: after.join(', ') || null,
          public: false,
        }),
        actor_id: by.actorId,
        actor_kind: 'user',
      },
    ]);
  await deleteCcExcept(
    db,
    ticketId,
    list.map((c) => c.user.id),
  );
  for (const c of list)
    await insertParticipant(db, {
      id: newId(),
      ticket_id: ticketId,
      user_id: c.user.id,
      kind: 'cc',
      address: c.address,
      added_by: by.addedBy,
      source_message_id: by.messageId,
      added_at: by.now,
    });
}

/** Staff set the CC list of a ticket they see; the requester's next mail sets it again. */
export async function setCc(
  ctx: ActorCtx,
  number: number,
  addresses: string[],
  isOwn: OwnAddress,
): Promise<Participants> {
  authorize(ctx.actor, 'ticket.update');
  return ctx.db.transaction().execute(async (trx) => {
    const ticket = await findVisibleTicket(trx, ctx.actor, number, true);
    if (!ticket) throw refusal('not_found', TICKET_REFUSALS.noTicket, { number: String(number) });
    const now = nowIso(ctx);
    for (const [i, address] of addresses.entries()) {
      const user = isOwn(address) ? null : await findUserByEmail(trx, address);
      if (isOwn(address) || (user && user.role !== 'customer'))
        throw invalid(`addresses.${i}`, SAID.staffAddress);
      if (user?.id === ticket.requester_id) throw invalid(`addresses.${i}`, SAID.requester);
      if (user && user.active !== 1) throw invalid(`addresses.${i}`, SAID.deactivated);
    }
    const list = await ccUsers(
      trx,
      now,
      addresses.map((address) => ({ address })),
      ticket.requester_id,
      isOwn,
    );
    await replaceCc(trx, ticket.id, list, {
      actorId: ctx.actor.id,
      addedBy: ctx.actor.id,
      messageId: null,
      now,
    });
    return presentParticipants(ctx, trx, ticket);
  });
}

/**
 * The latest mail of a ticket's requester sets its CC list (its To and Cc, less our own addresses
 * and the requester): an address the customer took off gets no further copies. Runs in the
 * transaction that adds the mail's message; mail from anyone but the requester changes nothing, and
 * neither does one older than a mail of theirs already on the ticket (taken in out of order).
 */
export async function ccFromRequesterMail(
  trx: Executor,
  ctx: Pick<Ctx, 'clock'>,
  posted: { ticketId: string; requesterId: string; authorId: string; messageId: string },
  addresses: CcAddress[],
  isOwn: OwnAddress,
): Promise<void> {
  if (posted.authorId !== posted.requesterId) return;
  if (await hasNewerMailFrom(trx, posted.ticketId, posted.authorId, posted.messageId)) return;
  const now = nowIso(ctx);
  const list = await ccUsers(trx, now, addresses, posted.requesterId, isOwn);
  await replaceCc(trx, posted.ticketId, list, {
    actorId: posted.requesterId,
    addedBy: null,
    messageId: posted.messageId,
    now,
  });
}

/** Whether the user may see the ticket now, by the one visibility rule. */
export const seesTicket = async (db: Executor, user: UserRow, ticketId: string) =>
  isTicketVisible(db, await toActor({ db }, user), ticketId);

/**
 * Who besides the usual recipients hears of a notice: the followers who still see the ticket
 * (checked now, at sending) for staff notices, the CC list for a public staff reply.
 */
export async function noticeParticipants(
  db: Executor,
  ticketId: string,
  audience: 'staff' | 'customer',
  event: string,
): Promise<string[]> {
  if (audience === 'customer')
    return event === 'ticket.staff_reply' ? participantIds(db, ticketId, 'cc') : [];
  const seeing: string[] = [];
  for (const id of await participantIds(db, ticketId, 'follower')) {
    const user = await findUserById(db, id);
    if (user && user.role !== 'customer' && (await seesTicket(db, user, ticketId))) seeing.push(id);
  }
  return seeing;
}

/**
 * Who else a customer's mail about the conversation names on Cc: the requester and the CC list,
 * less the recipient. Each gets a mail of their own; the header is there so that answering to all
 * keeps them on the list (the requester's answer sets it). Empty for a customer who is neither
 * the requester nor on the list now: they get nothing (null).
 */
export async function conversationCopies(
  db: Executor,
  ticket: { id: string; requester_id: string },
  recipientId: string,
): Promise<{ name: string; address: string }[] | null> {
  const cc = await listParticipants(db, ticket.id, 'cc');
  if (recipientId !== ticket.requester_id && !cc.some((c) => c.user_id === recipientId)) return null;
  const requester = await findUserById(db, ticket.requester_id);
  const all = [
    ...(requester ? [{ id: requester.id, name: requester.name, address: requester.email }] : []),
    ...cc.map((c) => ({ id: c.user_id, name: c.name, address: c.address ?? c.email })),
  ];
  return all.filter((p) => p.id !== recipientId).map(({ name, address }) => ({ name, address }));
}
