import type { z } from 'zod';
import type { KbSuggestion, KbTicketArticle, kbDeflectionBody } from '../../../common/kb.js';
import type { ActorCtx } from '../../context.js';
import { refusal } from '../../errors.js';
import { authorize } from '../../policies/policy.js';
import { requireVisibleTicket } from '../ticket-data/visible.js';
import { insertTicketLink, readableArticleIds, ticketLinks } from './kb.deflect.repository.js';
import { KB_REFUSALS as REFUSED } from './kb.refusals.js';
import { searchArticles } from './kb.search.js';
import { bumpStat } from './kb.stats.js';
import { kbReader } from './kb.visibility.js';

// Deflection: articles suggested while a customer writes a ticket, what became of them (shown,
// opened, "This solved my problem"), and the articles agents use on tickets.

/** Fewer letters than this suggest nothing: two letters match half the knowledge base. */
export const SUGGEST_MIN_CHARS = 3;
export const SUGGESTIONS = 5;

/** Up to five published articles the caller may read, for a subject being typed. */
export async function suggestArticles(
  ctx: ActorCtx,
  q: string,
  limit = SUGGESTIONS,
): Promise<KbSuggestion[]> {
  const subject = q.trim();
  if (subject.length < SUGGEST_MIN_CHARS) return [];
  const hits = await searchArticles(ctx.db, ctx.dialect, kbReader(ctx, ctx.actor), subject, {
    any: true,
    publishedOnly: true,
    limit,
  });
  return hits.map(({ id, slug, title, snippet }) => ({ id, slug, title, snippet }));
}

/**
 * Counts suggestions shown, opened or that solved the problem. Articles the caller may not read
 * are left out rather than refused: a form open since an article was unpublished still counts
 * the others, and the answer says no more than how many were counted. Naming none the caller may
 * read is a 404.
 */
export async function recordDeflection(
  ctx: ActorCtx,
  input: z.output<typeof kbDeflectionBody>,
): Promise<{ counted: number }> {
  authorize(ctx.actor, 'kb.deflect');
  const ids = await readableArticleIds(ctx.db, kbReader(ctx, ctx.actor), input.articleIds);
  if (ids.length === 0) throw refusal('not_found', REFUSED.noArticle);
  await bumpStat(ctx.db, ids, input.kind, ctx.clock());
  return { counted: ids.length };
}

/** An article an agent used on a ticket: linked once per ticket, and counted as a use once. */
export async function linkTicketArticle(
  ctx: ActorCtx,
  number: number,
  articleId: string,
): Promise<{ created: boolean; article: KbTicketArticle }> {
  authorize(ctx.actor, 'kb.write');
  const created = await ctx.db.transaction().execute(async (trx) => {
    const ticket = await requireVisibleTicket(ctx, trx, number);
    const [readable] = await readableArticleIds(trx, kbReader(ctx, ctx.actor), [articleId]);
    if (!readable) throw refusal('not_found', REFUSED.noArticleId, { id: articleId });
    const now = ctx.clock();
    const made = await insertTicketLink(trx, {
      ticket_id: ticket.id,
      article_id: readable,
      user_id: ctx.actor.id,
      created_at: now.toISOString(),
    });
    if (made) await bumpStat(trx, [readable], 'used', now);
    return made;
  });
  const links = await listTicketArticles(ctx, number);
  const article = links.find((l) => l.id === articleId);
  if (!article) throw refusal('not_found', REFUSED.noArticleId, { id: articleId });
  return { created, article };
}

/** The articles used on a ticket, for staff who see it. */
export async function listTicketArticles(ctx: ActorCtx, number: number): Promise<KbTicketArticle[]> {
  authorize(ctx.actor, 'kb.write');
  const ticket = await requireVisibleTicket(ctx, ctx.db, number);
  const rows = await ticketLinks(ctx.db, ticket.id);
  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    title: r.title,
    status: r.status,
    linkedBy: r.user_id ? { id: r.user_id, name: r.user_name ?? '' } : null,
    linkedAt: r.created_at,
    uses: Number(r.uses ?? 0),
  }));
}
