import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  KbCategory,
  KbStatus,
  kbArticleBody,
  kbArticlePatch,
  kbCategoryBody,
  kbCategoryPatch,
  kbDiffSchema,
  kbDraftFromTicketSchema,
} from '../../../../common/kb';
import { get, send } from '../../api/client';

// The knowledge base's calls, typed by the contract in common/kb.ts.

export type ArticleBody = z.input<typeof kbArticleBody>;
export type ArticlePatch = z.input<typeof kbArticlePatch>;
export type CategoryBody = z.input<typeof kbCategoryBody>;
export type CategoryPatch = z.input<typeof kbCategoryPatch>;
export type KbDiff = z.infer<typeof kbDiffSchema>;
export type DraftFromTicket = z.infer<typeof kbDraftFromTicketSchema>;

/** The article list's filters, as in the page's address. */
export type ArticleFilters = {
  q?: string;
  categoryId?: string;
  status?: KbStatus;
  tag?: string;
  reviewDue?: boolean;
};

export const kbKeys = {
  all: ['kb'] as const,
  categories: ['kb', 'categories'] as const,
  articles: (f: ArticleFilters) => ['kb', 'articles', f] as const,
  article: (id: string) => ['kb', 'article', id] as const,
  revisions: (id: string) => ['kb', 'article', id, 'revisions'] as const,
  diff: (id: string, from: number, to: number) => ['kb', 'article', id, 'diff', from, to] as const,
};

export const kbApi = {
  categories: () => get('/kb/categories'),
  createCategory: (body: CategoryBody) => send('POST /kb/categories', { body }),
  updateCategory: (id: string, body: CategoryPatch) =>
    send('PATCH /kb/categories/:id', { params: { id }, body }),
  deleteCategory: (id: string) => send('DELETE /kb/categories/:id', { params: { id } }),
  articles: (f: ArticleFilters, cursor?: string) =>
    get('/kb/articles', {
      query: { ...f, reviewDue: f.reviewDue ? 'true' : undefined, limit: 25, cursor },
    }),
  article: (id: string) => get('/kb/articles/:id', { params: { id } }),
  createArticle: (body: ArticleBody) => send('POST /kb/articles', { body }),
  updateArticle: (id: string, body: ArticlePatch) => send('PATCH /kb/articles/:id', { params: { id }, body }),
  revisions: (id: string) => get('/kb/articles/:id/revisions', { params: { id } }),
  diff: (id: string, from: number) => get('/kb/articles/:id/diff', { params: { id }, query: { from } }),
  restore: (id: string, version: number) =>
    send('POST /kb/articles/:id/restore', { params: { id }, body: { version } }),
  search: (q: string) => get('/help/search', { query: { q, limit: 8 } }),
  draftFromTicket: (number: number) => get('/tickets/:number/article-draft', { params: { number } }),
  recordUse: (number: number, articleId: string) =>
    send('POST /tickets/:number/articles', { params: { number }, body: { articleId } }),
};

export function useCategories() {
  return useQuery({
    queryKey: kbKeys.categories,
    queryFn: async () => (await kbApi.categories()).items,
    staleTime: 30_000,
  });
}

export function useArticleList(filters: ArticleFilters) {
  return useInfiniteQuery({
    queryKey: kbKeys.articles(filters),
    queryFn: ({ pageParam }) => kbApi.articles(filters, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

/**
 * An article as staff edit it. Not fetched again behind the editor's back (focus, reconnect): a newer
 * version would replace what is being written; a colleague's save is met as a conflict instead.
 */
export function useArticle(id: string) {
  return useQuery({
    queryKey: kbKeys.article(id),
    queryFn: () => kbApi.article(id),
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });
}

/** Categories with their sections under each, both in their set order. */
export function categoryTree(all: KbCategory[]) {
  const byPosition = (a: KbCategory, b: KbCategory) =>
    a.position - b.position || a.name.localeCompare(b.name);
  return all
    .filter((c) => c.parentId === null)
    .sort(byPosition)
    .map((c) => ({ category: c, sections: all.filter((s) => s.parentId === c.id).sort(byPosition) }));
}

/** A Select's grouped choices: each category, then its sections indented under it. */
export function categoryOptions(all: KbCategory[]) {
  return categoryTree(all).flatMap(({ category, sections }) => [
    { value: category.id, label: category.name },
    ...sections.map((s) => ({ value: s.id, label: `${category.name} › ${s.name}` })),
  ]);
}

/** Where the help centre shows an article: the address customers are sent. */
export const publicArticleUrl = (slug: string) => `${window.location.origin}/help/articles/${slug}`;
