import type { Actor, Ctx } from '../src/context.js';
import { createView } from '../src/modules/views/views.service.js';

// The saved views of the "view counts" scenarios: what a team's sidebar might hold besides the four
// built-in views: shared with everyone by an administrator, shared with the restricted agent's
// departments, and the agent's own.

const ACTIVE = 'new,open,pending,on_hold';

export async function seedViews(ctx: Ctx, admin: Actor, agent: Actor): Promise<number> {
  const as = (actor: Actor) => ({ ...ctx, actor });
  const defaults = {
    sort: 'lastActivityAt',
    order: 'desc',
    columns: ['number', 'subject', 'status'],
  } as const;
  const views = [
    { by: admin, name: 'Urgent', scope: 'everyone', filter: { priority: 'urgent' } },
    { by: admin, name: 'Waiting on us', scope: 'everyone', filter: { statusCategory: 'new,open' } },
    { by: admin, name: 'Pending', scope: 'everyone', filter: { statusCategory: 'pending' } },
    ...agent.departmentIds.map((departmentId, i) => ({
      by: admin,
      name: `Team ${i + 1} unassigned`,
      scope: 'department' as const,
      departmentId,
      filter: { departmentId, assigneeId: 'none', statusCategory: ACTIVE },
    })),
    {
      by: agent,
      name: 'My high ones',
      scope: 'personal',
      filter: { assigneeId: 'me', priority: 'high,urgent' },
    },
    { by: agent, name: 'On hold', scope: 'personal', filter: { statusCategory: 'on_hold' } },
  ] as const;
  for (const { by, ...v } of views)
    await createView(as(by), { ...defaults, ...v, columns: [...defaults.columns] });
  return views.length;
}
