import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { useDisclosure, useDocumentTitle } from '@mantine/hooks';
import { IconDeviceFloppy, IconFileTypeCsv, IconFilterOff, IconInbox, IconPlus } from '@tabler/icons-react';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { toQueryString } from '../../api/client';
import { useDepartments, useMe, useTicketList } from '../../api/hooks';
import type { Ticket, TicketFilters } from '../../api/types';
import { ButtonLink } from '../../components/links';
import { NoMatch, NoTickets, TicketPages } from '../../components/TicketList';
import { useShortcuts } from '../../lib/shortcuts';
import { normalise, rememberQueue, sameSearch } from '../../lib/views';
import { builtInViews, useOpenOnDefaultView, useSavedViews } from '../../lib/views-api';
import { type QueueSearch, queueFilters } from '../../search';
import { BulkBar } from './queue/BulkBar';
import { BulkProgress } from './queue/BulkProgress';
import { useBulkSelection } from './queue/BulkSelection';
import { type Column, columnsOf, sortName } from './queue/columns';
import { QueueCards } from './queue/QueueCards';
import { QueueFilters } from './queue/QueueFilters';
import { QueueTable } from './queue/QueueTable';
import { SaveViewModal } from './queue/SaveViewModal';

const route = getRouteApi('/agent/');

export function QueuePage() {
  const search = route.useSearch();
  const navigate = useNavigate({ from: '/agent/' });
  const intl = useIntl();
  const queueName = intl.formatMessage({ id: 'agent.queue.title', defaultMessage: 'Queue' });
  const savedViews = useSavedViews().data ?? [];
  const view = [...builtInViews(), ...savedViews].find((v) => sameSearch(v.search, search));
  useOpenOnDefaultView(search, (s) => navigate({ search: s, replace: true }));
  useDocumentTitle(`${view?.name ?? queueName} · Tessera`);

  const filters = queueFilters(search);
  const list = useTicketList(filters, { live: true });
  const tickets = list.data?.pages.flatMap((p) => p.items) ?? [];
  const open = (t: Ticket | undefined) =>
    t && navigate({ to: '/agent/tickets/$number', params: { number: String(t.number) } });
  const { selected, setSelected } = useQueueKeys(tickets, list, search, open);
  const checks = useBulkSelection(tickets, JSON.stringify(filters));
  const [bulkJob, setBulkJob] = useState<string | null>(null);
  const me = useMe();

  const setSearch = (patch: Partial<QueueSearch>) => {
    setSelected(0);
    return navigate({ search: (prev) => normalise({ ...prev, ...patch }), replace: true });
  };
  const sortBy = (col: Column) => {
    const current = filters.sort === col.sort;
    const order = current ? (filters.order === 'asc' ? 'desc' : 'asc') : col.firstOrder;
    void setSearch({ sort: col.sort, order });
  };
  const clearFilters = () => navigate({ search: {}, replace: true });
  const hasFilters = Boolean(
    search.q ||
      search.status ||
      search.category ||
      search.priority ||
      search.department ||
      search.assignee ||
      search.tag ||
      search.breached !== undefined ||
      search.dueWithin !== undefined,
  );

  const [saveOpened, saveModal] = useDisclosure(false);
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" wrap="wrap" gap="sm">
        <QueueTitle name={view?.name ?? queueName} filters={filters} />
        <Group gap="xs">
          {hasFilters && (
            <Button
              variant="subtle"
              color="gray"
              leftSection={<IconFilterOff size={16} aria-hidden />}
              onClick={clearFilters}
            >
              <FormattedMessage id="agent.queue.clearFilters" defaultMessage="Clear filters" />
            </Button>
          )}
          <Button
            variant="default"
            leftSection={<IconDeviceFloppy size={16} aria-hidden />}
            onClick={saveModal.open}
            disabled={Boolean(view)}
          >
            <FormattedMessage id="agent.queue.saveView" defaultMessage="Save view" />
          </Button>
          <Button
            component="a"
            variant="default"
            href={`/api/v1/tickets/export${toQueryString(filters)}`}
            download
            leftSection={<IconFileTypeCsv size={16} aria-hidden />}
          >
            <FormattedMessage id="agent.queue.exportCsv" defaultMessage="Export CSV" />
          </Button>
          <ButtonLink to="/agent/new" leftSection={<IconPlus size={16} aria-hidden />}>
            <FormattedMessage id="agent.queue.newTicket" defaultMessage="New ticket" />
          </ButtonLink>
        </Group>
      </Group>

      <QueueFilters search={search} setSearch={setSearch} />
      <BulkBar
        selection={checks}
        filters={filters}
        isAdmin={me.data?.role === 'admin'}
        onStarted={setBulkJob}
      />

      <TicketPages
        list={list}
        loading={intl.formatMessage({ id: 'agent.queue.loading', defaultMessage: 'Loading the queue' })}
        errorTitle={intl.formatMessage({
          id: 'agent.queue.loadError',
          defaultMessage: 'Cannot load the queue',
        })}
        empty={<EmptyQueue hasFilters={hasFilters} clearFilters={clearFilters} />}
      >
        {(shown) => (
          <>
            <QueueTable
              tickets={shown}
              selected={selected}
              sort={filters.sort}
              order={filters.order}
              onSort={sortBy}
              columns={columnsOf(search.columns)}
              checks={checks}
              onRow={(i, t, e) => {
                setSelected(i);
                if (!(e.target as HTMLElement).closest('a')) void open(t);
              }}
            />
            <QueueCards
              tickets={shown}
              selected={selected}
              onSort={sortBy}
              sort={filters.sort ?? 'lastActivityAt'}
              order={filters.order ?? 'desc'}
              checks={checks}
            />
          </>
        )}
      </TicketPages>
      <BulkProgress jobId={bulkJob} onClose={() => setBulkJob(null)} />
      <SaveViewModal opened={saveOpened} onClose={saveModal.close} search={search} />
    </Stack>
  );
}

