import type { z } from 'zod';
import type {
  SlaConditions,
  SlaPolicy,
  SlaTarget,
  slaOrderBody,
  slaPolicyBody,
  slaPolicyPatch,
  slaPreviewBody,
} from '../../../common/sla.js';
import type { ActorCtx } from '../../context.js';
import { nowIso } from '../../context.js';
import type { Executor } from '../../db/database.js';
import { invalid, refusal } from '../../errors.js';
import { defineMessages } from '../../i18n/index.js';
import { newId } from '../../lib/crypto.js';
import { authorize } from '../../policies/policy.js';
import { audit, byActor } from '../audit/audit.service.js';
import { changedFields } from '../audit/setting-change.js';
import { findCalendar } from '../calendars/calendars.repository.js';
import { flag } from '../reference-data/patch.js';
import { SHARED_REFUSALS as SHARED } from '../reference-data/refusals.js';
import { policyOf } from '../sla-clocks/policy-row.js';
import { findVisibleTicket } from '../ticket-data/tickets.repository.js';
import {
  deletePolicyRow,
  existing,
  findPolicyRow,
  insertPolicy,
  listPolicyRows,
  nextPosition,
  policyNamed,
  setPositions,
  updatePolicyRow,
} from './policies.repository.js';
import { previewClocks } from './sla.preview.js';
import { queueSlaResync } from './sla.resync.js';

// Service-level policies: administrators define them in order (the first enabled one whose
// conditions match a ticket applies), staff read them. What a policy names must exist when it is
// saved: its calendar, and the departments, organisations, services and ticket types of its
// conditions; each priority has at most one target per metric. Every change is on the audit trail.

type Body = z.output<typeof slaPolicyBody>;
type Patch = z.output<typeof slaPolicyPatch>;
type Fields = Omit<SlaPolicy, 'id' | 'position' | 'createdAt' | 'updatedAt'>;

const recordChange = (ctx: ActorCtx, db: Executor, details: Record<string, unknown>) =>
  audit(ctx, db, {
    ...byActor(ctx),
    action: 'settings_changed',
    details: { area: 'sla_policy', ...details },
  });

const REFUSED = defineMessages({
  noPolicy: { id: 'error.sla.no_policy', defaultMessage: 'No such service-level policy' },
  nameTaken: { id: 'error.sla.name_taken', defaultMessage: 'A service-level policy with this name exists' },
  targetTwice: {
    id: 'error.sla.target_twice',
    defaultMessage:
      '{priority, select, low {Low} normal {Normal} high {High} urgent {Urgent} other {{priority}}} priority has a {metric, select, firstReply {first reply} nextReply {next reply} resolution {resolution} other {{metric}}} target twice',
  },
  noReference: {
    id: 'error.sla.no_reference',
    defaultMessage:
      '{what, select, department {no such department: {id}} organisation {no such organisation: {id}} service {no such service: {id}} other {no such ticket type: {id}}}',
  },
  notInOrder: { id: 'error.sla.not_in_order', defaultMessage: 'there is no policy {id}' },
  missingInOrder: {
    id: 'error.sla.missing_in_order',
    defaultMessage: '“{name}” is missing; name every policy once',
  },
  noTicket: { id: 'error.sla.no_ticket', defaultMessage: 'there is no ticket #{number}' },
});

async function policyOr404(db: Executor, id: string): Promise<SlaPolicy> {
  const row = await findPolicyRow(db, id);
  if (!row) throw refusal('not_found', REFUSED.noPolicy);
  return policyOf(row);
}

async function nameFree(db: Executor, name: string, except?: string) {
  const other = await policyNamed(db, name);
  if (other && other.id !== except) throw refusal('conflict', REFUSED.nameTaken);
}

function checkTargets(targets: readonly SlaTarget[]) {
  const seen = new Set<string>();
  targets.forEach((t, i) => {
    const key = `${t.priority} ${t.metric}`;
    if (seen.has(key))
      throw invalid(`targets.${i}`, REFUSED.targetTwice, { priority: t.priority, metric: t.metric });
    seen.add(key);
  });
}

const REFERENCES = [
  ['departmentIds', 'departments', 'department'],
  ['organisationIds', 'organisations', 'organisation'],
  ['serviceIds', 'services', 'service'],
  ['types', 'ticket_types', 'ticket type'],
] as const;

/** A 400 naming the first thing the policy names that does not exist. */
async function checkReferences(db: Executor, p: Pick<Fields, 'calendarId' | 'conditions' | 'targets'>) {
  checkTargets(p.targets);
  if (!(await findCalendar(db, p.calendarId))) throw invalid('calendarId', SHARED.noCalendar);
  for (const [field, table, what] of REFERENCES) {
    const ids = p.conditions[field] ?? [];
    const found = await existing(db, table, ids);
    const missing = ids.find((x) => !found.has(x));
    if (missing !== undefined)
      throw invalid(`conditions.${field}`, REFUSED.noReference, { what, id: String(missing) });
  }
}

/** The conditions without empty lists (an empty list matches any, as a list left out does). */
const tidy = (c: SlaConditions): SlaConditions =>
  Object.fromEntries(Object.entries(c).filter(([, v]) => Array.isArray(v) && v.length > 0));

const columns = (p: Fields) => ({
  name: p.name,
  enabled: flag(p.enabled),
  conditions: JSON.stringify(p.conditions),
  calendar_id: p.calendarId,
  targets: JSON.stringify(p.targets),
  pause_on: JSON.stringify(p.pauseOn),
  warning: p.warning ? JSON.stringify(p.warning) : null,
  notify_outside_hours: flag(p.notifyOutsideHours),
});

