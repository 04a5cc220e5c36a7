import type { z } from 'zod';
import type { AutomationCondition } from '../../../common/automations.js';
import type {
  Trigger,
  TriggerAction,
  TriggerInput,
  triggerDryRunBody,
  triggerOrderBody,
} from '../../../common/triggers.js';
import { type ActorCtx, nowIso } from '../../context.js';
import type { Executor } from '../../db/database.js';
import { invalid, refusal } from '../../errors.js';
import { defineMessages } from '../../i18n/index.js';
import { newId } from '../../lib/crypto.js';
import { authorize } from '../../policies/policy.js';
import { findStatus } from '../../workflow/engine.js';
import { audit, byActor } from '../audit/audit.service.js';
import { changedFields } from '../audit/setting-change.js';
import { findCalendar } from '../calendars/calendars.repository.js';
import { findCanned } from '../canned/canned.repository.js';
import { findDepartment } from '../departments/departments.repository.js';
import { deleteNoticeVariantsOf } from '../languages/translations.repository.js';
import { flag } from '../reference-data/patch.js';
import { SHARED_REFUSALS as SHARED } from '../reference-data/refusals.js';
import { findTicketById } from '../ticket-data/tickets.repository.js';
import { forgetTriggerTypes } from '../ticket-data/trigger-queue.js';
import { findUserById } from '../users/users.repository.js';
import { findEndpointRow } from '../webhooks/webhooks.repository.js';
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
  type RuleKind,
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

/** A rule of either kind as saved and shown: an automation's conditions may count hours. */
export type RuleInput = Omit<TriggerInput, 'conditions'> & { conditions: AutomationCondition[] };
export type RuleView = Omit<Trigger, 'conditions'> & { conditions: AutomationCondition[] };
const NAMES: Record<RuleKind, string> = { event: 'trigger', time: 'automation' };

const REFUSED = defineMessages({
  noTrigger: { id: 'error.triggers.no_trigger', defaultMessage: 'No such trigger' },
  noAutomation: { id: 'error.triggers.no_automation', defaultMessage: 'No such automation' },
  noCustomField: { id: 'error.triggers.no_custom_field', defaultMessage: 'no such custom field' },
  statusAutomatic: {
    id: 'error.triggers.status_automatic',
    defaultMessage: '"{status}" is set by the workflow itself',
  },
  noAddress: { id: 'error.triggers.no_address', defaultMessage: 'give the address to mail' },
  noEndpoint: { id: 'error.triggers.no_endpoint', defaultMessage: 'no such webhook endpoint' },
  nameTaken: {
    id: 'error.triggers.name_taken',
    defaultMessage: 'A trigger or automation with this name exists',
  },
  notInOrder: {
    id: 'error.triggers.not_in_order',
    defaultMessage:
      '{kind, select, automation {there is no automation {id}} other {there is no trigger {id}}}',
  },
  missingInOrder: {
    id: 'error.triggers.missing_in_order',
    defaultMessage:
      '{kind, select, automation {“{name}” is missing; name every automation once} other {“{name}” is missing; name every trigger once}}',
  },
});

