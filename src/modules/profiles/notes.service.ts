import type { z } from 'zod';
import type { customerNoteBody } from '../../../common/profiles.js';
import { type ActorCtx, nowIso } from '../../context.js';
import type { Executor } from '../../db/database.js';
import { notFound } from '../../errors.js';
import { defineMessages } from '../../i18n/index.js';
import { newId } from '../../lib/crypto.js';
import { authorize } from '../../policies/policy.js';
import { audit, byActor } from '../audit/audit.service.js';
import { findUserById } from '../users/users.repository.js';
import { findCustomer, presentNote } from './customer.js';
import {
  deleteNoteRow,
  findNote,
  insertNote,
  type NoteRow,
  type NoteView,
  updateNoteRow,
} from './profiles.repository.js';

const SAID = defineMessages({
  noSuchNote: { id: 'error.profiles.no_such_note', defaultMessage: 'No such note' },
});

// Staff's notes about a customer: any staff member adds one; its author or an administrator
// changes or deletes it. Each change is on the audit trail with who and when; customers never
// see them (their own profile is /me, which has none).

const noteView = (ctx: ActorCtx, row: NoteRow): NoteView => ({
  ...row,
  author_name: row.author_id === ctx.actor.id ? ctx.actor.name : null,
});

async function audited(
  ctx: ActorCtx,
  trx: Executor,
  action: 'customer_note_added' | 'customer_note_changed' | 'customer_note_deleted',
  customer: { id: string; email: string },
  noteId: string,
) {
  await audit(ctx, trx, {
    ...byActor(ctx),
    action,
    subject: { id: customer.id, email: customer.email },
    details: { noteId },
  });
}

export async function addCustomerNote(
  ctx: ActorCtx,
  customerId: string,
  input: z.infer<typeof customerNoteBody>,
) {
  const customer = await findCustomer(ctx, ctx.db, customerId);
  authorize(ctx.actor, 'customer.note');
  const now = nowIso(ctx);
  const row: NoteRow = {
    id: newId(),
    customer_id: customerId,
    author_id: ctx.actor.id,
    body: input.body,
    created_at: now,
    updated_at: now,
  };
  await ctx.db.transaction().execute(async (trx) => {
    await insertNote(trx, row);
    await audited(ctx, trx, 'customer_note_added', customer, row.id);
  });
  return presentNote(ctx, noteView(ctx, row));
}

/** The note, once the caller may change it: 404 where they may not see it, 403 where not theirs. */
async function changeableNote(ctx: ActorCtx, trx: Executor, customerId: string, noteId: string) {
  const customer = await findCustomer(ctx, trx, customerId);
  const note = await findNote(trx, customerId, noteId);
  if (!note) throw notFound(SAID.noSuchNote);
  authorize(ctx.actor, 'customer.changeNote', { userId: note.author_id ?? undefined });
  return { customer, note };
}

export async function editCustomerNote(
  ctx: ActorCtx,
  customerId: string,
  noteId: string,
  input: z.infer<typeof customerNoteBody>,
) {
  return ctx.db.transaction().execute(async (trx) => {
    const { customer, note } = await changeableNote(ctx, trx, customerId, noteId);
    const patch = { body: input.body, updated_at: nowIso(ctx) };
    await updateNoteRow(trx, noteId, patch);
    await audited(ctx, trx, 'customer_note_changed', customer, noteId);
    const author = note.author_id ? ((await findUserById(trx, note.author_id))?.name ?? null) : null;
    return presentNote(ctx, { ...note, ...patch, author_name: author });
  });
}

export async function deleteCustomerNote(ctx: ActorCtx, customerId: string, noteId: string) {
  await ctx.db.transaction().execute(async (trx) => {
    const { customer } = await changeableNote(ctx, trx, customerId, noteId);
    await deleteNoteRow(trx, noteId);
    await audited(ctx, trx, 'customer_note_deleted', customer, noteId);
  });
}
