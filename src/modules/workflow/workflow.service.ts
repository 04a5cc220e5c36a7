import type { z } from 'zod';
import type { workflowPutBody } from '../../../common/workflow.js';
import type { ActorCtx, Ctx } from '../../context.js';
import { nowIso } from '../../context.js';
import type { Executor } from '../../db/database.js';
import { AppError, invalid } from '../../errors.js';
import { defineMessages } from '../../i18n/index.js';
import { authorize, can } from '../../policies/policy.js';
import { findStatus, nextTimerAt } from '../../workflow/engine.js';
import { isPresetName, PRESET_NAMES, presetDocument } from '../../workflow/presets/index.js';
import type { WorkflowDocument } from '../../workflow/types.js';
import { validateWorkflow } from '../../workflow/validate.js';
import { audit, byActor } from '../audit/audit.service.js';
import { forgetVariantKinds, readerWorkflow } from '../languages/variants.js';
import { getSetting, putSetting } from '../settings/settings.repository.js';
import { commitChange, moveChange } from '../ticket-data/status.js';
import { findTicketById } from '../ticket-data/tickets.repository.js';
import { applyPresetVariants } from './preset-variants.js';
import {
  sampleTicketNumbers,
  setNextTimer,
  ticketCountsByStatus,
  ticketIdsInStatus,
  ticketTimerStates,
} from './workflow.repository.js';

const WORKFLOW_KEY = 'workflow';
type Stored = { document: WorkflowDocument; updatedAt: string };

/** The installation's workflow: what an admin saved, else the configured preset. */
export async function loadWorkflow(ctx: Pick<Ctx, 'config'>, db: Executor): Promise<WorkflowDocument> {
  const saved = await getSetting<Stored>(db, WORKFLOW_KEY);
  return saved?.document ?? presetDocument(ctx.config.workflowPreset);
}

/**
 * Staff read the whole document; customers their labels only, both in the reader's language.
 * Administrators, who edit it, read it as written, so a save never stores a translation over it.
 */
export async function getWorkflow(ctx: ActorCtx) {
  const saved = await getSetting<Stored>(ctx.db, WORKFLOW_KEY);
  const stored = saved?.document ?? presetDocument(ctx.config.workflowPreset);
  if (can(ctx.actor, 'workflow.update')) return { ...stored, updatedAt: saved?.updatedAt ?? null };
  const document = await readerWorkflow(ctx.db, ctx.actor, stored);
  if (can(ctx.actor, 'workflow.readFull')) return { ...document, updatedAt: saved?.updatedAt ?? null };
  return {
    preset: document.preset,
    statuses: document.statuses.map((s) => ({
      key: s.key,
      label: s.customerLabel,
      category: s.category,
      customerCanReply: s.customerCanReply,
    })),
  };
}

type PutBody = z.infer<typeof workflowPutBody>;
type Problem = { path: string; message: string };

/** The document a put asks for: the one given, else the named preset (refused when unknown). */
function requestedDocument(body: PutBody): WorkflowDocument {
  if (body.statuses !== undefined) {
    const { statusMapping: _m, updatedAt: _u, ...doc } = body;
    return doc;
  }
  if (!isPresetName(body.preset)) {
    throw invalid('preset', REFUSED.unknownPreset, { choices: PRESET_NAMES.join(', ') });
  }
  return presetDocument(body.preset);
}

const REFUSED = defineMessages({
  unknownPreset: {
    id: 'error.workflow.unknown_preset',
    defaultMessage: 'unknown preset; choose one of {choices}',
  },
});

function assertConsistent(document: WorkflowDocument) {
  const problems = validateWorkflow(document);
  if (problems.length > 0) {
    throw new AppError(
      'conflict',
      `The workflow is inconsistent: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`,
      problems,
    );
  }
}

