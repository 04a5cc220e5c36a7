import type { WebhookPayload } from '../../../common/webhooks.js';
import type { ActorCtx, Ctx } from '../../context.js';
import type { Executor } from '../../db/database.js';
import type { KbVisibility } from '../../db/schema.js';
import { queueWebhookEvent } from '../webhook-events/queue.js';
import { findWebhookArticle } from './kb.articles.repository.js';
import type { ArticleRow } from './kb.repository.js';

// `kb.article_published`: queued in the save's transaction when an article becomes published, and
// the article as endpoints receive it, read when the delivery is built. What it is then decides:
// one no longer published is not announced, and only an article every customer may read (public
// or for signed-in customers), now and when it was published, reaches endpoints outside the team.

/** Articles whose title any customer may read. */
export const OPEN_VISIBILITIES: readonly KbVisibility[] = ['public', 'signed_in'];

/** A staff-only or restricted article's title is not for endpoints outside the team. */
export const queueArticlePublished = (ctx: ActorCtx, trx: Executor, a: ArticleRow) =>
  queueWebhookEvent(ctx, trx, {
    type: 'kb.article_published',
    articleId: a.id,
    actorId: ctx.actor.id,
    internal: !OPEN_VISIBILITIES.includes(a.visibility),
  });

export async function webhookArticle(
  ctx: Ctx,
  articleId: string,
): Promise<NonNullable<WebhookPayload['data']['article']> | null> {
  const a = await findWebhookArticle(ctx.db, articleId);
  if (a?.status !== 'published') return null;
  return {
    id: a.id,
    slug: a.slug,
    title: a.title,
    url: `${ctx.config.publicUrl}/help/articles/${a.slug}`,
    visibility: a.visibility,
    category: a.category_id ? { id: a.category_id, name: a.category_name ?? '' } : null,
    version: Number(a.version),
    publishedAt: a.published_at,
  };
}
