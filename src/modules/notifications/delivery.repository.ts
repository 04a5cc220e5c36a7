import type { Executor } from '../../db/database.js';

export const findMessageWithAuthor = (db: Executor, id: string) =>
  db
    .selectFrom('messages')
    .leftJoin('users', 'users.id', 'messages.author_id')
    .selectAll('messages')
    .select('users.name as author_name')
    .where('messages.id', '=', id)
    .executeTakeFirst();
