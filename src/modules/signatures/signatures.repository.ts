import type { Executor } from '../../db/database.js';
import type { SignatureTable } from '../../db/schema.js';

export type Owner = { user_id: string } | { department_id: string };

const ownerColumn = (o: Owner): 'user_id' | 'department_id' => ('user_id' in o ? 'user_id' : 'department_id');
const ownerId = (o: Owner) => ('user_id' in o ? o.user_id : o.department_id);

export const findSignature = (db: Executor, o: Owner) =>
  db.selectFrom('signatures').selectAll().where(ownerColumn(o), '=', ownerId(o)).executeTakeFirst();

/** A user's and a department's signatures, whichever exist. */
export const signaturesFor = (db: Executor, userId: string, departmentId: string) =>
  db
    .selectFrom('signatures')
    .select(['user_id', 'department_id', 'body'])
    .where((eb) => eb.or([eb('user_id', '=', userId), eb('department_id', '=', departmentId)]))
    .execute();

/** Sets the owner's signature, replacing the one they had. */
export async function putSignature(db: Executor, owner: Owner, row: SignatureTable): Promise<void> {
  await db
    .insertInto('signatures')
    .values(row)
    .onConflict((oc) =>
      oc.column(ownerColumn(owner)).doUpdateSet({
        body: row.body,
        updated_by: row.updated_by,
        updated_at: row.updated_at,
      }),
    )
    .execute();
}

export const deleteSignature = (db: Executor, o: Owner) =>
  db.deleteFrom('signatures').where(ownerColumn(o), '=', ownerId(o)).execute();
