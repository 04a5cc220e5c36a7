import { Button, Card, EmptyState, Group, Stack, Table, Text } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { useTicketList } from '../api/hooks';
import type { Ticket } from '../api/types';
import { ticketRef } from '../lib/format';
import { Loaded, LoadMore, PriorityBadge, PriorityBadges, StatusBadge } from './bits';
import { AnchorLink } from './links';
import { TagBadges } from './TagBadges';

// What the agent's queue and the customer's My Tickets share: a paged list with its loader, error,
// empty state and "Load more", and the parts of a ticket's row and card.

/**
 * The tickets of a list query through `children`, with "Load more" below; its loader while the
 * first page comes, its error (with a retry), or `empty` where it has none.
 */
export function TicketPages({
  list,
  loading,
  errorTitle,
  empty,
  children,
}: {
  list: ReturnType<typeof useTicketList>;
  loading: string;
  errorTitle: string;
  empty: ReactNode;
  children: (tickets: Ticket[]) => ReactNode;
}) {
  return (
    <Loaded query={list} loading={loading} errorTitle={errorTitle} retry>
      {(data) => {
        const tickets = data.pages.flatMap((p) => p.items);
        if (tickets.length === 0) return empty;
        return (
          <>
            {children(tickets)}
            <LoadMore {...list} shown={tickets.length} />
          </>
        );
      }}
    </Loaded>
  );
}

/** An empty list's message, with what to do about it where there is something. */
export function NoTickets(props: {
  icon: ReactNode;
  title: string;
  description: string;
  action?: ReactNode;
}) {
  return (
    <EmptyState icon={props.icon} title={props.title} description={props.description} py="xl">
      {props.action && <EmptyState.Actions>{props.action}</EmptyState.Actions>}
    </EmptyState>
  );
}

/** A filtered list that matches nothing, with the button that clears the filters. */
export function NoMatch({ description, onClear }: { description: string; onClear: () => unknown }) {
  const intl = useIntl();
  return (
    <NoTickets
      icon={<IconSearch aria-hidden />}
      title={intl.formatMessage({ id: 'common.tickets.noMatch', defaultMessage: 'No tickets match' })}
      description={description}
      action={
        <Button variant="default" onClick={onClear}>
          <FormattedMessage id="common.tickets.clearFilters" defaultMessage="Clear the filters" />
        </Button>
      }
    />
  );
}

/** The ticket's number, as the first thing in its row or card. */
export function TicketNumber({ number }: { number: number }) {
  return (
    <Text fw={600} c="dimmed" size="sm">
      {ticketRef(number)}
    </Text>
  );
}

/**
 * A ticket's status, priority and last update as table cells. Staff also see the urgent flag;
 * customers see the priority alone.
 */
export function TicketStateCells({
  ticket: t,
  side,
  updated,
}: {
  ticket: Ticket;
  side: 'agent' | 'portal';
  updated: ReactNode;
}) {
  return (
    <>
      <Table.Td>
        <StatusBadge label={t.status.label} category={t.status.category} />
      </Table.Td>
      <Table.Td>
        {side === 'agent' ? (
          <PriorityBadges priority={t.priority} urgent={t.urgent} />
        ) : (
          <PriorityBadge priority={t.priority} />
        )}
      </Table.Td>
      <Table.Td>
        <Text size="sm">{updated}</Text>
      </Table.Td>
    </>
  );
}

/** Narrow screens: one card per ticket, nothing wider than the screen. */
export function TicketCardList({ hiddenFrom, children }: { hiddenFrom?: 'sm'; children: ReactNode }) {
  return (
    <Stack gap="sm" hiddenFrom={hiddenFrom} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
      {children}
    </Stack>
  );
}

/**
 * A ticket as a card: its number and `updated` on top, the subject linking to it (on the agent's
 * side or the customer's), and `children` below.
 */
export function TicketCard({
  ticket: t,
  side,
  updated,
  highlighted = false,
  select,
  children,
}: {
  ticket: Ticket;
  side: 'agent' | 'portal';
  updated: ReactNode;
  highlighted?: boolean;
  /** A checkbox before the number, where tickets can be selected. */
  select?: ReactNode;
  children: ReactNode;
}) {
  return (
    <Card
      component="li"
      withBorder
      padding="sm"
      style={highlighted ? { borderColor: 'var(--mantine-color-indigo-5)' } : undefined}
    >
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <Group gap="xs" wrap="nowrap">
          {select}
          <TicketNumber number={t.number} />
        </Group>
        <Text size="xs" c="dimmed">
          {updated}
        </Text>
      </Group>
      <AnchorLink
        to={side === 'agent' ? '/agent/tickets/$number' : '/tickets/$number'}
        params={{ number: String(t.number) }}
        fw={500}
        style={{ overflowWrap: 'anywhere' }}
      >
        {t.subject}
      </AnchorLink>
      <TagBadges tags={t.tags} />
      {children}
    </Card>
  );
}
