import { type ActorCtx, nowIso } from '../../context.js';
import { notFound } from '../../errors.js';
import { defineMessages } from '../../i18n/index.js';
import { authorize } from '../../policies/policy.js';
import { audit, byActor } from '../audit/audit.service.js';
import { deleteOtherSessions, deleteSessionOfUser, listSessionRows } from './accounts.repository.js';

const SAID = defineMessages({
  noSuchSession: { id: 'error.accounts.no_such_session', defaultMessage: 'No such session' },
});

// One's own sessions: where one is signed in, and signing out elsewhere. `currentId` is the
// session the request came with (none for an API token).

export async function listSessions(ctx: ActorCtx, currentId: string | null) {
  authorize(ctx.actor, 'me.sessions');
  const rows = await listSessionRows(ctx.db, ctx.actor.id, nowIso(ctx));
  return {
    items: rows.map((r) => ({
      id: r.id,
      current: r.id === currentId,
      ip: r.ip ?? null,
      userAgent: r.user_agent ?? null,
      createdAt: r.created_at,
      lastSeenAt: r.last_seen_at ?? r.created_at,
      expiresAt: r.expires_at,
    })),
  };
}

export async function endSession(ctx: ActorCtx, id: string): Promise<void> {
  authorize(ctx.actor, 'me.sessions');
  if (!(await deleteSessionOfUser(ctx.db, ctx.actor.id, id))) throw notFound(SAID.noSuchSession);
  await audit(ctx, ctx.db, { ...byActor(ctx), action: 'sessions_ended', details: { count: 1 } });
}

/** Signs out everywhere but here; returns how many sessions ended. */
export async function endOtherSessions(ctx: ActorCtx, currentId: string | null): Promise<{ ended: number }> {
  authorize(ctx.actor, 'me.sessions');
  const ended = await deleteOtherSessions(ctx.db, ctx.actor.id, currentId);
  await audit(ctx, ctx.db, { ...byActor(ctx), action: 'sessions_ended', details: { count: ended } });
  return { ended };
}