function strandedProblem(status: string, n: number, sample: number[]): Problem {
  return {
    path: `statusMapping.${status}`,
    message: `${n} ticket${n === 1 ? ' is' : 's are'} in "${status}" (${sample.map((x) => `#${x}`).join(', ')}${n > sample.length ? ', …' : ''}); say where they go`,
  };
}

/** Refuses a document that would leave tickets in a status it lacks, unless the mapping moves them. */
async function assertNoneStranded(
  trx: Executor,
  document: WorkflowDocument,
  mapping: Record<string, string>,
  counts: Map<string, number>,
) {
  const stranded: Problem[] = [];
  for (const [status, n] of counts) {
    if (findStatus(document, status)) continue;
    const target = mapping[status];
    if (target && findStatus(document, target)) continue;
    stranded.push(strandedProblem(status, n, await sampleTicketNumbers(trx, status, 10)));
  }
  if (stranded.length > 0) {
    throw new AppError(
      'conflict',
      `Tickets would be left in statuses this workflow does not have: ${stranded.map((s) => s.path.slice(14)).join(', ')}. Give statusMapping to move them.`,
      stranded,
    );
  }
}

/** Moves the tickets of each mapped status the new document lacks, each with a timeline event. */
async function moveMappedTickets(
  ctx: ActorCtx,
  trx: Executor,
  change: { old: WorkflowDocument; document: WorkflowDocument; now: string },
  mapping: Record<string, string>,
  counts: Map<string, number>,
) {
  const { old, document, now } = change;
  for (const [from, to] of Object.entries(mapping)) {
    if (findStatus(document, from) || !counts.has(from)) continue;
    for (const id of await ticketIdsInStatus(trx, from)) {
      const ticket = await findTicketById(trx, id);
      if (!ticket) continue;
      const move = moveChange(document, ticket, to, { kind: 'user', actor: ctx.actor }, now, {
        reason: { code: 'workflow_changed', values: { from: old.preset, to: document.preset } },
        notices: [],
      });
      await commitChange(ctx, trx, document, ticket, move, { expectStatus: false });
    }
  }
}

/**
 * Replaces the workflow by a preset or a whole document. Refused with 409 when the document
 * contradicts itself or would leave tickets in a status it no longer has (unless statusMapping
 * says where they go). Mapped tickets move with a timeline event; every timer is re-planned. A
 * preset brings its status labels' translations along.
 */
export async function putWorkflow(ctx: ActorCtx, body: PutBody) {
  authorize(ctx.actor, 'workflow.update');
  const document = requestedDocument(body);
  const mapping = body.statusMapping ?? {};
  assertConsistent(document);

  const now = nowIso(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const old = await loadWorkflow(ctx, trx);
    const counts = await ticketCountsByStatus(trx);
    await assertNoneStranded(trx, document, mapping, counts);
    await putSetting(trx, WORKFLOW_KEY, { document, updatedAt: now } satisfies Stored, now);
    await moveMappedTickets(ctx, trx, { old, document, now }, mapping, counts);
    await replanTimers(trx, document);
    if (body.statuses === undefined) await applyPresetVariants(trx, document, now);
    await audit(ctx, trx, {
      ...byActor(ctx),
      action: 'settings_changed',
      details: { area: 'workflow', preset: body.preset ?? null, statusMapping: mapping },
    });
  });
  forgetVariantKinds();
  return getWorkflow(ctx);
}

/** Timers depend on the document: after a change, every ticket's next due moment is computed anew. */
async function replanTimers(trx: Executor, doc: WorkflowDocument) {
  let after: string | null = null;
  for (;;) {
    const rows = await ticketTimerStates(trx, after, 1000);
    if (rows.length === 0) return;
    for (const r of rows) {
      const next = nextTimerAt(doc, {
        number: r.number,
        status: r.status,
        statusChangedAt: r.status_changed_at,
        lastActivityAt: r.last_activity_at,
      });
      if (next !== r.next_timer_at) await setNextTimer(trx, r.id, next);
    }
    after = rows[rows.length - 1]?.id ?? null;
  }
}
