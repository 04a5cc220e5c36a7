import type { Executor } from '../../db/database.js';
import type { SurveyTable } from '../../db/schema.js';

export type SurveyRow = SurveyTable;

export const insertSurvey = (db: Executor, row: SurveyRow) => db.insertInto('surveys').values(row).execute();

export const findSurvey = (db: Executor, id: string) =>
  db.selectFrom('surveys').selectAll().where('id', '=', id).executeTakeFirst();

/** Records an answer only if none was recorded yet: the survey is answered once. */
export async function answerSurvey(
  db: Executor,
  id: string,
  answer: { rating: number; comment: string | null; at: string },
) {
  const res = await db
    .updateTable('surveys')
    .set({ rating: answer.rating, comment: answer.comment, answered_at: answer.at })
    .where('id', '=', id)
    .where('answered_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

export const latestAnsweredSurvey = (db: Executor, ticketId: string) =>
  db
    .selectFrom('surveys')
    .select(['rating', 'comment', 'answered_at'])
    .where('ticket_id', '=', ticketId)
    .where('answered_at', 'is not', null)
    .orderBy('answered_at', 'desc')
    .executeTakeFirst();

export const findSurveyTicket = (db: Executor, ticketId: string) =>
  db.selectFrom('tickets').select(['number', 'subject']).where('id', '=', ticketId).executeTakeFirst();
