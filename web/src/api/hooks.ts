import {
  infiniteQueryOptions,
  keepPreviousData,
  queryOptions,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { get, orOnStatus, send } from './client';
import type { CustomerWorkflow, StaffWorkflow, TicketFilters, User } from './types';

/** How often open screens of the agent workspace look for changes made by others. */
export const LIVE_INTERVAL_MS = 20_000;

export const keys = {
  me: ['me'] as const,
  tickets: (f: TicketFilters) => ['tickets', f] as const,
  ticket: (n: number) => ['ticket', n] as const,
  messages: (n: number) => ['ticket', n, 'messages'] as const,
  events: (n: number) => ['ticket', n, 'events'] as const,
  departments: ['departments'] as const,
  staff: ['users', 'staff'] as const,
  users: (role?: string) => ['users', 'list', role ?? 'all'] as const,
  organisations: ['organisations'] as const,
  organisation: (id: string) => ['organisations', id] as const,
  workflow: ['workflow'] as const,
  tokens: ['tokens'] as const,
  csat: (from?: string, to?: string) => ['reports', 'csat', from ?? '', to ?? ''] as const,
  notificationPreferences: ['me', 'notification-preferences'] as const,
  subscriptionsEnabled: ['settings', 'subscriptions'] as const,
  mySubscriptions: ['me', 'subscriptions'] as const,
};

/** Re-asks every LIVE_INTERVAL_MS where a screen shows live data, never otherwise. */
const liveInterval = (live: boolean | undefined) => (live ? LIVE_INTERVAL_MS : false);

/** A cursor-paged list as an infinite query: the first page has no cursor, the next one the last page's. */
const cursorPaging = {
  initialPageParam: undefined as string | undefined,
  getNextPageParam: (last: { nextCursor: string | null }) => last.nextCursor ?? undefined,
};

/** Every page of a cursor-paged list, read to the end or to `max` items. */
async function readAll<T>(
  fetchPage: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null }>,
  max = 10_000,
): Promise<T[]> {
  const all: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await fetchPage(cursor);
    all.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && all.length < max);
  return all;
}

/** The signed-in user, or null when nobody is (a 401 is an answer here, not an error). */
export const meQuery = queryOptions({
  queryKey: keys.me,
  queryFn: () => orOnStatus(401, null, () => get('/me')),
  staleTime: 5 * 60_000,
});

export const useMe = () => useQuery(meQuery);

/** What the sign-in page offers; also whether the product's wording was changed, for visitors. */
export const signInOptionsQuery = queryOptions({
  queryKey: ['auth', 'options'],
  queryFn: () => get('/auth/options'),
  staleTime: 60_000,
});

/** A ticket list's pages; the route loader starts the first while the page's code loads. */
export const ticketListQuery = (filters: TicketFilters, limit = 25) =>
  infiniteQueryOptions({
    queryKey: keys.tickets(filters),
    queryFn: ({ pageParam }) => get('/tickets', { query: { ...filters, limit, cursor: pageParam } }),
    ...cursorPaging,
  });

/** Every page of a cursor-paged list, fetched one "Load more" at a time. */
export function useTicketList(filters: TicketFilters, opts: { live?: boolean; limit?: number } = {}) {
  return useInfiniteQuery({
    ...ticketListQuery(filters, opts.limit),
    placeholderData: keepPreviousData,
    refetchInterval: liveInterval(opts.live),
  });
}

export function useTicket(number: number, opts: { live?: boolean } = {}) {
  return useQuery({
    queryKey: keys.ticket(number),
    queryFn: () => get('/tickets/:number', { params: { number } }),
    enabled: number > 0,
    refetchInterval: liveInterval(opts.live),
  });
}

/** The whole thread, oldest first (the API pages it; a thread is read in full). */
export function useMessages(number: number, opts: { live?: boolean } = {}) {
  return useQuery({
    queryKey: keys.messages(number),
    queryFn: () =>
      readAll(
        (cursor) => get('/tickets/:number/messages', { params: { number }, query: { limit: 100, cursor } }),
        5000,
      ),
    enabled: number > 0,
    refetchInterval: liveInterval(opts.live),
  });
}

export function useEvents(number: number, opts: { live?: boolean } = {}) {
  return useQuery({
    queryKey: keys.events(number),
    queryFn: async () => (await get('/tickets/:number/events', { params: { number } })).items,
    enabled: number > 0,
    refetchInterval: liveInterval(opts.live),
  });
}

