import type { z } from 'zod';
import type {
  Trigger,
  TriggerAction,
  TriggerCondition,
  TriggerInput,
  triggerDryRunBody,
  triggerOrderBody,
} from '../../../common/triggers.js';
import { type ActorCtx, nowIso } from '../../context.js';
import type { Executor } from '../../db/database.js';
import { AppError, notFound, validation } from '../../errors.js';
import { newId } from '../../lib/crypto.js';
import { authorize } from '../../policies/policy.js';
import { findStatus } from '../../workflow/engine.js';
import { audit, byActor } from '../audit/audit.service.js';
import { changedFields } from '../audit/setting-change.js';
import { findCalendar } from '../calendars/calendars.repository.js';
import { findCanned } from '../canned/canned.repository.js';
import { findDepartment } from '../departments/departments.repository.js';
import { flag } from '../reference-data/patch.js';
import { findTicketById } from '../ticket-data/tickets.repository.js';
import { forgetTriggerTypes } from '../ticket-data/trigger-queue.js';
import { findUserById } from '../users/users.repository.js';
import { loadWorkflow } from '../workflow/workflow.service.js';
import { matches } from './triggers.match.js';
import {
  deleteTriggerRow,
  findTriggerRow,
  firingStats,
  insertTrigger,
  latestTicketIds,
  listTriggerRows,
  messageText,
  nextTriggerPosition,
  setTriggerPositions,
  type TriggerRow,
  triggerNamed,
  updateTriggerRow,
} from './triggers.repository.js';
import { ticketFacts } from './triggers.run.js';

// Triggers as administrators manage them: ordered, each saved only when what it names exists (the
// statuses of the workflow, departments, people, calendars, macros), every change on the audit
// trail. A dry run shows which of the latest tickets a rule's conditions match now.

const DAY = 86_400_000;

