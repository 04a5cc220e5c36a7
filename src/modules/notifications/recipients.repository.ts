import type { Executor } from '../../db/database.js';

/** The active users who work in a department. */
const activeMembers = (db: Executor, departmentId: string) =>
  db
    .selectFrom('user_departments')
    .innerJoin('users', 'users.id', 'user_departments.user_id')
    .select('users.id')
    .where('user_departments.department_id', '=', departmentId)
    .where('users.active', '=', 1);

/** Active agents of a department; the administrators where the department has none. */
export async function departmentStaff(db: Executor, departmentId: string): Promise<string[]> {
  const agents = await activeMembers(db, departmentId).where('users.role', '=', 'agent').execute();
  if (agents.length > 0) return agents.map((a) => a.id);
  const admins = await db
    .selectFrom('users')
    .select('id')
    .where('role', '=', 'admin')
    .where('active', '=', 1)
    .execute();
  return admins.map((a) => a.id);
}

export const findActiveUser = (db: Executor, id: string) =>
  db.selectFrom('users').selectAll().where('id', '=', id).where('active', '=', 1).executeTakeFirst();

/** Who is paged for an urgent ticket: the department's on-call agents, else all its staff. */
export async function onCallStaff(db: Executor, departmentId: string): Promise<string[]> {
  const onCall = await activeMembers(db, departmentId).where('users.on_call', '=', 1).execute();
  return onCall.length > 0 ? onCall.map((u) => u.id) : departmentStaff(db, departmentId);
}
