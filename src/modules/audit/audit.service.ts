import type { z } from 'zod';
import type { AUDIT_ACTIONS, auditQuery } from '../../../common/audit.js';
import type { ActorCtx, Ctx } from '../../context.js';
import type { Executor } from '../../db/database.js';
import { newId } from '../../lib/crypto.js';
import { decodeKeyCursor, toPage } from '../../lib/cursor.js';
import { authorize } from '../../policies/policy.js';
import { insertAuditEvent, listAuditRows } from './audit.repository.js';

// The trail of security events: sign-ins, passwords, invitations, role and access changes, API
// tokens. Written in the transaction of the change it records, so one is never without the other;
// never a secret in `details`.

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

type Who = { id: string; email: string } | null;

export type AuditEntry = {
  action: AuditAction;
  actor?: Who;
  subject?: Who;
  /** Only an email, when there is no user (a failed sign-in for an unknown address). */
  subjectEmail?: string;
  ip?: string | null;
  details?: Record<string, unknown>;
};

/** Records an event through `db` (the caller's transaction when there is one). */
export async function audit(ctx: Pick<Ctx, 'clock'>, db: Executor, e: AuditEntry): Promise<void> {
  await insertAuditEvent(db, {
    id: newId(),
    at: ctx.clock().toISOString(),
    action: e.action,
    actor_id: e.actor?.id ?? null,
    actor_email: e.actor?.email ?? null,
    subject_id: e.subject?.id ?? null,
    subject_email: e.subject?.email ?? e.subjectEmail ?? null,
    ip: e.ip ?? null,
    details: JSON.stringify(e.details ?? {}),
  });
}

/** The signed-in actor and the address their request came from, as an audit entry names them. */
export const byActor = (ctx: ActorCtx) => ({
  actor: { id: ctx.actor.id, email: ctx.actor.email },
  ip: ctx.ip ?? null,
});

export async function listAuditEvents(ctx: ActorCtx, q: z.infer<typeof auditQuery>) {
  authorize(ctx.actor, 'audit.read');
  const rows = await listAuditRows(ctx.db, {
    action: q.action,
    userId: q.userId,
    after: decodeKeyCursor(q.cursor),
    limit: q.limit,
  });
  return toPage(
    rows,
    q.limit,
    (r) => ({
      id: r.id,
      at: r.at,
      action: r.action,
      actor: r.actor_id || r.actor_email ? { id: r.actor_id, email: r.actor_email } : null,
      subject: r.subject_id || r.subject_email ? { id: r.subject_id, email: r.subject_email } : null,
      ip: r.ip,
      details: JSON.parse(r.details) as Record<string, unknown>,
    }),
    (r) => [r.at, r.id],
  );
}
