import { Button, EmptyState, Group, Stack, Text, Title } from '@mantine/core';
import { useDisclosure, useDocumentTitle } from '@mantine/hooks';
import { IconDeviceFloppy, IconFilterOff, IconInbox, IconPlus, IconSearch } from '@tabler/icons-react';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { useDepartments, useMe, useTicketList } from '../../api/hooks';
import type { Ticket } from '../../api/types';
import { ErrorAlert, LoadMore, PageLoader } from '../../components/bits';
import { ButtonLink } from '../../components/links';
import { useShortcuts } from '../../lib/shortcuts';
import { BUILT_IN_VIEWS, normalise, rememberQueue, sameSearch, useSavedViews } from '../../lib/views';
import { type QueueSearch, queueFilters } from '../../search';
import { type Column, SORT_NAME } from './queue/columns';
import { QueueCards } from './queue/QueueCards';
import { QueueFilters } from './queue/QueueFilters';
import { QueueTable } from './queue/QueueTable';
import { SaveViewModal } from './queue/SaveViewModal';

const route = getRouteApi('/agent/');

export function QueuePage() {
  const search = route.useSearch();
  const navigate = useNavigate({ from: '/agent/' });
  const savedViews = useSavedViews();
  const views = [...BUILT_IN_VIEWS, ...savedViews];
  const view = views.find((v) => sameSearch(v.search, search));
  useDocumentTitle(`${view?.name ?? 'Queue'} · Tessera`);

  const departments = useDepartments();
  const me = useMe();
  const filters = queueFilters(search);
  const list = useTicketList(filters, { live: true });
  const tickets = list.data?.pages.flatMap((p) => p.items) ?? [];

  const [selected, setSelected] = useState(0);
  const numbers = tickets.map((t) => t.number).join(',');
  useEffect(() => {
    rememberQueue(numbers ? numbers.split(',').map(Number) : [], normalise(search));
  }, [numbers, search]);
  useEffect(() => setSelected((i) => Math.min(i, Math.max(0, tickets.length - 1))), [tickets.length]);

  const open = (t: Ticket | undefined) =>
    t && navigate({ to: '/agent/tickets/$number', params: { number: String(t.number) } });
  const move = (delta: number) => {
    if (tickets.length === 0) return;
    const next = Math.max(0, Math.min(tickets.length - 1, selected + delta));
    setSelected(next);
    document.querySelector(`[data-row="${next}"]`)?.scrollIntoView({ block: 'nearest' });
    if (delta > 0 && next === tickets.length - 1 && list.hasNextPage && !list.isFetchingNextPage) {
      void list.fetchNextPage();
    }
  };
  const openSelected = () => open(tickets[selected]);
  useShortcuts({ j: () => move(1), k: () => move(-1), o: openSelected, Enter: openSelected });

  const setSearch = (patch: Partial<QueueSearch>) => {
    setSelected(0);
    return navigate({ search: (prev) => normalise({ ...prev, ...patch }), replace: true });
  };
  const sortBy = (col: Column) => {
    const current = filters.sort === col.sort;
    const order = current ? (filters.order === 'asc' ? 'desc' : 'asc') : col.firstOrder;
    void setSearch({ sort: col.sort, order });
  };

  const hasFilters = Boolean(
    search.q || search.status || search.category || search.priority || search.department || search.assignee,
  );

  const [saveOpened, saveModal] = useDisclosure(false);
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" wrap="wrap" gap="sm">
        <div>
          <Title order={1} size="h2">
            {view?.name ?? 'Queue'}
          </Title>
          <Text size="sm" c="dimmed">
            Sorted by {SORT_NAME[filters.sort ?? 'lastActivityAt']},{' '}
            {filters.order === 'asc' ? 'ascending' : 'descending'}
          </Text>
        </div>
        <Group gap="xs">
          {hasFilters && (
            <Button
              variant="subtle"
              color="gray"
              leftSection={<IconFilterOff size={16} aria-hidden />}
              onClick={() => navigate({ search: {}, replace: true })}
            >
              Clear filters
            </Button>
          )}
          <Button
            variant="default"
            leftSection={<IconDeviceFloppy size={16} aria-hidden />}
            onClick={saveModal.open}
            disabled={Boolean(view)}
          >
            Save view
          </Button>
          <ButtonLink to="/agent/new" leftSection={<IconPlus size={16} aria-hidden />}>
            New ticket
          </ButtonLink>
        </Group>
      </Group>

      <QueueFilters search={search} setSearch={setSearch} />

      {list.isPending ? (
        <PageLoader label="Loading the queue" />
      ) : list.isError ? (
        <ErrorAlert error={list.error} title="Cannot load the queue" onRetry={() => list.refetch()} />
      ) : tickets.length === 0 && !hasFilters && departments.data?.length === 0 ? (
        <EmptyState
          icon={<IconInbox aria-hidden />}
          title="No departments yet"
          description="Tickets go to departments. An administrator creates the first one; customers can then open tickets and agents work them here."
          py="xl"
        >
          {me.data?.role === 'admin' && (
            <EmptyState.Actions>
              <ButtonLink to="/admin/departments">Create a department</ButtonLink>
            </EmptyState.Actions>
          )}
        </EmptyState>
      ) : tickets.length === 0 ? (
        <EmptyState
          icon={hasFilters ? <IconSearch aria-hidden /> : <IconInbox aria-hidden />}
          title={hasFilters ? 'No tickets match' : 'The queue is empty'}
          description={
            hasFilters
              ? 'No ticket you can see matches these filters.'
              : 'New tickets from your departments appear here.'
          }
          py="xl"
        >
          {hasFilters && (
            <EmptyState.Actions>
              <Button variant="default" onClick={() => navigate({ search: {}, replace: true })}>
                Clear the filters
              </Button>
            </EmptyState.Actions>
          )}
        </EmptyState>
      ) : (
        <>
          <QueueTable
            tickets={tickets}
            selected={selected}
            sort={filters.sort}
            order={filters.order}
            onSort={sortBy}
            onRow={(i, t, e) => {
              setSelected(i);
              if (!(e.target as HTMLElement).closest('a')) void open(t);
            }}
          />
          <QueueCards
            tickets={tickets}
            selected={selected}
            onSort={sortBy}
            sort={filters.sort ?? 'lastActivityAt'}
            order={filters.order ?? 'desc'}
          />
          <LoadMore
            hasNextPage={list.hasNextPage}
            isFetchingNextPage={list.isFetchingNextPage}
            fetchNextPage={list.fetchNextPage}
            shown={tickets.length}
          />
        </>
      )}
      <SaveViewModal opened={saveOpened} onClose={saveModal.close} search={search} />
    </Stack>
  );
}
