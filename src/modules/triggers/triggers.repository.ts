import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { AutoReplyTable, TriggerFiringTable, TriggerTable } from '../../db/schema.js';

export type TriggerRow = TriggerTable;

/** A trigger runs on ticket events; an automation ('time') on the scheduler's sweep. */
export type RuleKind = 'event' | 'time';

export const listTriggerRows = (db: Executor, enabledOnly = false, kind: RuleKind = 'event') => {
  let q = db.selectFrom('triggers').selectAll().where('kind', '=', kind);
  if (enabledOnly) q = q.where('enabled', '=', 1);
  return q.orderBy('position').orderBy('id').execute();
};

export const findTriggerRow = (db: Executor, id: string) =>
  db.selectFrom('triggers').selectAll().where('id', '=', id).executeTakeFirst();

export const triggerNamed = (db: Executor, name: string) =>
  db.selectFrom('triggers').select('id').where('name', '=', name).executeTakeFirst();

export const insertTrigger = (db: Executor, row: TriggerRow) =>
  db.insertInto('triggers').values(row).execute();

export const updateTriggerRow = (db: Executor, id: string, patch: Partial<TriggerRow>) =>
  db.updateTable('triggers').set(patch).where('id', '=', id).execute();

export const deleteTriggerRow = (db: Executor, id: string) =>
  db.deleteFrom('triggers').where('id', '=', id).execute();

export async function nextTriggerPosition(db: Executor, kind: RuleKind): Promise<number> {
  const r = await db
    .selectFrom('triggers')
    .where('kind', '=', kind)
    .select((eb) => eb.fn.max('position').as('top'))
    .executeTakeFirst();
  return Number(r?.top ?? 0) + 1;
}

export async function setTriggerPositions(db: Executor, ids: string[]) {
  for (const [i, id] of ids.entries())
    await db
      .updateTable('triggers')
      .set({ position: i + 1 })
      .where('id', '=', id)
      .execute();
}