/**
 * The selected row and the keys that move it (j, k) and open it (o, Enter); moving past the last
 * row loads the next page. The queue's numbers are kept for the ticket page's previous and next.
 */
function useQueueKeys(
  tickets: Ticket[],
  list: ReturnType<typeof useTicketList>,
  search: QueueSearch,
  open: (t: Ticket | undefined) => unknown,
) {
  const [selected, setSelected] = useState(0);
  const numbers = tickets.map((t) => t.number).join(',');
  useEffect(() => {
    rememberQueue(numbers ? numbers.split(',').map(Number) : [], normalise(search));
  }, [numbers, search]);
  useEffect(() => setSelected((i) => Math.min(i, Math.max(0, tickets.length - 1))), [tickets.length]);

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
  return { selected, setSelected };
}

function QueueTitle({ name, filters }: { name: string; filters: TicketFilters }) {
  return (
    <div>
      <Title order={1} size="h2">
        {name}
      </Title>
      <Text size="sm" c="dimmed">
        <FormattedMessage
          id="agent.queue.sortedBy"
          defaultMessage="Sorted by {sort}, {order, select, asc {ascending} other {descending}}"
          values={{ sort: sortName(filters.sort ?? 'lastActivityAt'), order: filters.order ?? 'desc' }}
        />
      </Text>
    </div>
  );
}

/** Why the queue shows nothing: filters that match nothing, no department yet, or an empty queue. */
function EmptyQueue({ hasFilters, clearFilters }: { hasFilters: boolean; clearFilters: () => unknown }) {
  const departments = useDepartments();
  const me = useMe();
  const intl = useIntl();
  if (hasFilters)
    return (
      <NoMatch
        description={intl.formatMessage({
          id: 'agent.queue.noMatch',
          defaultMessage: 'No ticket you can see matches these filters.',
        })}
        onClear={clearFilters}
      />
    );
  const why =
    departments.data?.length === 0
      ? {
          title: intl.formatMessage({
            id: 'agent.queue.noDepartmentsTitle',
            defaultMessage: 'No departments yet',
          }),
          description: intl.formatMessage({
            id: 'agent.queue.noDepartmentsDescription',
            defaultMessage:
              'Tickets go to departments. An administrator creates the first one; customers can then open tickets and agents work them here.',
          }),
          action: me.data?.role === 'admin' && (
            <ButtonLink to="/admin/departments">
              <FormattedMessage id="agent.queue.createDepartment" defaultMessage="Create a department" />
            </ButtonLink>
          ),
        }
      : {
          title: intl.formatMessage({ id: 'agent.queue.emptyTitle', defaultMessage: 'The queue is empty' }),
          description: intl.formatMessage({
            id: 'agent.queue.emptyDescription',
            defaultMessage: 'New tickets from your departments appear here.',
          }),
        };
  return <NoTickets icon={<IconInbox aria-hidden />} {...why} />;
}
