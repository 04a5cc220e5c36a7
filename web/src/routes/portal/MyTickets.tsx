import { Group, Select, Stack, Table, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { useDebouncedCallback, useDocumentTitle } from '@mantine/hooks';
import { IconInbox, IconPlus, IconSearch } from '@tabler/icons-react';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { PRIORITIES } from '../../../../common/api';
import { useCustomerWorkflow, useMe, useOrganisation, useTicketList } from '../../api/hooks';
import type { Ticket } from '../../api/types';
import { PriorityBadge, StatusBadge } from '../../components/bits';
import { selectFilter } from '../../components/filters';
import { AnchorLink, ButtonLink } from '../../components/links';
import {
  NoMatch,
  NoTickets,
  TicketCard,
  TicketCardList,
  TicketNumber,
  TicketPages,
  TicketStateCells,
} from '../../components/TicketList';
import { formatDate, formatDateTime, PRIORITY_INFO } from '../../lib/format';
import { type PortalSearch, portalFilters } from '../../search';

const route = getRouteApi('/portal/');

/** The two status choices by category, beside the statuses themselves. */
const ACTIVE = 'cat:new,open,pending,on_hold';
const DONE = 'cat:solved,closed';

export function MyTicketsPage() {
  const intl = useIntl();
  useDocumentTitle(
    intl.formatMessage({
      id: 'portal.tickets.documentTitle',
      defaultMessage: 'My tickets · Tessera Support',
    }),
  );
  const search = route.useSearch();
  const navigate = useNavigate({ from: '/' });
  const me = useMe();
  const org = useOrganisation(me.data?.organisationId);
  const list = useTicketList(portalFilters(search));
  const [q, setQ] = useState(search.q ?? '');

  const setSearch = (patch: Partial<PortalSearch>) =>
    navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });
  const clearFilters = () => {
    setQ('');
    void navigate({ search: {}, replace: true });
  };
  const filtered = Boolean(search.q || search.status || search.priority);

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" wrap="wrap" gap="sm">
        <div>
          <Title order={1} size="h2">
            <FormattedMessage id="portal.tickets.title" defaultMessage="Support tickets" />
          </Title>
          <Text c="dimmed" size="sm">
            {org.data ? (
              <FormattedMessage
                id="portal.tickets.introOrganisation"
                defaultMessage="Every ticket of {organisation}, latest update first"
                values={{ organisation: org.data.name }}
              />
            ) : (
              <FormattedMessage
                id="portal.tickets.intro"
                defaultMessage="Your tickets, latest update first"
              />
            )}
          </Text>
        </div>
        <ButtonLink to="/new" leftSection={<IconPlus size={16} aria-hidden />}>
          <FormattedMessage id="portal.nav.newTicket" defaultMessage="New ticket" />
        </ButtonLink>
      </Group>

      <Filters search={search} setSearch={setSearch} q={q} setQ={setQ} />

      <TicketPages
        list={list}
        loading={intl.formatMessage({ id: 'portal.tickets.loading', defaultMessage: 'Loading tickets' })}
        errorTitle={intl.formatMessage({
          id: 'portal.tickets.loadError',
          defaultMessage: 'Cannot load the tickets',
        })}
        empty={
          filtered ? (
            <NoMatch
              description={intl.formatMessage({
                id: 'portal.tickets.noMatch',
                defaultMessage: 'Try other words or another status or priority.',
              })}
              onClear={clearFilters}
            />
          ) : (
            <NoTickets
              icon={<IconInbox aria-hidden />}
              title={intl.formatMessage({
                id: 'portal.tickets.emptyTitle',
                defaultMessage: 'No tickets yet',
              })}
              description={intl.formatMessage({
                id: 'portal.tickets.emptyText',
                defaultMessage: 'When you or your colleagues ask for help, the tickets appear here.',
              })}
              action={
                <ButtonLink to="/new">
                  <FormattedMessage id="portal.tickets.openFirst" defaultMessage="Open your first ticket" />
                </ButtonLink>
              }
            />
          )
        }
      >
        {(tickets) => (
          <>
            <TicketTable tickets={tickets} />
            <TicketCards tickets={tickets} />
          </>
        )}
      </TicketPages>
    </Stack>
  );
}

/**
 * Status filter choices: two groups by category, then each customer label once (statuses that
 * customers see under one label are one choice).
 */
function useStatusOptions() {
  const workflow = useCustomerWorkflow();
  const intl = useIntl();
  const byLabel = new Map<string, string[]>();
  for (const s of workflow.data?.statuses ?? [])
    byLabel.set(s.label, [...(byLabel.get(s.label) ?? []), s.key]);
  return [
    {
      group: intl.formatMessage({ id: 'portal.tickets.filterShow', defaultMessage: 'Show' }),
      items: [
        {
          value: ACTIVE,
          label: intl.formatMessage({ id: 'portal.tickets.notResolved', defaultMessage: 'Not resolved yet' }),
        },
        {
          value: DONE,
          label: intl.formatMessage({ id: 'portal.tickets.resolved', defaultMessage: 'Resolved or closed' }),
        },
      ],
    },
    {
      group: intl.formatMessage({ id: 'common.ticket.status', defaultMessage: 'Status' }),
      items: [...byLabel].map(([label, keys]) => ({ value: keys.join(','), label })),
    },
  ];
}

