import type { z } from 'zod';
import type { mergeCustomerBody } from '../../../common/profiles.js';
import { type ActorCtx, nowIso } from '../../context.js';
import type { Executor } from '../../db/database.js';
import { invalid, notFound, refusal } from '../../errors.js';
import { defineMessages } from '../../i18n/index.js';
import { newId } from '../../lib/crypto.js';
import { authorize } from '../../policies/policy.js';
import { audit, byActor } from '../audit/audit.service.js';
import {
  closeLinks,
  deleteSessionsOfUser,
  findUserById,
  revokeTokensOfUser,
  type UserRow,
  updateUserRow,
} from '../users/users.repository.js';
import { getUser } from '../users/users.service.js';
import { findCustomer, PROFILE_REFUSALS } from './customer.js';
import { insertMerge, moveCustomerData, retireRecord } from './merge.repository.js';
import { type ContactRow, contactsOf, insertContacts, mergedInto } from './profiles.repository.js';

const SAID = defineMessages({
  staff: { id: 'error.profiles.merge_staff', defaultMessage: 'Staff accounts are never merged' },
  mergedAlready: { id: 'error.profiles.merged_already', defaultMessage: 'That record was merged already' },
  mergedIntoAnother: {
    id: 'error.profiles.merged_into_another',
    defaultMessage: 'This record was merged into another',
  },
  otherOrganisation: {
    id: 'error.profiles.merge_other_organisation',
    defaultMessage:
      'The two customers belong to different organisations; merging moves the tickets into this one’s organisation (allowOtherOrganisation)',
  },
  self: { id: 'error.profiles.merge_self', defaultMessage: 'a record cannot be merged into itself' },
});

// Two customer records of one person become one: the survivor keeps its own details and gains
// the source's addresses and numbers (mail from either finds it), tickets, messages,
// subscriptions, notes and history. The source stays as a deactivated pointer (`user_merges`),
// so what names it (the audit trail, old reply tokens) still resolves.

/** Refuses a merge that must not happen: staff records, one already merged, two organisations unless allowed. */
async function checkMerge(
  trx: Executor,
  survivor: UserRow,
  sourceId: string,
  allowOtherOrganisation: boolean,
) {
  const source = await findUserById(trx, sourceId);
  if (!source) throw notFound(PROFILE_REFUSALS.noSuchCustomer);
  if (source.role !== 'customer') throw refusal('conflict', SAID.staff);
  if (await mergedInto(trx, source.id)) throw refusal('conflict', SAID.mergedAlready);
  if (await mergedInto(trx, survivor.id)) throw refusal('conflict', SAID.mergedIntoAnother);
  if (source.organisation_id !== survivor.organisation_id && !allowOtherOrganisation) {
    throw refusal('conflict', SAID.otherOrganisation);
  }
  return source;
}

/** The source's address and numbers, as further contacts of the survivor (none it has already). */
async function contactsToKeep(trx: Executor, survivor: UserRow, source: UserRow, now: string) {
  const have = new Set([
    survivor.email,
    survivor.phone,
    ...(await contactsOf(trx, survivor.id)).map((c) => c.value),
  ]);
  const row = (kind: ContactRow['kind'], value: string): ContactRow => ({
    id: newId(),
    user_id: survivor.id,
    kind,
    value,
    created_at: now,
  });
  const keep: ContactRow[] = [row('email', source.email)];
  if (source.phone && survivor.phone && !have.has(source.phone)) keep.push(row('phone', source.phone));
  return keep.filter((c) => !have.has(c.value));
}

export async function mergeCustomers(
  ctx: ActorCtx,
  survivorId: string,
  input: z.infer<typeof mergeCustomerBody>,
) {
  await findCustomer(ctx, ctx.db, survivorId);
  authorize(ctx.actor, 'customer.merge');
  if (input.sourceId === survivorId) throw invalid('sourceId', SAID.self);
  const moved = await ctx.db.transaction().execute(async (trx) => {
    const survivor = await findCustomer(ctx, trx, survivorId);
    const source = await checkMerge(trx, survivor, input.sourceId, input.allowOtherOrganisation);
    const now = nowIso(ctx);
    const keep = await contactsToKeep(trx, survivor, source, now);
    // The source's address is free for the survivor's contacts only once its record lets go of it.
    await updateUserRow(trx, source.id, {
      email: `merged-${source.id}@merged.invalid`,
      phone: null,
      active: 0,
      updated_at: now,
    });
    await insertContacts(trx, keep);
    if (!survivor.phone && source.phone)
      await updateUserRow(trx, survivor.id, { phone: source.phone, updated_at: now });
    const counts = await moveCustomerData(trx, source.id, survivor.id, survivor.organisation_id);
    await deleteSessionsOfUser(trx, source.id);
    await revokeTokensOfUser(trx, source.id, now);
    await closeLinks(trx, source.id, now);
    await retireRecord(trx, source.id);
    await insertMerge(trx, {
      merged_id: source.id,
      survivor_id: survivor.id,
      merged_by: ctx.actor.id,
      merged_at: now,
    });
    await audit(ctx, trx, {
      ...byActor(ctx),
      action: 'customer_merged',
      subject: { id: survivor.id, email: survivor.email },
      details: {
        mergedId: source.id,
        mergedEmail: source.email,
        organisationChanged: source.organisation_id !== survivor.organisation_id,
        ...counts,
      },
    });
    return counts;
  });
  return { survivor: await getUser(ctx, survivorId), moved };
}