/** Records that a rule fired for an event; false when it already had (a retried run). */
export async function claimFiring(db: Executor, row: TriggerFiringTable): Promise<boolean> {
  const r = await db
    .insertInto('trigger_firings')
    .values(row)
    .onConflict((oc) => oc.columns(['trigger_id', 'ticket_id', 'event_id']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

export const settleFiring = (db: Executor, id: string, messages: number, capped: boolean) =>
  db
    .updateTable('trigger_firings')
    .set({ messages, capped: capped ? 1 : 0 })
    .where('id', '=', id)
    .execute();

/** Messages a rule made since `since`, on one ticket or on all. */
export async function messagesSince(
  db: Executor,
  triggerId: string,
  since: string,
  ticketId?: string,
): Promise<number> {
  let q = db
    .selectFrom('trigger_firings')
    .select(sql<number>`coalesce(sum(messages), 0)`.as('n'))
    .where('trigger_id', '=', triggerId)
    .where('fired_at', '>=', since);
  if (ticketId) q = q.where('ticket_id', '=', ticketId);
  return Number((await q.executeTakeFirst())?.n ?? 0);
}

/** Each rule's firings since `since`, and how many of them a cap held back. */
export async function firingStats(db: Executor, since: string) {
  const rows = await db
    .selectFrom('trigger_firings')
    .select([
      'trigger_id',
      sql<number>`count(*)`.as('fired'),
      sql<number>`coalesce(sum(capped), 0)`.as('capped'),
    ])
    .where('fired_at', '>=', since)
    .groupBy('trigger_id')
    .execute();
  return new Map(rows.map((r) => [r.trigger_id, { fired: Number(r.fired), capped: Number(r.capped) }]));
}

/** The latest tickets (not merged away), newest first: what a dry run looks at. */
export const latestTicketIds = (db: Executor, limit: number) =>
  db
    .selectFrom('tickets')
    .select('id')
    .where('merged_into_id', 'is', null)
    .orderBy('number', 'desc')
    .limit(limit)
    .execute();

/** The text of a message, or of the ticket's first one. */
export async function messageText(db: Executor, ticketId: string, messageId?: string | null) {
  let q = db
    .selectFrom('messages')
    .select(['body', 'channel', 'author_id'])
    .where('ticket_id', '=', ticketId);
  q = messageId ? q.where('id', '=', messageId) : q.orderBy('created_at').orderBy('id').limit(1);
  return q.executeTakeFirst();
}

/**
 * Automatic mail an address got since each instant, the same count the channels' automatic
 * answers are capped by (auto_replies): trigger notices go into it too, so whatever sends an
 * address automatic mail, it gets its share and no more.
 */
export async function automaticMailTo(db: Executor, address: string, since: string[]): Promise<number[]> {
  const rows = await db
    .selectFrom('auto_replies')
    .select('created_at')
    .where('channel', '=', 'email')
    .where('recipient', '=', address)
    .where('suppressed', '=', 0)
    .where(
      'created_at',
      '>=',
      since.reduce((a, b) => (a < b ? a : b)),
    )
    .execute();
  return since.map((s) => rows.filter((r) => r.created_at >= s).length);
}

export const recordAutomaticMail = (db: Executor, row: AutoReplyTable) =>
  db.insertInto('auto_replies').values(row).execute();

/** When the customer, and staff, last wrote a public message on the ticket (null: never). */
export async function lastMessagesAt(db: Executor, ticketId: string) {
  const rows = await db
    .selectFrom('messages')
    .innerJoin('users', 'users.id', 'messages.author_id')
    .select([
      sql<number>`case when users.role = 'customer' then 1 else 0 end`.as('customer'),
      sql<string>`max(messages.created_at)`.as('at'),
    ])
    .where('messages.ticket_id', '=', ticketId)
    .where('messages.internal', '=', 0)
    .groupBy(sql`case when users.role = 'customer' then 1 else 0 end`)
    .execute();
  const at = (customer: boolean) => rows.find((r) => Number(r.customer) === (customer ? 1 : 0))?.at ?? null;
  return { customer: at(true), staff: at(false) };
}

/** The event id of an automation's firing while it stands: unique per rule and ticket. */
export const ARMED = 'armed';

/** Tickets an automation stands armed on, by id after `after`, a batch at a time. */
export const armedTickets = (db: Executor, triggerId: string, after: string, limit: number) =>
  db
    .selectFrom('trigger_firings')
    .select('ticket_id')
    .where('trigger_id', '=', triggerId)
    .where('event_id', '=', ARMED)
    .where('ticket_id', '>', after)
    .orderBy('ticket_id')
    .limit(limit)
    .execute();

/** Re-arms the automation on the ticket, keeping the firing (for the counts and caps). */
export const disarm = (db: Executor, triggerId: string, ticketId: string) =>
  db
    .updateTable('trigger_firings')
    .set({ event_id: sql<string>`${'done:'} || id` })
    .where('trigger_id', '=', triggerId)
    .where('ticket_id', '=', ticketId)
    .where('event_id', '=', ARMED)
    .execute();

/** Bounds on a ticket column, or on its latest public reply by the customer or staff (ISO instants). */
export type CandidateBounds = (
  | { column: 'created_at' | 'updated_at' | 'status_changed_at'; op: '<=' | '>='; at: string }
  | { reply: 'customer' | 'staff'; op: '<=' | '>='; at: string }
)[];

/**
 * Tickets an automation may fire on, by id after `after`: not merged away, not armed already,
 * within the bounds, and not solved or closed unless `finished` is true.
 */
export function automationCandidates(
  db: Executor,
  q: { triggerId: string; after: string; limit: number; bounds: CandidateBounds; finished: boolean },
) {
  let s = db
    .selectFrom('tickets')
    .select('id')
    .where('merged_into_id', 'is', null)
    .where('id', '>', q.after)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('trigger_firings')
            .select('trigger_firings.id')
            .where('trigger_firings.trigger_id', '=', q.triggerId)
            .where('trigger_firings.event_id', '=', ARMED)
            .whereRef('trigger_firings.ticket_id', '=', 'tickets.id'),
        ),
      ),
    );
  if (!q.finished) s = s.where('status_category', 'not in', ['solved', 'closed']);
  for (const b of q.bounds) {
    if ('column' in b) {
      s = s.where(b.column, b.op, b.at);
      continue;
    }
    // The latest reply at most `at` (none later, one at all), or at least `at` (one later).
    const by = b.reply === 'customer' ? '=' : '!=';
    s = s.where(({ exists, not, and, selectFrom }) => {
      const replies = selectFrom('messages as m')
        .innerJoin('users as u', 'u.id', 'm.author_id')
        .select('m.id')
        .whereRef('m.ticket_id', '=', 'tickets.id')
        .where('m.internal', '=', 0)
        .where('u.role', by, 'customer');
      return b.op === '>='
        ? exists(replies.where('m.created_at', '>=', b.at))
        : and([exists(replies), not(exists(replies.where('m.created_at', '>', b.at)))]);
    });
  }
  return s.orderBy('id').limit(q.limit).execute();
}

/**
 * Forgets firings older than `before`: the caps look back an hour and the list a day. An
 * automation's standing row (ARMED) is its state, not history, and stays.
 */
export const pruneFirings = (db: Executor, before: string) =>
  db.deleteFrom('trigger_firings').where('fired_at', '<', before).where('event_id', '!=', ARMED).execute();