/** The search box (searching as one types) and the status and priority filters. */
function Filters({
  search,
  setSearch,
  q,
  setQ,
}: {
  search: PortalSearch;
  setSearch: (patch: Partial<PortalSearch>) => unknown;
  q: string;
  setQ: (q: string) => void;
}) {
  const statusOptions = useStatusOptions();
  const intl = useIntl();
  const filter = selectFilter(search, setSearch);
  const debouncedQ = useDebouncedCallback(
    (value: string) => setSearch({ q: value.trim() || undefined }),
    350,
  );
  return (
    <Group gap="sm" align="flex-end" wrap="wrap">
      <TextInput
        label={intl.formatMessage({ id: 'portal.tickets.search', defaultMessage: 'Search' })}
        placeholder={intl.formatMessage({
          id: 'portal.tickets.searchPlaceholder',
          defaultMessage: 'Words in the subject or messages',
        })}
        leftSection={<IconSearch size={16} aria-hidden />}
        value={q}
        onChange={(e) => {
          setQ(e.currentTarget.value);
          debouncedQ(e.currentTarget.value);
        }}
        style={{ flex: '1 1 220px' }}
        type="search"
      />
      <Select
        label={intl.formatMessage({ id: 'common.ticket.status', defaultMessage: 'Status' })}
        placeholder={intl.formatMessage({ id: 'portal.tickets.anyStatus', defaultMessage: 'Any status' })}
        data={statusOptions}
        {...filter('status')}
        style={{ flex: '1 1 160px' }}
        comboboxProps={{ withinPortal: true }}
      />
      <Select
        label={intl.formatMessage({ id: 'common.ticket.priority', defaultMessage: 'Priority' })}
        placeholder={intl.formatMessage({ id: 'portal.tickets.anyPriority', defaultMessage: 'Any priority' })}
        data={PRIORITIES.map((p) => ({ value: p, label: PRIORITY_INFO[p].label }))}
        {...filter('priority')}
        style={{ flex: '1 1 140px' }}
      />
    </Group>
  );
}

function TicketTable({ tickets }: { tickets: Ticket[] }) {
  const navigate = useNavigate();
  const intl = useIntl();
  return (
    <Table.ScrollContainer minWidth={640} visibleFrom="sm">
      <Table highlightOnHover verticalSpacing="sm" data-testid="ticket-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col" w={90}>
              <FormattedMessage id="common.ticket.number" defaultMessage="Number" />
            </Table.Th>
            <Table.Th scope="col">
              <FormattedMessage id="common.ticket.subject" defaultMessage="Subject" />
            </Table.Th>
            <Table.Th scope="col" w={170}>
              <FormattedMessage id="common.ticket.status" defaultMessage="Status" />
            </Table.Th>
            <Table.Th scope="col" w={100}>
              <FormattedMessage id="common.ticket.priority" defaultMessage="Priority" />
            </Table.Th>
            <Table.Th scope="col" w={130} aria-sort="descending">
              <FormattedMessage id="common.ticket.lastUpdate" defaultMessage="Last update" />
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {tickets.map((t) => (
            <Table.Tr
              key={t.number}
              data-clickable
              onClick={(e) => {
                if ((e.target as HTMLElement).closest('a')) return;
                void navigate({ to: '/tickets/$number', params: { number: String(t.number) } });
              }}
            >
              <Table.Td>
                <TicketNumber number={t.number} />
              </Table.Td>
              <Table.Td>
                <AnchorLink to="/tickets/$number" params={{ number: String(t.number) }} fw={500}>
                  {t.subject}
                </AnchorLink>
                <Text size="xs" c="dimmed">
                  <FormattedMessage
                    id="portal.tickets.departmentBy"
                    defaultMessage="{department} · by {requester}"
                    values={{ department: t.department.name, requester: t.requester.name }}
                  />
                </Text>
              </Table.Td>
              <TicketStateCells
                ticket={t}
                side="portal"
                updated={
                  <Tooltip
                    label={intl.formatMessage(
                      { id: 'portal.tickets.openedAt', defaultMessage: 'Opened {date}' },
                      { date: formatDateTime(t.createdAt) },
                    )}
                    openDelay={400}
                  >
                    <time dateTime={t.lastActivityAt}>{formatDate(t.lastActivityAt)}</time>
                  </Tooltip>
                }
              />
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The same list on a phone: one card per ticket, nothing wider than the screen. */
function TicketCards({ tickets }: { tickets: Ticket[] }) {
  return (
    <TicketCardList hiddenFrom="sm">
      {tickets.map((t) => (
        <TicketCard
          key={t.number}
          ticket={t}
          side="portal"
          updated={
            <FormattedMessage
              id="portal.tickets.updatedAt"
              defaultMessage="Updated {date}"
              values={{ date: <time dateTime={t.lastActivityAt}>{formatDate(t.lastActivityAt)}</time> }}
            />
          }
        >
          <Group gap="xs" mt={6}>
            <StatusBadge label={t.status.label} category={t.status.category} />
            <PriorityBadge priority={t.priority} />
          </Group>
        </TicketCard>
      ))}
    </TicketCardList>
  );
}
