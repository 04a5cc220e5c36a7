import type { z } from 'zod';
import type { organisationBody, pageQuery } from '../../../common/api.js';
import { type Actor, type ActorCtx, nowIso } from '../../context.js';
import { notFound } from '../../errors.js';
import { newId } from '../../lib/crypto.js';
import { decodeKeyCursor, toPage } from '../../lib/cursor.js';
import { authorize } from '../../policies/policy.js';
import {
  findOrganisation,
  insertOrganisation,
  listOrganisationRows,
  type OrganisationRow,
  updateOrganisationRow,
} from './organisations.repository.js';
import { ORGANISATION_REFUSALS } from './refusals.js';

export const presentOrganisation = (o: OrganisationRow) => ({
  id: o.id,
  name: o.name,
  createdAt: o.created_at,
});

/** Customers see their own organisation only; staff see all. */
const onlyOrganisation = (actor: Actor) => (actor.role === 'customer' ? actor.organisationId : undefined);

export async function listOrganisations(ctx: ActorCtx, q: z.infer<typeof pageQuery>) {
  const rows = await listOrganisationRows(ctx.db, {
    onlyId: onlyOrganisation(ctx.actor),
    after: decodeKeyCursor(q.cursor),
    limit: q.limit,
  });
  return toPage(rows, q.limit, presentOrganisation, (r) => [r.sort_name, r.id]);
}

export async function getOrganisation(ctx: ActorCtx, id: string) {
  const only = onlyOrganisation(ctx.actor);
  const row = only === undefined || only === id ? await findOrganisation(ctx.db, id) : undefined;
  if (!row) throw notFound(ORGANISATION_REFUSALS.noSuchOrganisation);
  return presentOrganisation(row);
}

export async function createOrganisation(ctx: ActorCtx, input: z.infer<typeof organisationBody>) {
  authorize(ctx.actor, 'organisation.create');
  const now = nowIso(ctx);
  const row = await insertOrganisation(ctx.db, {
    id: newId(),
    name: input.name,
    created_at: now,
    updated_at: now,
  });
  return presentOrganisation(row);
}

export async function updateOrganisation(ctx: ActorCtx, id: string, input: z.infer<typeof organisationBody>) {
  await getOrganisation(ctx, id);
  authorize(ctx.actor, 'organisation.update');
  return ctx.db.transaction().execute(async (trx) => {
    const row = await findOrganisation(trx, id);
    if (!row) throw notFound(ORGANISATION_REFUSALS.noSuchOrganisation);
    const patch = { name: input.name, updated_at: nowIso(ctx) };
    await updateOrganisationRow(trx, id, patch);
    return presentOrganisation({ ...row, ...patch });
  });
}
