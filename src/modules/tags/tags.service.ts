import type { z } from 'zod';
import type { tagListQuery } from '../../../common/tags.js';
import type { ActorCtx } from '../../context.js';
import { invalid, refusal } from '../../errors.js';
import { defineMessages } from '../../i18n/index.js';
import { authorize } from '../../policies/policy.js';
import { audit, byActor } from '../audit/audit.service.js';
import { resyncIfTagsMatter } from '../sla/sla.resync.js';
import { countTags, countTicketsTagged, deleteTagRows, renameTagRows } from './tags.repository.js';

const SAID = defineMessages({
  sameName: { id: 'error.tags.same_name', defaultMessage: 'is the tag’s name already' },
  noTicketWithTag: { id: 'error.tags.no_ticket_with_tag', defaultMessage: 'No ticket has the tag “{tag}”' },
});

// The tags in use, for suggestions and the admin list, and an administrator's renaming (two names
// for one thing become one) and removal across every ticket. Neither writes each ticket's timeline:
// it is a change of vocabulary, recorded once on the audit trail.

export async function listTags(ctx: ActorCtx, q: z.infer<typeof tagListQuery>) {
  authorize(ctx.actor, 'tag.read');
  const prefix = (q.q ?? '').replace(/\s+/g, ' ').toLowerCase();
  return countTags(ctx.db, ctx.actor, prefix, q.limit);
}

/** Renames a tag on every ticket; to the name of another tag, it merges the two. */
export async function renameTag(ctx: ActorCtx, from: string, { name: to }: { name: string }) {
  authorize(ctx.actor, 'tag.manage');
  if (from === to) throw invalid('name', SAID.sameName);
  return ctx.db.transaction().execute(async (trx) => {
    const tickets = await renameTagRows(trx, from, to);
    if (tickets === 0) throw refusal('not_found', SAID.noTicketWithTag, { tag: from });
    await audit(ctx, trx, {
      ...byActor(ctx),
      action: 'settings_changed',
      details: { area: 'tags', renamed: { from, to }, tickets },
    });
    await resyncIfTagsMatter(ctx, trx);
    return { name: to, tickets: await countTicketsTagged(trx, to) };
  });
}

/** Takes a tag off every ticket. */
export async function removeTag(ctx: ActorCtx, name: string): Promise<void> {
  authorize(ctx.actor, 'tag.manage');
  await ctx.db.transaction().execute(async (trx) => {
    const tickets = await deleteTagRows(trx, name);
    if (tickets === 0) throw refusal('not_found', SAID.noTicketWithTag, { tag: name });
    await audit(ctx, trx, {
      ...byActor(ctx),
      action: 'settings_changed',
      details: { area: 'tags', removed: name, tickets },
    });
    await resyncIfTagsMatter(ctx, trx);
    return { tickets };
  });
}
