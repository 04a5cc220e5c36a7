import type { CustomerNote } from '../../../common/profiles.js';
import type { ActorCtx } from '../../context.js';
import type { Executor } from '../../db/database.js';
import { notFound } from '../../errors.js';
import { defineMessages } from '../../i18n/index.js';
import { can } from '../../policies/policy.js';
import { findUserById, type UserRow } from '../users/users.repository.js';
import type { NoteView } from './profiles.repository.js';

export const PROFILE_REFUSALS = defineMessages({
  noSuchCustomer: { id: 'error.profiles.no_such_customer', defaultMessage: 'No such customer' },
});

/**
 * The customer `id` as staff see them. Customers have no such page (their own is /me): 404, as for
 * anything they may not see; so are staff records, which are not customers.
 */
export async function findCustomer(ctx: ActorCtx, db: Executor, id: string): Promise<UserRow> {
  const row = can(ctx.actor, 'customer.read') ? await findUserById(db, id) : undefined;
  if (row?.role !== 'customer') throw notFound(PROFILE_REFUSALS.noSuchCustomer);
  return row;
}

export const presentNote = (ctx: ActorCtx, n: NoteView): CustomerNote => ({
  id: n.id,
  body: n.body,
  author: n.author_id ? { id: n.author_id, name: n.author_name ?? '' } : null,
  createdAt: n.created_at,
  updatedAt: n.updated_at,
  canChange: can(ctx.actor, 'customer.changeNote', { userId: n.author_id ?? undefined }),
});
