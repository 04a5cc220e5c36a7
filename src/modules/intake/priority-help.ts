import { PRIORITIES } from '../../../common/api.js';
import { NEUTRAL_PRIORITY_HELP, type PriorityHelp } from '../../../common/intake.js';
import type { ActorCtx } from '../../context.js';
import type { Executor } from '../../db/database.js';
import { authorize, can } from '../../policies/policy.js';
import { saveSetting } from '../audit/setting-change.js';
import { variantsFor } from '../languages/variants.js';
import { getSetting } from '../settings/settings.repository.js';

// What each priority means, shown where a customer chooses one. An intake setting like urgent
// routing: the product ships neutral wording; an installation (the demo's trading desk, say)
// describes its own levels.

export { NEUTRAL_PRIORITY_HELP };

const KEY = 'priority_help';

export async function getPriorityHelp(db: Executor): Promise<PriorityHelp> {
  return { ...NEUTRAL_PRIORITY_HELP, ...(await getSetting<Partial<PriorityHelp>>(db, KEY)) };
}

/** What a reader is shown: in their language; as written for those who edit it. */
export async function readPriorityHelp(ctx: ActorCtx): Promise<PriorityHelp> {
  const help = await getPriorityHelp(ctx.db);
  if (can(ctx.actor, 'priorityHelp.update')) return help;
  const v = await variantsFor(ctx.db, ctx.actor, 'priority_help', null);
  return Object.fromEntries(PRIORITIES.map((p) => [p, v.text(p, '', help[p])])) as PriorityHelp;
}

export async function setPriorityHelp(ctx: ActorCtx, value: PriorityHelp): Promise<PriorityHelp> {
  authorize(ctx.actor, 'priorityHelp.update');
  return ctx.db.transaction().execute(async (trx) =>
    saveSetting(ctx, trx, {
      key: KEY,
      area: 'priority-help',
      old: await getPriorityHelp(trx),
      next: value,
    }),
  );
}
