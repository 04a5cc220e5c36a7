import { Breadcrumbs, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { getRouteApi, Navigate } from '@tanstack/react-router';
import { FormattedMessage, useIntl } from 'react-intl';
import { isApiError } from '../../api/client';
import { useCustomerWorkflow, useEvents, useMe, useMessages, useTicket } from '../../api/hooks';
import type { Ticket } from '../../api/types';
import { ErrorAlert, PageLoader, PriorityBadge, Time } from '../../components/bits';
import { AnchorLink, ButtonLink } from '../../components/links';
import { ReplyBox } from '../../components/ReplyBox';
import type { ThreadNote } from '../../components/Thread';
import { Conversation, parseTicketNumber, TicketHeading, TicketNotFound } from '../../components/TicketPage';
import { channelLabel, ticketRef } from '../../lib/format';
import { CustomerMoveButtons } from './CustomerMove';
import { PortalCc } from './PortalCc';

const route = getRouteApi('/portal/tickets/$number');

export function PortalTicketPage() {
  const { number: raw } = route.useParams();
  const { number, valid } = parseTicketNumber(raw);
  const me = useMe();
  const ticket = useTicket(valid ? number : 0);
  const messages = useMessages(valid ? number : 0);
  const events = useEvents(valid ? number : 0);
  const workflow = useCustomerWorkflow();
  const intl = useIntl();
  useDocumentTitle(
    ticket.data
      ? intl.formatMessage(
          { id: 'portal.ticket.documentTitle', defaultMessage: '{ref} {subject} · Tessera Support' },
          { ref: ticketRef(number), subject: ticket.data.subject },
        )
      : intl.formatMessage({
          id: 'portal.ticket.documentTitleLoading',
          defaultMessage: 'Ticket · Tessera Support',
        }),
  );

  if (!valid || isApiError(ticket.error, 404)) {
    return (
      <TicketNotFound
        backTo="/"
        backLabel={intl.formatMessage({
          id: 'portal.ticket.backToList',
          defaultMessage: 'Back to my tickets',
        })}
      >
        <FormattedMessage
          id="portal.ticket.notFound"
          defaultMessage="There is no ticket {ref} that you can see."
          values={{ ref: valid ? ticketRef(number) : raw }}
        />
      </TicketNotFound>
    );
  }
  if (ticket.isPending)
    return (
      <PageLoader
        label={intl.formatMessage({ id: 'portal.ticket.loading', defaultMessage: 'Loading the ticket' })}
      />
    );
  if (ticket.isError) return <ErrorAlert error={ticket.error} onRetry={() => ticket.refetch()} />;
  const t = ticket.data;
  // A merged ticket's number answers with the ticket it was merged into: show that one, whose
  // thread and status are the live ones (a reply sent to the old number lands there too).
  if (t.number !== number)
    return <Navigate to="/tickets/$number" params={{ number: String(t.number) }} replace />;

  const labelOf = (key: string | null) =>
    workflow.data?.statuses.find((s) => s.key === key)?.label ?? key ?? '';
  const notes: ThreadNote[] = (events.data ?? [])
    .filter((e) => e.field === 'status' && e.type !== 'created')
    .map((e) => ({
      id: e.id,
      createdAt: e.createdAt,
      text: intl.formatMessage(
        { id: 'portal.ticket.statusChanged', defaultMessage: 'Status changed to {status}' },
        { status: labelOf(e.to) },
      ),
    }));

  return (
    <Stack gap="md">
      <Breadcrumbs>
        <AnchorLink to="/" size="sm">
          <FormattedMessage id="portal.nav.myTickets" defaultMessage="My tickets" />
        </AnchorLink>
        <Text size="sm">{ticketRef(t.number)}</Text>
      </Breadcrumbs>
      <TicketHeading ticket={t}>
        <PriorityBadge priority={t.priority} />
      </TicketHeading>
      <TicketFacts ticket={t} />
      <PortalCc number={t.number} />
      <CustomerMoveButtons ticket={t} />

      <Title order={2} size="h4">
        <FormattedMessage id="portal.ticket.conversation" defaultMessage="Conversation" />
      </Title>
      <Conversation messages={messages} meId={me.data?.id ?? ''} notes={notes} />

      <ReplyBox
        number={t.number}
        blockedReason={
          t.canReply
            ? null
            : (t.replyBlockedReason ??
              intl.formatMessage({
                id: 'portal.ticket.repliesBlocked',
                defaultMessage: 'Replies are not possible on this ticket.',
              }))
        }
        blockedAction={
          <ButtonLink to="/new" search={{ ref: t.number }} size="xs" mt="sm" variant="default">
            <FormattedMessage id="portal.ticket.newAboutThis" defaultMessage="Open a new ticket about this" />
          </ButtonLink>
        }
      />
      <Text size="xs" c="dimmed">
        <FormattedMessage
          id="portal.ticket.openedVia"
          defaultMessage="Opened via {channel}."
          values={{ channel: channelLabel(t.channel) }}
        />
      </Text>
    </Stack>
  );
}

function TicketFacts({ ticket: t }: { ticket: Ticket }) {
  const intl = useIntl();
  return (
    <Paper withBorder p="sm" radius="md">
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm" component="dl" m={0}>
        <Meta label={intl.formatMessage({ id: 'portal.ticket.category', defaultMessage: 'Category' })}>
          {t.department.name}
        </Meta>
        <Meta label={intl.formatMessage({ id: 'portal.ticket.openedBy', defaultMessage: 'Opened by' })}>
          {t.requester.name}
        </Meta>
        <Meta label={intl.formatMessage({ id: 'portal.ticket.created', defaultMessage: 'Created' })}>
          <Time iso={t.createdAt} relative={false} />
        </Meta>
        <Meta label={intl.formatMessage({ id: 'common.ticket.lastUpdate', defaultMessage: 'Last update' })}>
          <Time iso={t.lastActivityAt} />
        </Meta>
      </SimpleGrid>
    </Paper>
  );
}

function Meta({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text component="dt" size="xs" c="dimmed">
        {label}
      </Text>
      <Text component="dd" size="sm" m={0} style={{ overflowWrap: 'anywhere' }}>
        {children}
      </Text>
    </div>
  );
}
