import {
  Button,
  Card,
  EmptyState,
  Group,
  Kbd,
  Modal,
  MultiSelect,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { useDebouncedCallback, useDisclosure, useDocumentTitle, useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import {
  IconArrowDown,
  IconArrowsSort,
  IconArrowUp,
  IconDeviceFloppy,
  IconFilterOff,
  IconInbox,
  IconPlus,
  IconSearch,
} from '@tabler/icons-react';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { PRIORITIES } from '../../../../common/api';
import { STATUS_CATEGORIES } from '../../../../common/workflow';
import { useDepartments, useMe, useStaff, useStaffWorkflow, useTicketList } from '../../api/hooks';
import type { Ticket, TicketSort } from '../../api/types';
import { ErrorAlert, LoadMore, PageLoader, PriorityBadges, StatusBadge, Time } from '../../components/bits';
import { AnchorLink, ButtonLink } from '../../components/links';
import { MergedInto } from '../../components/MergeTicket';
import { focusRequest } from '../../components/StaffLayout';
import { PRIORITY_INFO, STATUS_CATEGORY_INFO, ticketRef } from '../../lib/format';
import { useShortcuts } from '../../lib/shortcuts';
import {
  BUILT_IN_VIEWS,
  normalise,
  rememberQueue,
  sameSearch,
  saveView,
  useSavedViews,
} from '../../lib/views';
import { csvJoin, csvList, type QueueSearch, queueFilters } from '../../search';

const route = getRouteApi('/agent/');

type Column = { sort: TicketSort; label: string; firstOrder: 'asc' | 'desc' };
const COLUMNS: Column[] = [
  { sort: 'number', label: 'No.', firstOrder: 'desc' },
  { sort: 'subject', label: 'Subject', firstOrder: 'asc' },
  { sort: 'customer', label: 'Customer', firstOrder: 'asc' },
  { sort: 'department', label: 'Department', firstOrder: 'asc' },
  { sort: 'status', label: 'Status', firstOrder: 'asc' },
  { sort: 'priority', label: 'Priority', firstOrder: 'desc' },
  { sort: 'lastActivityAt', label: 'Updated', firstOrder: 'desc' },
  { sort: 'assignee', label: 'Assignee', firstOrder: 'asc' },
];

const CATEGORY_PREFIX = 'cat:';
const SORT_NAME: Record<TicketSort, string> = {
  number: 'ticket number',
  subject: 'subject',
  customer: 'customer',
  department: 'department',
  status: 'status',
  priority: 'priority',
  createdAt: 'creation time',
  lastActivityAt: 'last update',
  assignee: 'assignee',
};

export function QueuePage() {
  const search = route.useSearch();
  const navigate = useNavigate({ from: '/agent/' });
  const savedViews = useSavedViews();
  const views = [...BUILT_IN_VIEWS, ...savedViews];
  const view = views.find((v) => sameSearch(v.search, search));
  useDocumentTitle(`${view?.name ?? 'Queue'} · Tessera`);

  const workflow = useStaffWorkflow();
  const departments = useDepartments();
  const staff = useStaff();
  const me = useMe();
  const filters = queueFilters(search);
  const list = useTicketList(filters, { live: true });
  const tickets = list.data?.pages.flatMap((p) => p.items) ?? [];

  const [q, setQ] = useState(search.q ?? '');
  // From the address (back, a saved view) into the box, unless it is what is typed already: a
  // search that arrived while typing must not eat the space after the last word.
  useEffect(
    () => setQ((typed) => (typed.trim() === (search.q ?? '') ? typed : (search.q ?? ''))),
    [search.q],
  );
  const searchBox = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (focusRequest.search) {
      focusRequest.search = false;
      searchBox.current?.focus();
    }
  }, []);

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
  // Searches as you type, like the portal's My Tickets.
  const searchSoon = useDebouncedCallback((value: string) => {
    if ((search.q ?? '') !== value.trim()) void setSearch({ q: value.trim() || undefined });
  }, 350);
  const sortBy = (col: Column) => {
    const current = filters.sort === col.sort;
    const order = current ? (filters.order === 'asc' ? 'desc' : 'asc') : col.firstOrder;
    void setSearch({ sort: col.sort, order });
  };

  const statusValues = [
    ...csvList(search.category).map((c) => CATEGORY_PREFIX + c),
    ...csvList(search.status),
  ];
  // A group is offered only where it gathers several statuses: a one-status group ("Open" beside
  // the status "Open") would list the same thing twice.
  const statuses = workflow.data?.statuses ?? [];
  const statusData = [
    {
      group: 'Status groups',
      items: STATUS_CATEGORIES.filter(
        (c) => statuses.filter((s) => s.category === c).length > 1 || csvList(search.category).includes(c),
      ).map((c) => ({
        value: CATEGORY_PREFIX + c,
        label: `Any ${(STATUS_CATEGORY_INFO[c]?.label ?? c).toLowerCase()} status`,
      })),
    },
    {
      group: 'Statuses',
      items: statuses.map((s) => ({ value: s.key, label: s.staffLabel })),
    },
  ];
  const assigneeData = [
    { value: 'me', label: 'Me' },
    { value: 'none', label: 'Unassigned' },
    ...(staff.data ?? []).filter((u) => u.active).map((u) => ({ value: u.id, label: u.name })),
  ];
  const hasFilters = Boolean(
    search.q || search.status || search.category || search.priority || search.department || search.assignee,
  );

  const [saveOpened, saveModal] = useDisclosure(false);
  // On a phone the five filters would fill the screen: they wait behind a button.
  const isPhone = useMediaQuery('(max-width: 36em)') ?? false;
  const [showFilters, setShowFilters] = useState(false);
  const activeFilterCount = [
    search.status || search.category,
    search.priority,
    search.department,
    search.assignee,
  ].filter(Boolean).length;

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

      <form
        aria-label="Search and filter the queue"
        onSubmit={(e) => {
          e.preventDefault();
          void setSearch({ q: q.trim() || undefined });
        }}
      >
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3, lg: 5 }} spacing="sm">
          <TextInput
            id="queue-search"
            ref={searchBox}
            label="Search"
            placeholder="Words in tickets"
            leftSection={<IconSearch size={16} aria-hidden />}
            rightSection={
              <Kbd size="xs" visibleFrom="sm" title="Press / to jump here">
                /
              </Kbd>
            }
            value={q}
            onChange={(e) => {
              setQ(e.currentTarget.value);
              searchSoon(e.currentTarget.value);
            }}
            onBlur={() => {
              if ((search.q ?? '') !== q.trim()) void setSearch({ q: q.trim() || undefined });
            }}
            onKeyDown={(e) => {
              if (e.key === 'Escape') e.currentTarget.blur();
            }}
            type="search"
          />
          {!isPhone || showFilters ? (
            <>
              <MultiSelect
                label="Status"
                placeholder={statusValues.length ? undefined : 'Any'}
                data={statusData}
                value={statusValues}
                onChange={(values) =>
                  setSearch({
                    category: csvJoin(
                      values
                        .filter((v) => v.startsWith(CATEGORY_PREFIX))
                        .map((v) => v.slice(CATEGORY_PREFIX.length)),
                    ),
                    status: csvJoin(values.filter((v) => !v.startsWith(CATEGORY_PREFIX))),
                  })
                }
                clearable
              />
              <MultiSelect
                label="Priority"
                placeholder={search.priority ? undefined : 'Any'}
                data={PRIORITIES.map((p) => ({ value: p, label: PRIORITY_INFO[p].label }))}
                value={csvList(search.priority)}
                onChange={(values) => setSearch({ priority: csvJoin(values) })}
                clearable
              />
              <Select
                label="Department"
                placeholder="Any"
                data={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
                value={search.department ?? null}
                onChange={(v) => setSearch({ department: v ?? undefined })}
                clearable
                searchable
              />
              <Select
                label="Assignee"
                placeholder="Anyone"
                data={assigneeData}
                value={search.assignee ?? null}
                onChange={(v) => setSearch({ assignee: v ?? undefined })}
                clearable
                searchable
              />
            </>
          ) : (
            <Button variant="default" onClick={() => setShowFilters(true)} aria-expanded={false}>
              Filters{activeFilterCount ? ` (${activeFilterCount} on)` : ''}
            </Button>
          )}
          <button type="submit" hidden>
            Search
          </button>
        </SimpleGrid>
      </form>

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
          <Table.ScrollContainer minWidth={900} visibleFrom="md">
            <Table
              highlightOnHover
              verticalSpacing="xs"
              horizontalSpacing="xs"
              stickyHeader
              data-testid="queue-table"
              styles={{ td: { whiteSpace: 'nowrap' } }}
            >
              <Table.Thead>
                <Table.Tr>
                  {COLUMNS.map((c) => {
                    const active = filters.sort === c.sort;
                    const Icon = !active
                      ? IconArrowsSort
                      : filters.order === 'asc'
                        ? IconArrowUp
                        : IconArrowDown;
                    return (
                      <Table.Th
                        key={c.sort}
                        scope="col"
                        style={{ whiteSpace: 'nowrap' }}
                        aria-sort={active ? (filters.order === 'asc' ? 'ascending' : 'descending') : 'none'}
                      >
                        <UnstyledButton
                          onClick={() => sortBy(c)}
                          data-sort={c.sort}
                          title={`Sort by ${c.label.toLowerCase()}`}
                        >
                          <Group gap={2} wrap="nowrap">
                            <Text fw={700} size="sm">
                              {c.label}
                            </Text>
                            <Icon size={12} aria-hidden opacity={active ? 1 : 0.35} />
                          </Group>
                        </UnstyledButton>
                      </Table.Th>
                    );
                  })}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {tickets.map((t, i) => (
                  <Table.Tr
                    key={t.number}
                    data-row={i}
                    data-clickable
                    data-selected={i === selected || undefined}
                    aria-selected={i === selected}
                    onClick={(e) => {
                      setSelected(i);
                      if (!(e.target as HTMLElement).closest('a')) void open(t);
                    }}
                  >
                    <Table.Td>
                      <Text size="sm" fw={600} c="dimmed">
                        {ticketRef(t.number)}
                      </Text>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'normal', minWidth: 200 }}>
                      <AnchorLink
                        to="/agent/tickets/$number"
                        params={{ number: String(t.number) }}
                        size="sm"
                        fw={500}
                        c="inherit"
                        style={{ overflowWrap: 'break-word' }}
                      >
                        {t.subject}
                      </AnchorLink>
                      {t.mergedInto !== null && (
                        <div>
                          <MergedInto number={t.mergedInto} size="xs" />
                        </div>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" truncate maw={150}>
                        {t.requester.name}
                      </Text>
                      {t.organisation && (
                        <Text size="xs" c="dimmed" truncate maw={150}>
                          {t.organisation.name}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" truncate maw={130}>
                        {t.department.name}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <StatusBadge label={t.status.label} category={t.status.category} />
                    </Table.Td>
                    <Table.Td>
                      <PriorityBadges priority={t.priority} urgent={t.urgent} />
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">
                        <Time iso={t.lastActivityAt} />
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      {t.assignee ? (
                        <Text size="sm" truncate maw={140}>
                          {t.assignee.name}
                        </Text>
                      ) : (
                        <Text size="sm" c="dimmed" fs="italic">
                          Unassigned
                        </Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
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

/** Narrow screens: one card per ticket, and the sort as a select instead of column headers. */
function QueueCards({
  tickets,
  selected,
  sort,
  order,
  onSort,
}: {
  tickets: Ticket[];
  selected: number;
  sort: TicketSort;
  order: 'asc' | 'desc';
  onSort: (c: Column) => void;
}) {
  return (
    <Stack gap="sm" hiddenFrom="md">
      <Group gap="xs" align="flex-end" wrap="nowrap">
        <Select
          label="Sort by"
          data={COLUMNS.map((c) => ({ value: c.sort, label: c.label }))}
          value={sort}
          onChange={(v) => {
            const col = COLUMNS.find((c) => c.sort === v);
            if (col) onSort(col);
          }}
          allowDeselect={false}
          style={{ flex: 1 }}
        />
        <Button
          variant="default"
          onClick={() => {
            const col = COLUMNS.find((c) => c.sort === sort);
            if (col) onSort(col);
          }}
          leftSection={
            order === 'asc' ? <IconArrowUp size={16} aria-hidden /> : <IconArrowDown size={16} aria-hidden />
          }
          aria-label={`Order: ${order === 'asc' ? 'ascending' : 'descending'}; press to reverse`}
        >
          {order === 'asc' ? 'Ascending' : 'Descending'}
        </Button>
      </Group>
      <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
        {tickets.map((t, i) => (
          <Card
            key={t.number}
            component="li"
            withBorder
            padding="sm"
            style={i === selected ? { borderColor: 'var(--mantine-color-indigo-5)' } : undefined}
          >
            <Group justify="space-between" gap="xs" wrap="nowrap">
              <Text fw={600} c="dimmed" size="sm">
                {ticketRef(t.number)}
              </Text>
              <Text size="xs" c="dimmed">
                <Time iso={t.lastActivityAt} />
              </Text>
            </Group>
            <AnchorLink
              to="/agent/tickets/$number"
              params={{ number: String(t.number) }}
              fw={500}
              style={{ overflowWrap: 'anywhere' }}
            >
              {t.subject}
            </AnchorLink>
            <Text size="xs" c="dimmed">
              {t.requester.name}
              {t.organisation ? ` (${t.organisation.name})` : ''} · {t.department.name} ·{' '}
              {t.assignee?.name ?? 'Unassigned'}
            </Text>
            <Group gap="xs" mt={6}>
              <StatusBadge label={t.status.label} category={t.status.category} />
              <PriorityBadges priority={t.priority} urgent={t.urgent} />
              {t.mergedInto !== null && <MergedInto number={t.mergedInto} size="xs" />}
            </Group>
          </Card>
        ))}
      </Stack>
    </Stack>
  );
}

function SaveViewModal({
  opened,
  onClose,
  search,
}: {
  opened: boolean;
  onClose: () => void;
  search: QueueSearch;
}) {
  const [name, setName] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) return;
    saveView(name, search);
    notifications.show({ color: 'green', message: `View “${name.trim()}” saved` });
    setName('');
    onClose();
  };
  return (
    <Modal opened={opened} onClose={onClose} title="Save this view">
      <form onSubmit={submit}>
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            Keeps the current filters, search and sort under a name in the sidebar. Saved views are kept in
            this browser.
          </Text>
          <TextInput
            label="Name"
            required
            maxLength={60}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            data-autofocus
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" disabled={!name.trim()}>
              Save view
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
