import { type QueryKey, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { LoadMore } from '../bits';

/** A list the API answers whole, as `{ items }`: the query holds the items. */
export function useItems<T>(queryKey: QueryKey, fetchList: () => Promise<{ items: T[] }>) {
  return useQuery({ queryKey, queryFn: async () => (await fetchList()).items });
}

type Page<T> = { items: T[]; nextCursor?: string | null };

/** A list the API answers a page at a time: the next page is asked with the last one's cursor. */
export function usePages<T>(queryKey: QueryKey, fetchPage: (cursor: string | undefined) => Promise<Page<T>>) {
  return useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam }) => fetchPage(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** What a paged list's query has: the pages read so far, and a way to read the next. */
export type PagedQuery<T> = {
  data?: { pages: Page<T>[] };
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => unknown;
};

/** The items of the pages read so far, and the "Load more" under them. */
export function pagedItems<T>(list: PagedQuery<T>) {
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const footer = (
    <LoadMore
      hasNextPage={list.hasNextPage}
      isFetchingNextPage={list.isFetchingNextPage}
      fetchNextPage={list.fetchNextPage}
      shown={items.length}
    />
  );
  return { items, footer };
}