function present(row: TriggerRow, stats: Map<string, { fired: number; capped: number }>): Trigger {
  const d = JSON.parse(row.definition) as Pick<Trigger, 'on' | 'match' | 'conditions' | 'actions'>;
  const s = stats.get(row.id);
  return {
    id: row.id,
    name: row.name,
    position: row.position,
    enabled: row.enabled === 1,
    recursive: row.recursive === 1,
    ...d,
    hourlyLimit: row.hourly_limit,
    firedLastDay: s?.fired ?? 0,
    cappedLastDay: s?.capped ?? 0,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

const stats = (ctx: ActorCtx, db: Executor) =>
  firingStats(db, new Date(ctx.clock().getTime() - DAY).toISOString());

async function triggerOr404(ctx: ActorCtx, db: Executor, id: string): Promise<Trigger> {
  const row = await findTriggerRow(db, id);
  if (!row) throw notFound('No such trigger');
  return present(row, await stats(ctx, db));
}

const recordChange = (ctx: ActorCtx, db: Executor, details: Record<string, unknown>) =>
  audit(ctx, db, { ...byActor(ctx), action: 'settings_changed', details: { area: 'trigger', ...details } });

async function checkUser(db: Executor, path: string, id: string | null, staff: boolean) {
  if (id === null) return;
  const user = await findUserById(db, id);
  if (!user || (staff && user.role === 'customer'))
    throw validation(path, `no such ${staff ? 'staff member' : 'user'}`);
}

async function checkCondition(ctx: ActorCtx, db: Executor, c: TriggerCondition, path: string) {
  if (c.type === 'businessHours' && !(await findCalendar(db, c.calendarId)))
    throw validation(`${path}.calendarId`, 'no such calendar');
  if (
    c.type === 'customField' &&
    !(await db.selectFrom('custom_fields').select('key').where('key', '=', c.key).executeTakeFirst())
  )
    throw validation(`${path}.key`, 'no such custom field');
  if (c.type !== 'field' || c.value === null || c.op === 'contains' || c.op === 'notContains') return;
  const v = `${path}.value`;
  if (c.field === 'status' && !findStatus(await loadWorkflow(ctx, db), c.value))
    throw validation(v, 'no such status');
  if (c.field === 'departmentId' && !(await findDepartment(db, c.value)))
    throw validation(v, 'no such department');
  if (c.field === 'assigneeId') await checkUser(db, v, c.value, true);
  if (c.field === 'requesterId') await checkUser(db, v, c.value, false);
}

async function checkAction(ctx: ActorCtx, db: Executor, a: TriggerAction, path: string) {
  switch (a.type) {
    case 'update': {
      const ch = a.changes;
      if (ch.status !== undefined && !findStatus(await loadWorkflow(ctx, db), ch.status))
        throw validation(`${path}.changes.status`, 'no such status');
      if (ch.departmentId !== undefined && !(await findDepartment(db, ch.departmentId)))
        throw validation(`${path}.changes.departmentId`, 'no such department');
      if (ch.assigneeId !== undefined) await checkUser(db, `${path}.changes.assigneeId`, ch.assigneeId, true);
      return;
    }
    case 'notice':
      if (a.to === 'address' && !a.address) throw validation(`${path}.address`, 'give the address to mail');
      return;
    case 'macro':
      if (!(await findCanned(db, a.macroId))) throw validation(`${path}.macroId`, 'no such macro');
      return;
    case 'note':
      return;
  }
}

/** A 400 naming the first thing the rule names that does not exist. */
async function checkRule(ctx: ActorCtx, db: Executor, t: Pick<TriggerInput, 'conditions' | 'actions'>) {
  for (const [i, c] of t.conditions.entries()) await checkCondition(ctx, db, c, `conditions.${i}`);
  for (const [i, a] of (t.actions ?? []).entries()) await checkAction(ctx, db, a, `actions.${i}`);
}

async function nameFree(db: Executor, name: string, except?: string) {
  const other = await triggerNamed(db, name);
  if (other && other.id !== except) throw new AppError('conflict', 'A trigger with this name exists');
}

const columns = (t: TriggerInput) => ({
  name: t.name,
  enabled: flag(t.enabled),
  recursive: flag(t.recursive),
  definition: JSON.stringify({ on: t.on, match: t.match, conditions: t.conditions, actions: t.actions }),
  hourly_limit: t.hourlyLimit,
});

const summary = (t: Trigger | TriggerInput): TriggerInput => ({
  name: t.name,
  enabled: t.enabled,
  recursive: t.recursive,
  on: t.on,
  match: t.match,
  conditions: t.conditions,
  actions: t.actions,
  hourlyLimit: t.hourlyLimit,
});

/** Runs a change of the rules and forgets the event types kept for the ticket changes. */
async function changing<T>(ctx: ActorCtx, run: (trx: Executor) => Promise<T>): Promise<T> {
  authorize(ctx.actor, 'trigger.manage');
  const out = await ctx.db.transaction().execute(run);
  forgetTriggerTypes(ctx.db);
  return out;
}

export async function listTriggers(ctx: ActorCtx): Promise<Trigger[]> {
  authorize(ctx.actor, 'trigger.manage');
  const s = await stats(ctx, ctx.db);
  return (await listTriggerRows(ctx.db)).map((r) => present(r, s));
}

export async function getTrigger(ctx: ActorCtx, id: string): Promise<Trigger> {
  authorize(ctx.actor, 'trigger.manage');
  return triggerOr404(ctx, ctx.db, id);
}

/** Adds a rule after the others: it runs last, seeing what the earlier ones changed. */
export const createTrigger = (ctx: ActorCtx, body: TriggerInput) =>
  changing(ctx, async (trx) => {
    await checkRule(ctx, trx, body);
    await nameFree(trx, body.name);
    const id = newId();
    const now = nowIso(ctx);
    const position = await nextTriggerPosition(trx);
    await insertTrigger(trx, { id, position, ...columns(body), created_at: now, updated_at: now });
    await recordChange(ctx, trx, { created: body.name, ...summary(body) });
    return triggerOr404(ctx, trx, id);
  });

export const updateTrigger = (ctx: ActorCtx, id: string, body: TriggerInput) =>
  changing(ctx, async (trx) => {
    const old = await triggerOr404(ctx, trx, id);
    await checkRule(ctx, trx, body);
    await nameFree(trx, body.name, id);
    const changes = changedFields(summary(old), summary(body));
    if (Object.keys(changes).length === 0) return old;
    await updateTriggerRow(trx, id, { ...columns(body), updated_at: nowIso(ctx) });
    await recordChange(ctx, trx, { changed: old.name, changes });
    return triggerOr404(ctx, trx, id);
  });

export const deleteTrigger = (ctx: ActorCtx, id: string) =>
  changing(ctx, async (trx) => {
    const old = await triggerOr404(ctx, trx, id);
    await deleteTriggerRow(trx, id);
    await recordChange(ctx, trx, { deleted: old.name });
  });

/** Puts the rules in the order given, which must name each of them once. */
export const orderTriggers = (ctx: ActorCtx, body: z.output<typeof triggerOrderBody>) =>
  changing(ctx, async (trx) => {
    const old = await listTriggerRows(trx);
    const byId = new Map(old.map((t) => [t.id, t]));
    const named = new Set<string>();
    body.ids.forEach((id, i) => {
      if (!byId.has(id)) throw validation(`ids.${i}`, `there is no trigger ${id}`);
      if (named.has(id)) throw validation(`ids.${i}`, `“${byId.get(id)?.name}” is named twice`);
      named.add(id);
    });
    const left = old.find((t) => !named.has(t.id));
    if (left) throw validation('ids', `“${left.name}” is missing; name every trigger once`);
    const before = old.map((t) => t.name);
    const after = body.ids.map((id) => byId.get(id)?.name);
    if (before.some((n, i) => n !== after[i])) {
      await setTriggerPositions(trx, body.ids);
      await recordChange(ctx, trx, { reordered: after, changes: { order: { from: before, to: after } } });
    }
    const s = await stats(ctx, trx);
    return (await listTriggerRows(trx)).map((r) => present(r, s));
  });

/** Which of the latest tickets the conditions match now (a message condition: their first message). */
export async function dryRunTrigger(ctx: ActorCtx, body: z.output<typeof triggerDryRunBody>) {
  authorize(ctx.actor, 'trigger.manage');
  await checkRule(ctx, ctx.db, { conditions: body.conditions, actions: [] });
  const ids = await latestTicketIds(ctx.db, body.limit);
  const matched: { number: number; subject: string }[] = [];
  for (const { id } of ids) {
    const ticket = await findTicketById(ctx.db, id);
    if (!ticket) continue;
    const needsText = body.conditions.some((c) => c.type === 'messageContains');
    const text = needsText ? ((await messageText(ctx.db, id))?.body ?? null) : null;
    const facts = await ticketFacts(ctx, ctx.db, ticket, text, body.conditions);
    if (matches(body.match, body.conditions, facts))
      matched.push({ number: ticket.number, subject: ticket.subject });
  }
  return { checked: ids.length, matches: matched };
}