/** What the audit trail compares: the policy without its identity, place and times. */
const summary = (p: Fields): Fields => ({
  name: p.name,
  enabled: p.enabled,
  conditions: p.conditions,
  calendarId: p.calendarId,
  targets: p.targets,
  pauseOn: p.pauseOn,
  warning: p.warning,
  notifyOutsideHours: p.notifyOutsideHours,
});

export async function listSlaPolicies(ctx: ActorCtx): Promise<SlaPolicy[]> {
  authorize(ctx.actor, 'sla.read');
  return (await listPolicyRows(ctx.db)).map(policyOf);
}

export async function getSlaPolicy(ctx: ActorCtx, id: string): Promise<SlaPolicy> {
  authorize(ctx.actor, 'sla.read');
  return policyOr404(ctx.db, id);
}

/** Adds a policy after the others, so it applies only where none before it does. */
export async function createSlaPolicy(ctx: ActorCtx, body: Body): Promise<SlaPolicy> {
  authorize(ctx.actor, 'sla.manage');
  const fields: Fields = { ...body, conditions: tidy(body.conditions) };
  const id = newId();
  const now = nowIso(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    await checkReferences(trx, fields);
    await nameFree(trx, fields.name);
    await insertPolicy(trx, {
      id,
      position: await nextPosition(trx),
      ...columns(fields),
      created_at: now,
      updated_at: now,
    });
    await recordChange(ctx, trx, { created: fields.name, ...summary(fields) });
    await queueSlaResync(trx, now);
    return policyOr404(trx, id);
  });
}

export async function updateSlaPolicy(ctx: ActorCtx, id: string, patch: Patch): Promise<SlaPolicy> {
  authorize(ctx.actor, 'sla.manage');
  return ctx.db.transaction().execute(async (trx) => {
    const old = await policyOr404(trx, id);
    const next: Fields = {
      name: patch.name ?? old.name,
      enabled: patch.enabled ?? old.enabled,
      conditions: patch.conditions ? tidy(patch.conditions) : old.conditions,
      calendarId: patch.calendarId ?? old.calendarId,
      targets: patch.targets ?? old.targets,
      pauseOn: patch.pauseOn ?? old.pauseOn,
      warning: patch.warning === undefined ? old.warning : patch.warning,
      notifyOutsideHours: patch.notifyOutsideHours ?? old.notifyOutsideHours,
    };
    await checkReferences(trx, next);
    if (patch.name !== undefined) await nameFree(trx, next.name, id);
    const changes = changedFields(summary(old), next);
    if (Object.keys(changes).length === 0) return old;
    const now = nowIso(ctx);
    await updatePolicyRow(trx, id, { ...columns(next), updated_at: now });
    await recordChange(ctx, trx, { changed: old.name, changes });
    // Only what decides tickets' clocks: a new name changes none.
    if (Object.keys(changes).some((k) => k !== 'name')) await queueSlaResync(trx, now);
    return policyOr404(trx, id);
  });
}

export async function deleteSlaPolicy(ctx: ActorCtx, id: string): Promise<void> {
  authorize(ctx.actor, 'sla.manage');
  await ctx.db.transaction().execute(async (trx) => {
    const old = await policyOr404(trx, id);
    await deletePolicyRow(trx, id);
    await recordChange(ctx, trx, { deleted: old.name });
    await queueSlaResync(trx, nowIso(ctx));
  });
}

/** Puts the policies in the order given, which must name each of them once. */
export async function orderSlaPolicies(
  ctx: ActorCtx,
  body: z.output<typeof slaOrderBody>,
): Promise<SlaPolicy[]> {
  authorize(ctx.actor, 'sla.manage');
  return ctx.db.transaction().execute(async (trx) => {
    const old = (await listPolicyRows(trx)).map(policyOf);
    const byId = new Map(old.map((p) => [p.id, p]));
    const named = new Set<string>();
    body.ids.forEach((id, i) => {
      if (!byId.has(id)) throw invalid(`ids.${i}`, REFUSED.notInOrder, { id });
      if (named.has(id)) throw invalid(`ids.${i}`, SHARED.namedTwice, { name: byId.get(id)?.name ?? '' });
      named.add(id);
    });
    const left = old.find((p) => !named.has(p.id));
    if (left) throw invalid('ids', REFUSED.missingInOrder, { name: left.name });
    const before = old.map((p) => p.name);
    const after = body.ids.map((id) => byId.get(id)?.name);
    if (before.every((n, i) => n === after[i]) && old.every((p, i) => p.position === i)) return old;
    const now = nowIso(ctx);
    await setPositions(trx, body.ids, now);
    if (before.some((n, i) => n !== after[i])) {
      await recordChange(ctx, trx, { reordered: after, changes: { order: { from: before, to: after } } });
      await queueSlaResync(trx, now);
    }
    return (await listPolicyRows(trx)).map(policyOf);
  });
}

/**
 * What a policy as written in the editor (saved or not) would give a ticket: whether it matches
 * the ticket, and the clocks the ticket would have had under it from the start.
 */
export async function previewSlaPolicy(ctx: ActorCtx, body: z.output<typeof slaPreviewBody>) {
  authorize(ctx.actor, 'sla.manage');
  const fields: Fields = { ...body.policy, conditions: tidy(body.policy.conditions) };
  await checkReferences(ctx.db, fields);
  const ticket = await findVisibleTicket(ctx.db, ctx.actor, body.ticketNumber);
  if (!ticket) throw invalid('ticketNumber', REFUSED.noTicket, { number: String(body.ticketNumber) });
  const policy: SlaPolicy = { ...fields, id: 'preview', position: 0, createdAt: '', updatedAt: '' };
  const preview = await previewClocks(ctx, ctx.db, ticket.id, policy);
  if (!preview) throw refusal('not_found', SHARED.calendarNotFound);
  return preview;
}
