import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { KbMetric } from '../../db/schema.js';

// Counters per article, day (UTC) and metric, which the knowledge-base report sums: one upsert
// per count, so concurrent readers never lose one.

export async function bumpStat(
  db: Executor,
  articleIds: readonly string[],
  metric: KbMetric,
  at: Date,
  by = 1,
) {
  if (articleIds.length === 0) return;
  const day = at.toISOString().slice(0, 10);
  await db
    .insertInto('kb_article_stats')
    .values([...new Set(articleIds)].map((article_id) => ({ article_id, day, metric, n: by })))
    .onConflict((oc) =>
      oc.columns(['article_id', 'day', 'metric']).doUpdateSet({ n: sql`kb_article_stats.n + excluded.n` }),
    )
    .execute();
}
