import {
  infiniteQueryOptions,
  keepPreviousData,
  queryOptions,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { api, isApiError } from './client';
import type {
  ApiToken,
  Csat,
  CustomerWorkflow,
  Department,
  Me,
  Message,
  Organisation,
  Page,
  StaffWorkflow,
  Subscription,
  Ticket,
  TicketEvent,
  TicketFilters,
  User,
} from './types';

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

/** The signed-in user, or null when nobody is (a 401 is an answer here, not an error). */
export const meQuery = queryOptions({
  queryKey: keys.me,
  queryFn: async () => {
    try {
      return await api<Me>('GET', '/me');
    } catch (e) {
      if (isApiError(e, 401)) return null;
      throw e;
    }
  },
  staleTime: 5 * 60_000,
});

export const useMe = () => useQuery(meQuery);

/** A ticket list's pages; the route loader starts the first while the page's code loads. */
export const ticketListQuery = (filters: TicketFilters, limit = 25) =>
  infiniteQueryOptions({
    queryKey: keys.tickets(filters),
    queryFn: ({ pageParam }) =>
      api<Page<Ticket>>('GET', '/tickets', undefined, { ...filters, limit, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

/** Every page of a cursor-paged list, fetched one "Load more" at a time. */
export function useTicketList(filters: TicketFilters, opts: { live?: boolean; limit?: number } = {}) {
  return useInfiniteQuery({
    ...ticketListQuery(filters, opts.limit),
    placeholderData: keepPreviousData,
    refetchInterval: opts.live ? LIVE_INTERVAL_MS : false,
  });
}

export function useTicket(number: number, opts: { live?: boolean } = {}) {
  return useQuery({
    queryKey: keys.ticket(number),
    queryFn: () => api<Ticket>('GET', `/tickets/${number}`),
    enabled: number > 0,
    refetchInterval: opts.live ? LIVE_INTERVAL_MS : false,
  });
}

/** The whole thread, oldest first (the API pages it; a thread is read in full). */
export function useMessages(number: number, opts: { live?: boolean } = {}) {
  return useQuery({
    queryKey: keys.messages(number),
    queryFn: async () => {
      const all: Message[] = [];
      let cursor: string | undefined;
      do {
        const page = await api<Page<Message>>('GET', `/tickets/${number}/messages`, undefined, {
          limit: 100,
          cursor,
        });
        all.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor && all.length < 5000);
      return all;
    },
    enabled: number > 0,
    refetchInterval: opts.live ? LIVE_INTERVAL_MS : false,
  });
}

export function useEvents(number: number, opts: { live?: boolean } = {}) {
  return useQuery({
    queryKey: keys.events(number),
    queryFn: async () => (await api<Page<TicketEvent>>('GET', `/tickets/${number}/events`)).items,
    enabled: number > 0,
    refetchInterval: opts.live ? LIVE_INTERVAL_MS : false,
  });
}

export function useDepartments() {
  return useQuery({
    queryKey: keys.departments,
    queryFn: async () => (await api<Page<Department>>('GET', '/departments')).items,
    staleTime: 60_000,
  });
}

/** Every page of a cursor-paged list, read to the end (small admin lists: staff, organisations). */
async function readAll<T>(path: string, query: Record<string, string | undefined> = {}): Promise<T[]> {
  const all: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await api<Page<T>>('GET', path, undefined, { ...query, limit: 100, cursor });
    all.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && all.length < 10_000);
  return all;
}

/** Agents and admins: who a ticket can be assigned to. */
export function useStaff(enabled = true) {
  return useQuery({
    queryKey: keys.staff,
    queryFn: async () => {
      const [agents, admins] = await Promise.all([
        readAll<User>('/users', { role: 'agent' }),
        readAll<User>('/users', { role: 'admin' }),
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
      api<Page<User>>('GET', '/users', undefined, { role, organisationId, limit: 50, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useOrganisations(enabled = true) {
  return useQuery({
    queryKey: keys.organisations,
    queryFn: () => readAll<Organisation>('/organisations'),
    staleTime: 60_000,
    enabled,
  });
}

export function useOrganisationPages() {
  return useInfiniteQuery({
    queryKey: [...keys.organisations, 'pages'],
    queryFn: ({ pageParam }) =>
      api<Page<Organisation>>('GET', '/organisations', undefined, { limit: 50, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useOrganisation(id: string | null | undefined) {
  return useQuery({
    queryKey: keys.organisation(id ?? ''),
    queryFn: () => api<Organisation>('GET', `/organisations/${id}`),
    enabled: Boolean(id),
    staleTime: 5 * 60_000,
  });
}

export function useStaffWorkflow(enabled = true) {
  return useQuery({
    queryKey: keys.workflow,
    queryFn: () => api<StaffWorkflow>('GET', '/workflow'),
    staleTime: 60_000,
    enabled,
  });
}

export function useCustomerWorkflow() {
  return useQuery({
    queryKey: keys.workflow,
    queryFn: () => api<CustomerWorkflow>('GET', '/workflow'),
    staleTime: 5 * 60_000,
  });
}

export function useTokens() {
  return useQuery({
    queryKey: keys.tokens,
    queryFn: async () => (await api<{ items: ApiToken[] }>('GET', '/tokens')).items,
  });
}

export function useCsat(from?: string, to?: string) {
  return useQuery({
    queryKey: keys.csat(from, to),
    queryFn: () => api<Csat>('GET', '/reports/csat', undefined, { from, to }),
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
    queryFn: async () => {
      try {
        return await api<unknown>('GET', '/me/notification-preferences');
      } catch (e) {
        if (isApiError(e, 404)) return null;
        throw e;
      }
    },
    retry: false,
    staleTime: 60_000,
  });
}

export function useSignOut() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api<void>('POST', '/auth/logout'),
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
    queryFn: async () => {
      try {
        return (await api<{ enabled: boolean }>('GET', '/settings/subscriptions')).enabled;
      } catch (e) {
        if (isApiError(e, 404)) return false;
        throw e;
      }
    },
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
        await api<Page<Subscription>>(
          'GET',
          userId === 'me' ? '/me/subscriptions' : `/users/${userId}/subscriptions`,
        )
      ).items,
    enabled: enabled && userId !== null,
  });
}
