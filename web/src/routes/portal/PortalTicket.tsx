import { Breadcrumbs, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { getRouteApi, Navigate } from '@tanstack/react-router';
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
  useDocumentTitle(
    ticket.data
      ? `${ticketRef(number)} ${ticket.data.subject} · Tessera Support`
      : 'Ticket · Tessera Support',
  );

  if (!valid || isApiError(ticket.error, 404)) {
    return (
      <TicketNotFound backTo="/" backLabel="Back to my tickets">
        There is no ticket {valid ? ticketRef(number) : raw} that you can see.
      </TicketNotFound>
    );
  }
  if (ticket.isPending) return <PageLoader label="Loading the ticket" />;
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
    .map((e) => ({ id: e.id, createdAt: e.createdAt, text: `Status changed to ${labelOf(e.to)}` }));

  return (
    <Stack gap="md">
      <Breadcrumbs>
        <AnchorLink to="/" size="sm">
          My tickets
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
        Conversation
      </Title>
      <Conversation messages={messages} meId={me.data?.id ?? ''} notes={notes} />

      <ReplyBox
        number={t.number}
        blockedReason={
          t.canReply ? null : (t.replyBlockedReason ?? 'Replies are not possible on this ticket.')
        }
        blockedAction={
          <ButtonLink to="/new" search={{ ref: t.number }} size="xs" mt="sm" variant="default">
            Open a new ticket about this
          </ButtonLink>
        }
      />
      <Text size="xs" c="dimmed">
        Opened via {channelLabel(t.channel)}.
      </Text>
    </Stack>
  );
}

function TicketFacts({ ticket: t }: { ticket: Ticket }) {
  return (
    <Paper withBorder p="sm" radius="md">
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm" component="dl" m={0}>
        <Meta label="Category">{t.department.name}</Meta>
        <Meta label="Opened by">{t.requester.name}</Meta>
        <Meta label="Created">
          <Time iso={t.createdAt} relative={false} />
        </Meta>
        <Meta label="Last update">
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
