import type { Mentionable } from '../../../common/notifications.js';
import { type Actor, type ActorCtx, type Ctx, nowIso } from '../../context.js';
import type { Executor } from '../../db/database.js';
import { enqueue } from '../../jobs/outbox.js';
import { authorize } from '../../policies/policy.js';
import { isTicketVisible } from '../ticket-data/tickets.repository.js';
import { requireVisibleTicket } from '../tickets/tickets.service.js';
import { departmentIdsOfMany } from '../users/users.repository.js';
import { activeStaff, type StaffRow } from './inbox.repository.js';

// `@handle` in an internal note. A staff member's handle is the part of their email before the @,
// lower-cased (maya@example.com is @maya); where two staff addresses start the same, the whole
// address is the handle (@maya@example.com), so a handle always names one person. Only staff who
// may see the ticket are offered and notified; a handle of anyone else is plain text.

/** How many people the suggestions offer at once. */
const SUGGESTIONS = 10;

/**
 * The handles written in a text, lower-cased: `@` at the start or after a space or punctuation
 * (not inside an address such as a@b.c), a local part and optionally a domain; a full stop ending
 * a sentence is not part of it.
 */
export function writtenHandles(text: string): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(/(?<![\w.@+%-])@([\w.%+-]+(?:@[a-z0-9-]+(?:\.[a-z0-9-]+)+)?)/gi)) {
    const handle = (m[1] ?? '').replace(/\.+$/, '').toLowerCase();
    if (handle) found.add(handle);
  }
  return [...found];
}

const localPart = (email: string) => email.slice(0, email.lastIndexOf('@')).toLowerCase();

/** Each staff member's handle, by user id (see the rule at the top). */
export function handles(staff: readonly StaffRow[]): Map<string, string> {
  const count = new Map<string, number>();
  for (const s of staff) count.set(localPart(s.email), (count.get(localPart(s.email)) ?? 0) + 1);
  return new Map(
    staff.map((s) => [
      s.id,
      count.get(localPart(s.email)) === 1 ? localPart(s.email) : s.email.toLowerCase(),
    ]),
  );
}

/**
 * Which of `staff` may see the ticket, by the one visibility rule (asked as each of them; people
 * with the same role and departments are asked once).
 */
export async function staffWhoSee(db: Executor, ticketId: string, staff: StaffRow[]): Promise<StaffRow[]> {
  const departments = await departmentIdsOfMany(
    db,
    staff.filter((s) => s.role === 'agent').map((s) => s.id),
  );
  const answers = new Map<string, Promise<boolean>>();
  const sees = await Promise.all(
    staff.map((s) => {
      const departmentIds = s.role === 'agent' ? (departments.get(s.id) ?? []) : [];
      const key = `${s.role}:${departmentIds.join(',')}`;
      let answer = answers.get(key);
      if (!answer) {
        const actor: Actor = { ...s, organisationId: null, departmentIds };
        answer = isTicketVisible(db, actor, ticketId);
        answers.set(key, answer);
      }
      return answer;
    }),
  );
  return staff.filter((_, i) => sees[i]);
}

/** The staff a note's text mentions who may see the ticket, without its writer: whom it notifies. */
export async function mentionedStaff(
  db: Executor,
  ticketId: string,
  text: string,
  writerId: string,
): Promise<string[]> {
  const written = new Set(writtenHandles(text));
  if (written.size === 0) return [];
  const staff = await activeStaff(db);
  const byHandle = handles(staff);
  const named = staff.filter((s) => s.id !== writerId && written.has(byHandle.get(s.id) ?? ''));
  return (await staffWhoSee(db, ticketId, named)).map((s) => s.id);
}

/** Of `userIds`, the active staff who still may see the ticket: checked again when a mention is delivered. */
export async function stillMentionable(db: Executor, ticketId: string, userIds: string[]): Promise<string[]> {
  if (userIds.length === 0) return [];
  const wanted = new Set(userIds);
  const staff = (await activeStaff(db)).filter((s) => wanted.has(s.id));
  return (await staffWhoSee(db, ticketId, staff)).map((s) => s.id);
}

/** Whom the note box offers after `@`: staff who may see the ticket whose name or handle has `q`. */
export async function mentionable(
  ctx: ActorCtx,
  number: number,
  q = '',
): Promise<{ items: Mentionable[]; nextCursor: null }> {
  authorize(ctx.actor, 'ticket.addInternalNote');
  const ticket = await requireVisibleTicket(ctx, ctx.db, number);
  const staff = await activeStaff(ctx.db);
  const byHandle = handles(staff);
  const needle = q.toLowerCase().replace(/^@/, '');
  const matching = staff.filter(
    (s) =>
      s.id !== ctx.actor.id &&
      (s.name.toLowerCase().includes(needle) || (byHandle.get(s.id) ?? '').includes(needle)),
  );
  const items: Mentionable[] = [];
  // In pages, so a long staff list stops being asked once the suggestions are full.
  for (let i = 0; i < matching.length && items.length < SUGGESTIONS; i += 50) {
    for (const s of await staffWhoSee(ctx.db, ticket.id, matching.slice(i, i + 50))) {
      if (items.length < SUGGESTIONS)
        items.push({ id: s.id, name: s.name, handle: byHandle.get(s.id) ?? '' });
    }
  }
  return { items, nextCursor: null };
}

/**
 * An internal note's mentions, as one notice in the note's transaction: the staff it names who may
 * see the ticket (anyone else named is plain text). Public replies notify nobody this way.
 */
export async function noticeMentions(
  ctx: Ctx,
  trx: Executor,
  ticket: { id: string; number: number },
  note: { id: string; author_id: string | null; body: string },
): Promise<void> {
  if (!note.author_id) return;
  const mentionedIds = await mentionedStaff(trx, ticket.id, note.body, note.author_id);
  if (mentionedIds.length === 0) return;
  const now = nowIso(ctx);
  await enqueue(
    trx,
    {
      topic: 'notification',
      payload: {
        event: 'ticket.mentioned',
        ticketId: ticket.id,
        ticketNumber: ticket.number,
        actorId: note.author_id,
        messageId: note.id,
        mentionedIds,
      },
      dedupeKey: `ticket.mentioned:${ticket.id}:message:${note.id}`,
      runAt: now,
    },
    now,
  );
}
