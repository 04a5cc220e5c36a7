import type { z } from 'zod';
import type { Draft, DraftKind, draftBody } from '../../../common/drafts.js';
import { type ActorCtx, nowIso } from '../../context.js';
import { authorize } from '../../policies/policy.js';
import { requireVisibleTicket } from '../tickets/tickets.service.js';
import { deleteDrafts, findDraft, upsertDraft } from './drafts.repository.js';

// A staff member's half-written reply or note, saved as they type and read back on any device.
// Sending the message removes it in the same transaction (messages.service.ts).

/** The ticket a draft is kept on: one the caller sees (404 otherwise), as staff. */
async function draftTicket(ctx: ActorCtx, number: number) {
  authorize(ctx.actor, 'ticket.draft');
  return requireVisibleTicket(ctx, ctx.db, number);
}

export async function getDraft(ctx: ActorCtx, number: number, kind: DraftKind): Promise<Draft> {
  const ticket = await draftTicket(ctx, number);
  const row = await findDraft(ctx.db, { userId: ctx.actor.id, ticketId: ticket.id, kind });
  return { kind, body: row?.body ?? '', updatedAt: row?.updated_at ?? null };
}

/** Saves the draft; a blank one is discarded instead. */
export async function saveDraft(
  ctx: ActorCtx,
  number: number,
  input: z.infer<typeof draftBody>,
): Promise<Draft> {
  const ticket = await draftTicket(ctx, number);
  const key = { userId: ctx.actor.id, ticketId: ticket.id, kind: input.kind };
  if (!input.body.trim()) {
    await deleteDrafts(ctx.db, { ...key, ticketIds: [ticket.id] });
    return { kind: input.kind, body: '', updatedAt: null };
  }
  const now = nowIso(ctx);
  await upsertDraft(ctx.db, {
    user_id: key.userId,
    ticket_id: key.ticketId,
    kind: key.kind,
    body: input.body,
    updated_at: now,
  });
  return { kind: input.kind, body: input.body, updatedAt: now };
}

export async function discardDraft(ctx: ActorCtx, number: number, kind: DraftKind): Promise<void> {
  const ticket = await draftTicket(ctx, number);
  await deleteDrafts(ctx.db, { userId: ctx.actor.id, ticketIds: [ticket.id], kind });
}