export function useDepartments() {
  return useQuery({
    queryKey: keys.departments,
    queryFn: async () => (await get('/departments')).items,
    staleTime: 60_000,
  });
}

/** Agents and admins: who a ticket can be assigned to. */
export function useStaff(enabled = true) {
  return useQuery({
    queryKey: keys.staff,
    queryFn: async () => {
      const [agents, admins] = await Promise.all([
        readAll((cursor) => get('/users', { query: { role: 'agent', limit: 100, cursor } })),
        readAll((cursor) => get('/users', { query: { role: 'admin', limit: 100, cursor } })),
      ]);
      return [...agents, ...admins].sort((a, b) => a.name.localeCompare(b.name));
    },
    staleTime: 60_000,
    enabled,
  });
}

export function useUserList(role?: User['role'], organisationId?: string) {
  return useInfiniteQuery({
    queryKey: [...keys.users(role), organisationId ?? ''],
    queryFn: ({ pageParam }) =>
      get('/users', { query: { role, organisationId, limit: 50, cursor: pageParam } }),
    ...cursorPaging,
  });
}

export function useOrganisations(enabled = true) {
  return useQuery({
    queryKey: keys.organisations,
    queryFn: () => readAll((cursor) => get('/organisations', { query: { limit: 100, cursor } })),
    staleTime: 60_000,
    enabled,
  });
}

export function useOrganisationPages() {
  return useInfiniteQuery({
    queryKey: [...keys.organisations, 'pages'],
    queryFn: ({ pageParam }) => get('/organisations', { query: { limit: 50, cursor: pageParam } }),
    ...cursorPaging,
  });
}

export function useOrganisation(id: string | null | undefined) {
  return useQuery({
    queryKey: keys.organisation(id ?? ''),
    queryFn: () => get('/organisations/:id', { params: { id: id ?? '' } }),
    enabled: Boolean(id),
    staleTime: 5 * 60_000,
  });
}

export function useStaffWorkflow(enabled = true) {
  return useQuery({
    queryKey: keys.workflow,
    queryFn: () => get('/workflow') as Promise<StaffWorkflow>,
    staleTime: 60_000,
    enabled,
  });
}

export function useCustomerWorkflow() {
  return useQuery({
    queryKey: keys.workflow,
    queryFn: () => get('/workflow') as Promise<CustomerWorkflow>,
    staleTime: 5 * 60_000,
  });
}

export function useTokens() {
  return useQuery({
    queryKey: keys.tokens,
    queryFn: async () => (await get('/tokens')).items,
  });
}

export function useCsat(from?: string, to?: string) {
  return useQuery({
    queryKey: keys.csat(from, to),
    queryFn: () => get('/reports/csat', { query: { from, to } }),
  });
}

export type NotificationPreferences = Record<string, Record<string, boolean>>;

/**
 * The notification preferences, or null where this server has no such endpoint yet (404):
 * the UI then leaves the card out rather than showing switches that do nothing.
 */
export function useNotificationPreferences() {
  return useQuery({
    queryKey: keys.notificationPreferences,
    queryFn: () => orOnStatus(404, null, () => get('/me/notification-preferences')),
    retry: false,
    staleTime: 60_000,
  });
}

/** After signing in: nothing cached for whoever was signed in before stays, and the new user is known at once. */
export function useStartSession() {
  const qc = useQueryClient();
  return (user: User) => {
    qc.clear();
    qc.setQueryData(keys.me, user);
  };
}

export function useSignOut() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => send('POST /auth/logout'),
    onSettled: () => {
      qc.clear();
      qc.setQueryData(keys.me, null);
    },
  });
}

/** Whether this installation limits tickets by subscription (seed 002); false where it cannot tell. */
export function useSubscriptionsEnabled() {
  return useQuery({
    queryKey: keys.subscriptionsEnabled,
    queryFn: () => orOnStatus(404, false, async () => (await get('/settings/subscriptions')).enabled),
    staleTime: 5 * 60_000,
  });
}

export const useMySubscriptions = (enabled: boolean) => useSubscriptionsOf('me', enabled);

/** The subscriptions a customer holds (staff opening a ticket for them); the caller's own for 'me'. */
export function useSubscriptionsOf(userId: string | null, enabled: boolean) {
  return useQuery({
    queryKey: userId === 'me' ? keys.mySubscriptions : ['users', userId, 'subscriptions'],
    queryFn: async () =>
      (
        await (userId === 'me'
          ? get('/me/subscriptions')
          : get('/users/:id/subscriptions', { params: { id: userId ?? '' } }))
      ).items,
    enabled: enabled && userId !== null,
  });
}
