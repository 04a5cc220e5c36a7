import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { defineMessages, type MessageDescriptor } from 'react-intl';
import { BUILT_IN_VIEWS, type SavedView } from '../../../common/views';
import { get, send } from '../api/client';
import { t } from '../i18n/t';
import type { QueueSearch } from '../search';
import {
  filterOfSearch,
  forgetLegacyViews,
  legacyViews,
  normalise,
  type QueueView,
  searchOfView,
} from './views';

// The saved views of the server, their counts and the caller's default, for the sidebar and queue.

export const viewKeys = {
  all: ['views'] as const,
  list: ['views', 'list'] as const,
  counts: ['views', 'counts'] as const,
  default: ['views', 'default'] as const,
};

const BUILT_IN_NAMES = defineMessages({
  all: { id: 'views.builtIn.all', defaultMessage: 'All tickets' },
  active: { id: 'views.builtIn.active', defaultMessage: 'Not solved' },
  mine: { id: 'views.builtIn.mine', defaultMessage: 'Assigned to me' },
  unassigned: { id: 'views.builtIn.unassigned', defaultMessage: 'Unassigned' },
}) satisfies Record<(typeof BUILT_IN_VIEWS)[number]['id'], MessageDescriptor>;

/** The views every member of staff has, as searches, named in the reader's language. */
export const builtInViews = (): QueueView[] =>
  BUILT_IN_VIEWS.map((v) => ({
    id: v.id,
    name: t(BUILT_IN_NAMES[v.id]),
    search: searchOfView({ filter: v.filter }),
  }));

export type ShownView = QueueView & { saved: SavedView };
export const shownView = (v: SavedView): ShownView => ({
  id: v.id,
  name: v.name,
  search: searchOfView(v),
  saved: v,
});

export function useSavedViews() {
  return useQuery({
    queryKey: viewKeys.list,
    queryFn: async () => (await get('/views')).items.map(shownView),
    staleTime: 60_000,
  });
}

/** Each view's count; refreshed when tickets change (see api/live.ts) and now and then besides. */
export function useViewCounts() {
  return useQuery({
    queryKey: viewKeys.counts,
    queryFn: async () => new Map((await get('/views/counts')).items.map((c) => [c.id, c.count])),
    refetchInterval: 60_000,
  });
}

export function useDefaultView() {
  return useQuery({ queryKey: viewKeys.default, queryFn: () => get('/views/default'), staleTime: 60_000 });
}

/** Any change to a view: the list, counts and default are read again. */
export function useViewMutation<A, R>(run: (arg: A) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: () => qc.invalidateQueries({ queryKey: viewKeys.all }),
  });
}

export const viewApi = {
  create: (body: Parameters<typeof send<'POST /views'>>[1]['body']) => send('POST /views', { body }),
  update: ({ id, ...body }: { id: string } & Parameters<typeof send<'PATCH /views/:id'>>[1]['body']) =>
    send('PATCH /views/:id', { params: { id }, body }),
  remove: (id: string) => send('DELETE /views/:id', { params: { id } }),
  setDefault: (id: string | null) => send('PUT /views/default', { body: { id } }),
};

let openedOnce = false;

/**
 * The queue opens on the person's default view: the first time it is shown after the app loads,
 * when its address names no view of its own. Later, "All tickets" is all tickets.
 */
export function useOpenOnDefaultView(search: QueueSearch, open: (search: QueueSearch) => unknown) {
  const defaultId = useDefaultView().data?.id;
  const saved = useSavedViews().data;
  useEffect(() => {
    if (openedOnce || defaultId === undefined || !saved) return;
    openedOnce = true;
    if (!defaultId || Object.keys(normalise(search)).length > 0) return;
    const view = [...builtInViews(), ...saved].find((v) => v.id === defaultId);
    if (view) open(view.search);
  }, [defaultId, saved, search, open]);
}

let importing = false;

/**
 * Views kept in this browser before views moved to the server become the person's own saved views,
 * once; then the browser forgets them. A view the server refuses is left out rather than retried.
 */
export function useImportLegacyViews(enabled: boolean) {
  const qc = useQueryClient();
  useEffect(() => {
    const legacy = enabled ? legacyViews() : [];
    if (importing || legacy.length === 0) return;
    importing = true;
    void (async () => {
      for (const v of legacy) {
        const body = {
          name: v.name.trim().slice(0, 60) || 'Saved view',
          filter: filterOfSearch(v.search),
          sort: v.search.sort ?? 'lastActivityAt',
          order: v.search.order ?? 'desc',
        };
        await viewApi.create(body).catch(() => undefined);
      }
      forgetLegacyViews();
      await qc.invalidateQueries({ queryKey: viewKeys.all });
    })();
  }, [enabled, qc]);
}
