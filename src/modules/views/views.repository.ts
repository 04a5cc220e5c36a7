import type { Actor } from '../../context.js';
import type { Executor } from '../../db/database.js';
import type { SavedViewTable } from '../../db/schema.js';

export type ViewRow = SavedViewTable;
export type ViewListRow = ViewRow & { department_name: string | null; owner_name: string };

/**
 * The one rule for which views someone sees, in SQL: their own, those shared with everyone, and
 * those shared with a department: an agent's departments, or any for an administrator.
 */
function visibleViews(db: Executor, actor: Actor) {
  return db
    .selectFrom('saved_views')
    .innerJoin('users as owner', 'owner.id', 'saved_views.owner_id')
    .leftJoin('departments', 'departments.id', 'saved_views.department_id')
    .selectAll('saved_views')
    .select(['owner.name as owner_name', 'departments.name as department_name'])
    .where((eb) => {
      const shared =
        actor.role === 'admin'
          ? eb('saved_views.scope', '=', 'department')
          : actor.departmentIds.length > 0
            ? eb.and([
                eb('saved_views.scope', '=', 'department'),
                eb('saved_views.department_id', 'in', actor.departmentIds),
              ])
            : eb.lit(false);
      return eb.or([
        eb.and([eb('saved_views.scope', '=', 'personal'), eb('saved_views.owner_id', '=', actor.id)]),
        eb('saved_views.scope', '=', 'everyone'),
        shared,
      ]);
    });
}

/** The views `actor` sees, in their order: by position, then oldest first. */
export const listVisibleViews = (db: Executor, actor: Actor): Promise<ViewListRow[]> =>
  visibleViews(db, actor)
    .orderBy('saved_views.position')
    .orderBy('saved_views.created_at')
    .orderBy('saved_views.id')
    .execute();

export const findVisibleView = (db: Executor, actor: Actor, id: string): Promise<ViewListRow | undefined> =>
  visibleViews(db, actor).where('saved_views.id', '=', id).executeTakeFirst();

export const insertView = (db: Executor, row: ViewRow) => db.insertInto('saved_views').values(row).execute();

export const updateViewRow = (db: Executor, id: string, patch: Partial<ViewRow>) =>
  db.updateTable('saved_views').set(patch).where('id', '=', id).execute();

export async function deleteViewRow(db: Executor, id: string) {
  await db.deleteFrom('view_defaults').where('view_id', '=', id).execute();
  await db.deleteFrom('saved_views').where('id', '=', id).execute();
}

/** The next position at the end of someone's views. */
export async function nextPosition(db: Executor, ownerId: string): Promise<number> {
  const row = await db
    .selectFrom('saved_views')
    .select((eb) => eb.fn.max('position').as('max'))
    .where('owner_id', '=', ownerId)
    .executeTakeFirst();
  return row?.max === null || row?.max === undefined ? 0 : Number(row.max) + 1;
}

export async function defaultViewOf(db: Executor, userId: string): Promise<string | null> {
  const row = await db
    .selectFrom('view_defaults')
    .select('view_id')
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row?.view_id ?? null;
}

export async function setDefaultView(db: Executor, userId: string, viewId: string | null) {
  await db.deleteFrom('view_defaults').where('user_id', '=', userId).execute();
  if (viewId) await db.insertInto('view_defaults').values({ user_id: userId, view_id: viewId }).execute();
}
