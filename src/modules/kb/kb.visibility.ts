import { type ExpressionBuilder, type SelectQueryBuilder, sql } from 'kysely';
import { type Actor, type Ctx, nowIso } from '../../context.js';
import type { Executor } from '../../db/database.js';
import type { DB } from '../../db/schema.js';

// The one visibility rule of the knowledge base, in SQL. Every list, page, search, suggestion,
// vote and count of articles starts here:
// - staff read every article, drafts and archived ones too, and every visibility;
// - a signed-in customer reads published articles that are public, for signed-in customers, or
//   restricted to their organisation or to a plan they (or their organisation) hold now;
// - an anonymous visitor reads published public articles.
// A row outside the scope does not exist for the caller (404).

/**
 * Who reads, and when: a signed-in user, or null for an anonymous visitor of the help centre; `now`
 * decides which subscriptions are running (one not started yet or ended opens nothing).
 */
export type KbReader = { who: Actor | null; now: string };

/** An anonymous visitor: public articles only, whatever the time. */
export const VISITOR: KbReader = { who: null, now: '' };

export const kbReader = (ctx: Pick<Ctx, 'clock'>, who: Actor | null): KbReader => ({ who, now: nowIso(ctx) });

export const isKbStaff = (reader: KbReader) => reader.who !== null && reader.who.role !== 'customer';

/** The condition, for queries that start elsewhere (categories counting their articles). */
export function articleReadable(reader: KbReader) {
  const { who, now } = reader;
  return (eb: ExpressionBuilder<DB, 'kb_articles'>) => {
    if (isKbStaff(reader)) return sql<boolean>`1 = 1`;
    const published = eb('kb_articles.status', '=', 'published');
    if (who === null) return eb.and([published, eb('kb_articles.visibility', '=', 'public')]);
    const audiences = eb
      .selectFrom('kb_article_audiences as aud')
      .select('aud.article_id')
      .whereRef('aud.article_id', '=', 'kb_articles.id')
      .where((w) =>
        w.or([
          ...(who.organisationId
            ? [w.and([w('aud.kind', '=', 'organisation'), w('aud.ref_id', '=', who.organisationId)])]
            : []),
          w.and([
            w('aud.kind', '=', 'plan'),
            w(
              'aud.ref_id',
              'in',
              w
                .selectFrom('subscriptions as sub')
                .select('sub.plan_id')
                // Running now, as entitlements.ts's effectiveState has it.
                .where('sub.state', '=', 'active')
                .where('sub.starts_at', '<=', now)
                .where((s) => s.or([s('sub.ends_at', 'is', null), s('sub.ends_at', '>', now)]))
                .where((s) =>
                  s.or([
                    s('sub.customer_id', '=', who.id),
                    ...(who.organisationId ? [s('sub.organisation_id', '=', who.organisationId)] : []),
                  ]),
                ),
            ),
          ]),
        ]),
      );
    return eb.and([
      published,
      eb.or([
        eb('kb_articles.visibility', 'in', ['public', 'signed_in']),
        eb.and([eb('kb_articles.visibility', '=', 'restricted'), eb.exists(audiences)]),
      ]),
    ]);
  };
}

/** The articles `reader` may read. */
export function visibleArticles(
  db: Executor,
  reader: KbReader,
): SelectQueryBuilder<DB, 'kb_articles', object> {
  return db.selectFrom('kb_articles').where(articleReadable(reader));
}
