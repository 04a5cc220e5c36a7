import type { Executor } from '../../db/database.js';
import type { KbMetric } from '../../db/schema.js';

// The knowledge-base report's sums of the per-day counters (kb_article_stats), in SQL: over the
// whole range, per day, and per article. Days are UTC dates, compared as text (YYYY-MM-DD).

type Sum = { metric: KbMetric; n: number | string | null };

const inRange = (db: Executor, from: string, to: string) =>
  db.selectFrom('kb_article_stats as s').where('s.day', '>=', from).where('s.day', '<=', to);

export const sumsByMetric = (db: Executor, from: string, to: string): Promise<Sum[]> =>
  inRange(db, from, to)
    .select((eb) => ['s.metric', eb.fn.sum<number | string>('s.n').as('n')])
    .groupBy('s.metric')
    .execute();

export const sumsByDay = (db: Executor, from: string, to: string): Promise<(Sum & { day: string })[]> =>
  inRange(db, from, to)
    .select((eb) => ['s.day', 's.metric', eb.fn.sum<number | string>('s.n').as('n')])
    .groupBy(['s.day', 's.metric'])
    .execute();

export const sumsByArticle = (
  db: Executor,
  from: string,
  to: string,
): Promise<(Sum & { id: string; title: string })[]> =>
  inRange(db, from, to)
    .innerJoin('kb_articles as a', 'a.id', 's.article_id')
    .select((eb) => ['a.id', 'a.title', 's.metric', eb.fn.sum<number | string>('s.n').as('n')])
    .groupBy(['a.id', 'a.title', 's.metric'])
    .execute();
