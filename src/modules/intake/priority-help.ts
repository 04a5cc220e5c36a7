import type { PriorityHelp } from '../../../common/intake.js';
import type { ActorCtx } from '../../context.js';
import type { Executor } from '../../db/database.js';
import { authorize } from '../../policies/policy.js';
import { saveSetting } from '../audit/setting-change.js';
import { getSetting } from '../settings/settings.repository.js';

// What each priority means, shown where a customer chooses one. An intake setting like urgent
// routing: the product ships neutral wording; an installation (the demo's trading desk, say)
// describes its own levels.

export const NEUTRAL_PRIORITY_HELP: PriorityHelp = {
  low: 'A question or a small inconvenience; nothing is held up.',
  normal: 'Something needs fixing, but work can go on in the meantime.',
  high: 'An important part of your work is held up or badly affected.',
  urgent: 'Work has stopped for many people, or there is a risk of loss: it needs attention now.',
};

const KEY = 'priority_help';

export async function getPriorityHelp(db: Executor): Promise<PriorityHelp> {
  return { ...NEUTRAL_PRIORITY_HELP, ...(await getSetting<Partial<PriorityHelp>>(db, KEY)) };
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
