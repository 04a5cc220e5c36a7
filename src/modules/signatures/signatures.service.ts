import type { z } from 'zod';
import { SIGNATURE_PLACEHOLDERS, type Signature, type signatureBody } from '../../../common/signatures.js';
import { type ActorCtx, nowIso } from '../../context.js';
import { invalid, notFound } from '../../errors.js';
import { defineMessages } from '../../i18n/index.js';
import { newId } from '../../lib/crypto.js';
import { fillPlaceholders, placeholderRefusal } from '../../lib/placeholders.js';
import { authorize } from '../../policies/policy.js';
import { auditSettingChange } from '../audit/setting-change.js';
import { findDepartment } from '../departments/departments.repository.js';
import { requireVisibleTicket } from '../tickets/tickets.service.js';
import {
  deleteSignature,
  findSignature,
  type Owner,
  putSignature,
  signaturesFor,
} from './signatures.repository.js';

const SAID = defineMessages({
  noSuchDepartment: { id: 'error.signatures.no_such_department', defaultMessage: 'No such department' },
});

// A staff member's own signature and each department's, added to public replies (never to
// internal notes) by the reply box, where the agent can still edit it before sending.

const present = (row: { body: string; updated_at: string } | undefined): Signature => ({
  body: row?.body ?? '',
  updatedAt: row?.updated_at ?? null,
});

/** A department the caller works in (admins: any); otherwise not found. */
async function requireDepartment(ctx: ActorCtx, id: string) {
  const seen = ctx.actor.role === 'admin' || ctx.actor.departmentIds.includes(id);
  if (!seen || !(await findDepartment(ctx.db, id))) throw notFound(SAID.noSuchDepartment);
}

const ownerOf = (ctx: ActorCtx, departmentId?: string): Owner =>
  departmentId ? { department_id: departmentId } : { user_id: ctx.actor.id };

/** The caller's own signature, or the signature of a department they work in. */
export async function getSignature(ctx: ActorCtx, departmentId?: string): Promise<Signature> {
  authorize(ctx.actor, 'signature.own');
  if (departmentId) await requireDepartment(ctx, departmentId);
  return present(await findSignature(ctx.db, ownerOf(ctx, departmentId)));
}

/** Sets (or, with an empty body, removes) the caller's own signature or a department's. */
export async function setSignature(
  ctx: ActorCtx,
  input: z.infer<typeof signatureBody>,
  departmentId?: string,
): Promise<Signature> {
  authorize(ctx.actor, departmentId ? 'signature.department' : 'signature.own');
  if (departmentId) await requireDepartment(ctx, departmentId);
  const problem = placeholderRefusal(input.body, SIGNATURE_PLACEHOLDERS);
  if (problem) throw invalid('body', problem.message, problem.values);
  const owner = ownerOf(ctx, departmentId);
  return ctx.db.transaction().execute(async (trx) => {
    const old = await findSignature(trx, owner);
    const now = nowIso(ctx);
    if (!input.body) await deleteSignature(trx, owner);
    else
      await putSignature(trx, owner, {
        id: old?.id ?? newId(),
        user_id: departmentId ? null : ctx.actor.id,
        department_id: departmentId ?? null,
        body: input.body,
        updated_by: ctx.actor.id,
        updated_at: now,
      });
    // A department's signature speaks for the team: its changes are on the trail.
    if (departmentId) {
      const area = `signature of department ${departmentId}`;
      await auditSettingChange(ctx, trx, area, { body: old?.body ?? '' }, input);
    }
    return input.body ? { body: input.body, updatedAt: now } : present(undefined);
  });
}

/** The signature for the caller's public reply on a ticket: theirs, then the department's, filled in. */
export async function ticketSignature(ctx: ActorCtx, number: number): Promise<{ body: string }> {
  authorize(ctx.actor, 'signature.own');
  const ticket = await requireVisibleTicket(ctx, ctx.db, number);
  const rows = await signaturesFor(ctx.db, ctx.actor.id, ticket.department_id);
  const values: Record<(typeof SIGNATURE_PLACEHOLDERS)[number], string> = {
    'customer.name': ticket.requester_name,
    'ticket.number': String(ticket.number),
    'ticket.subject': ticket.subject,
    'agent.name': ctx.actor.name,
    'agent.email': ctx.actor.email,
    'department.name': ticket.department_name,
  };
  const body = [rows.find((r) => r.user_id), rows.find((r) => r.department_id)]
    .filter((r) => r !== undefined)
    .map((r) => fillPlaceholders(r.body, values))
    .join('\n\n');
  return { body };
}