function present(row: TriggerRow, stats: Map<string, { fired: number; capped: number }>): RuleView {
  const d = JSON.parse(row.definition) as Pick<RuleView, 'on' | 'match' | 'conditions' | 'actions'>;
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

async function ruleOr404(ctx: ActorCtx, db: Executor, kind: RuleKind, id: string): Promise<RuleView> {
  const row = await findTriggerRow(db, id);
  if (!row || (row.kind ?? 'event') !== kind)
    throw refusal('not_found', kind === 'time' ? REFUSED.noAutomation : REFUSED.noTrigger);
  return present(row, await stats(ctx, db));
}

const recordChange = (ctx: ActorCtx, db: Executor, kind: RuleKind, details: Record<string, unknown>) =>
  audit(ctx, db, {
    ...byActor(ctx),
    action: 'settings_changed',
    details: { area: NAMES[kind], ...details },
  });

async function checkUser(db: Executor, path: string, id: string | null, staff: boolean) {
  if (id === null) return;
  const user = await findUserById(db, id);
  if (!user || (staff && user.role === 'customer'))
    throw invalid(path, staff ? SHARED.noStaff : SHARED.noUser);
}

async function checkCondition(ctx: ActorCtx, db: Executor, c: AutomationCondition, path: string) {
  if (
    (c.type === 'businessHours' || c.type === 'hoursSince') &&
    c.calendarId &&
    !(await findCalendar(db, c.calendarId))
  )
    throw invalid(`${path}.calendarId`, SHARED.noCalendar);
  if (c.type === 'customField') await checkCustomField(db, c.key, `${path}.key`);
  if (c.type !== 'field' || c.value === null || c.op === 'contains' || c.op === 'notContains') return;
  const v = `${path}.value`;
  if (c.field === 'status' && !findStatus(await loadWorkflow(ctx, db), c.value))
    throw invalid(v, SHARED.noStatus);
  if (c.field === 'departmentId' && !(await findDepartment(db, c.value)))
    throw invalid(v, SHARED.noDepartment);
  if (c.field === 'assigneeId') await checkUser(db, v, c.value, true);
  if (c.field === 'requesterId') await checkUser(db, v, c.value, false);
}

async function checkCustomField(db: Executor, key: string, path: string) {
  if (!(await db.selectFrom('custom_fields').select('key').where('key', '=', key).executeTakeFirst()))
    throw invalid(path, REFUSED.noCustomField);
}

/** A status a rule may set: one of the workflow's, and one set by hand (refused now, not on every run). */
async function checkStatus(ctx: ActorCtx, db: Executor, key: string, path: string) {
  const status = findStatus(await loadWorkflow(ctx, db), key);
  if (!status) throw invalid(path, SHARED.noStatus);
  if (!status.manual) throw invalid(path, REFUSED.statusAutomatic, { status: status.staffLabel });
}

/** What an update action sets: statuses a person sets, and departments, people and fields that exist. */
async function checkChanges(
  ctx: ActorCtx,
  db: Executor,
  ch: Extract<TriggerAction, { type: 'update' }>['changes'],
  path: string,
) {
  if (ch.status !== undefined) await checkStatus(ctx, db, ch.status, `${path}.status`);
  if (ch.departmentId !== undefined && !(await findDepartment(db, ch.departmentId)))
    throw invalid(`${path}.departmentId`, SHARED.noDepartment);
  if (ch.assigneeId !== undefined) await checkUser(db, `${path}.assigneeId`, ch.assigneeId, true);
  for (const key of Object.keys(ch.fields ?? {})) await checkCustomField(db, key, `${path}.fields.${key}`);
}

async function checkAction(ctx: ActorCtx, db: Executor, a: TriggerAction, path: string) {
  switch (a.type) {
    case 'update':
      return checkChanges(ctx, db, a.changes, `${path}.changes`);
    case 'notice':
      if (a.to === 'address' && !a.address) throw invalid(`${path}.address`, REFUSED.noAddress);
      if (a.to === 'department' && !(a.departmentId && (await findDepartment(db, a.departmentId))))
        throw invalid(`${path}.departmentId`, SHARED.noDepartment);
      return;
    case 'macro':
      if (!(await findCanned(db, a.macroId))) throw invalid(`${path}.macroId`, SHARED.noMacro);
      return;
    case 'webhook':
      if (!(await findEndpointRow(db, a.endpointId))) throw invalid(`${path}.endpointId`, REFUSED.noEndpoint);
      return;
    case 'note':
      return;
  }
}

/** A 400 naming the first thing the rule names that does not exist. */
export async function checkRule(ctx: ActorCtx, db: Executor, t: Pick<RuleInput, 'conditions' | 'actions'>) {
  for (const [i, c] of t.conditions.entries()) await checkCondition(ctx, db, c, `conditions.${i}`);
  for (const [i, a] of (t.actions ?? []).entries()) await checkAction(ctx, db, a, `actions.${i}`);
}

async function nameFree(db: Executor, name: string, except?: string) {
  const other = await triggerNamed(db, name);
  if (other && other.id !== except) throw refusal('conflict', REFUSED.nameTaken);
}

const columns = (t: RuleInput) => ({
  name: t.name,
  enabled: flag(t.enabled),
  recursive: flag(t.recursive),
  definition: JSON.stringify({ on: t.on, match: t.match, conditions: t.conditions, actions: t.actions }),
  hourly_limit: t.hourlyLimit,
});

const summary = (t: RuleView | RuleInput): RuleInput => ({
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

export async function listRules(ctx: ActorCtx, kind: RuleKind): Promise<RuleView[]> {
  authorize(ctx.actor, 'trigger.manage');
  const s = await stats(ctx, ctx.db);
  return (await listTriggerRows(ctx.db, false, kind)).map((r) => present(r, s));
}

export async function getRule(ctx: ActorCtx, kind: RuleKind, id: string): Promise<RuleView> {
  authorize(ctx.actor, 'trigger.manage');
  return ruleOr404(ctx, ctx.db, kind, id);
}

const noCheck = async (_trx: Executor) => {};

/** Adds a rule after the others of its kind: it runs last, seeing what the earlier ones changed. */
export const createRule = (ctx: ActorCtx, kind: RuleKind, body: RuleInput, check = noCheck) =>
  changing(ctx, async (trx) => {
    await checkRule(ctx, trx, body);
    await check(trx);
    await nameFree(trx, body.name);
    const id = newId();
    const now = nowIso(ctx);
    const position = await nextTriggerPosition(trx, kind);
    await insertTrigger(trx, { id, position, kind, ...columns(body), created_at: now, updated_at: now });
    await recordChange(ctx, trx, kind, { created: body.name, ...summary(body) });
    return ruleOr404(ctx, trx, kind, id);
  });

export const updateRule = (ctx: ActorCtx, kind: RuleKind, id: string, body: RuleInput, check = noCheck) =>
  changing(ctx, async (trx) => {
    const old = await ruleOr404(ctx, trx, kind, id);
    await checkRule(ctx, trx, body);
    await check(trx);
    await nameFree(trx, body.name, id);
    const changes = changedFields(summary(old), summary(body));
    if (Object.keys(changes).length === 0) return old;
    await updateTriggerRow(trx, id, { ...columns(body), updated_at: nowIso(ctx) });
    await recordChange(ctx, trx, kind, { changed: old.name, changes });
    return ruleOr404(ctx, trx, kind, id);
  });

export const deleteRule = (ctx: ActorCtx, kind: RuleKind, id: string) =>
  changing(ctx, async (trx) => {
    const old = await ruleOr404(ctx, trx, kind, id);
    await deleteTriggerRow(trx, id);
    await deleteNoticeVariantsOf(trx, id);
    await recordChange(ctx, trx, kind, { deleted: old.name });
  });

/** Puts the rules of a kind in the order given, which must name each of them once. */
export const orderRules = (ctx: ActorCtx, kind: RuleKind, body: z.output<typeof triggerOrderBody>) =>
  changing(ctx, async (trx) => {
    const old = await listTriggerRows(trx, false, kind);
    const byId = new Map(old.map((t) => [t.id, t]));
    const named = new Set<string>();
    body.ids.forEach((id, i) => {
      if (!byId.has(id)) throw invalid(`ids.${i}`, REFUSED.notInOrder, { kind: NAMES[kind], id });
      if (named.has(id)) throw invalid(`ids.${i}`, SHARED.namedTwice, { name: byId.get(id)?.name ?? '' });
      named.add(id);
    });
    const left = old.find((t) => !named.has(t.id));
    if (left) throw invalid('ids', REFUSED.missingInOrder, { kind: NAMES[kind], name: left.name });
    const before = old.map((t) => t.name);
    const after = body.ids.map((id) => byId.get(id)?.name);
    if (before.some((n, i) => n !== after[i])) {
      await setTriggerPositions(trx, body.ids);
      await recordChange(ctx, trx, kind, {
        reordered: after,
        changes: { order: { from: before, to: after } },
      });
    }
    const s = await stats(ctx, trx);
    return (await listTriggerRows(trx, false, kind)).map((r) => present(r, s));
  });

// Triggers: the rules of kind 'event' (their contract has no hours conditions).
export const listTriggers = async (ctx: ActorCtx) => (await listRules(ctx, 'event')) as Trigger[];
export const getTrigger = async (ctx: ActorCtx, id: string) => (await getRule(ctx, 'event', id)) as Trigger;
export const createTrigger = async (ctx: ActorCtx, body: TriggerInput) =>
  (await createRule(ctx, 'event', body)) as Trigger;
export const updateTrigger = async (ctx: ActorCtx, id: string, body: TriggerInput) =>
  (await updateRule(ctx, 'event', id, body)) as Trigger;
export const deleteTrigger = (ctx: ActorCtx, id: string) => deleteRule(ctx, 'event', id);
export const orderTriggers = async (ctx: ActorCtx, body: z.output<typeof triggerOrderBody>) =>
  (await orderRules(ctx, 'event', body)) as Trigger[];

/** Which of the latest tickets the conditions match now (a message condition: their first message). */
export async function dryRunTrigger(
  ctx: ActorCtx,
  body: Omit<z.output<typeof triggerDryRunBody>, 'conditions'> & { conditions: AutomationCondition[] },
) {
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
