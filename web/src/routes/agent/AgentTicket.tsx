import { Card, Grid, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { type RefObject, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { isApiError } from '../../api/client';
import {
  useDepartments,
  useEvents,
  useMe,
  useMessages,
  useStaff,
  useStaffWorkflow,
  useTicket,
} from '../../api/hooks';
import type { Ticket } from '../../api/types';
import { ErrorAlert, Loaded, PageLoader, PriorityBadges, Time } from '../../components/bits';
import { ButtonLink } from '../../components/links';
import { MergedInto } from '../../components/MergeTicket';
import { RequesterLine } from '../../components/PersonLinks';
import { Conversation, parseTicketNumber, TicketHeading, TicketNotFound } from '../../components/TicketPage';
import { channelLabel, ticketRef } from '../../lib/format';
import { useShortcuts } from '../../lib/shortcuts';
import { lastQueue } from '../../lib/views';
import { type ComposeMode, Composer } from './ticket/Composer';
import { CreateArticleButton } from './ticket/CreateArticle';
import { EventTimeline } from './ticket/EventTimeline';
import { LinkedTickets } from './ticket/LinkedTickets';
import { ParticipantsPanel } from './ticket/Participants';
import { Details, Properties, useUpdateTicket } from './ticket/Properties';
import { QueueNav, queueNeighbours } from './ticket/QueueNav';
import { SlaPanel } from './ticket/SlaPanel';

const route = getRouteApi('/agent/tickets/$number');

/** Everything the page shows, asked for at once (the ticket, its thread and timeline, the choices). */
function useTicketData(number: number, valid: boolean) {
  return {
    me: useMe(),
    ticket: useTicket(valid ? number : 0, { live: true }),
    messages: useMessages(valid ? number : 0, { live: true }),
    events: useEvents(valid ? number : 0, { live: true }),
    workflow: useStaffWorkflow(),
    departments: useDepartments(),
    staff: useStaff(),
  };
}
type TicketData = ReturnType<typeof useTicketData>;

export function AgentTicketPage() {
  const { number: raw } = route.useParams();
  const { number, valid } = parseTicketNumber(raw);
  const data = useTicketData(number, valid);
  const { me, ticket } = data;
  const navigate = useNavigate();
  const [mode, setMode] = useState<ComposeMode>('reply');
  const composer = useRef<HTMLTextAreaElement>(null);
  const statusInput = useRef<HTMLInputElement>(null);
  const intl = useIntl();
  useDocumentTitle(
    ticket.data
      ? `${ticketRef(number)} ${ticket.data.subject} · Tessera`
      : `${intl.formatMessage({ id: 'agent.ticket.documentTitle', defaultMessage: 'Ticket' })} · Tessera`,
  );

  const queue = lastQueue();
  const { prev, next } = queueNeighbours(queue.numbers, number);
  const go = (n: number | undefined) =>
    n !== undefined && navigate({ to: '/agent/tickets/$number', params: { number: String(n) } });

  const update = useUpdateTicket(number);
  const write = (m: ComposeMode) => {
    setMode(m);
    // After the re-render that switches the mode, so the focus lands in the shown box.
    requestAnimationFrame(() => composer.current?.focus());
  };
  useShortcuts(
    {
      r: () => write('reply'),
      n: () => write('note'),
      a: () =>
        me.data && ticket.data?.assignee?.id !== me.data.id && update.mutate({ assigneeId: me.data.id }),
      s: () => statusInput.current?.focus(),
      j: () => go(next),
      k: () => go(prev),
      u: () => navigate({ to: '/agent', search: queue.search }),
    },
    Boolean(ticket.data),
  );

  if (!valid || isApiError(ticket.error, 404)) {
    return (
      <TicketNotFound
        backTo="/agent"
        backLabel={intl.formatMessage({
          id: 'agent.ticket.backToQueue',
          defaultMessage: 'Back to the queue',
        })}
      >
        <FormattedMessage
          id="agent.ticket.notFound"
          defaultMessage="There is no ticket {ticket} in the departments you work in."
          values={{ ticket: valid ? ticketRef(number) : raw }}
        />
      </TicketNotFound>
    );
  }
  if (ticket.isPending)
    return (
      <PageLoader
        label={intl.formatMessage({ id: 'agent.ticket.loading', defaultMessage: 'Loading the ticket' })}
      />
    );
  if (ticket.isError) return <ErrorAlert error={ticket.error} onRetry={() => ticket.refetch()} />;
  const t = ticket.data;
  // The server redirects a merged ticket's number to the ticket it was merged into.
  if (t.number !== number) return <WasMerged number={number} ticket={t} />;

  return (
    <Stack gap="md">
      <QueueNav number={t.number} search={queue.search} prev={prev} next={next} go={go} />
      <TicketHeading ticket={t}>
        <PriorityBadges priority={t.priority} urgent={t.urgent} />
        {t.mergedInto !== null && <MergedInto number={t.mergedInto} />}
        <Text size="sm" c="dimmed">
          <FormattedMessage
            id="agent.ticket.byline"
            defaultMessage="{requester} · opened {time} via {channel}"
            values={{
              requester: <RequesterLine requester={t.requester} organisation={t.organisation} />,
              time: <Time iso={t.createdAt} />,
              channel: channelLabel(t.channel),
            }}
          />
        </Text>
        <CreateArticleButton number={t.number} />
      </TicketHeading>

      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="md">
            <Conversation messages={data.messages} meId={me.data?.id ?? ''} />
            <Composer ref={composer} ticket={t} mode={mode} setMode={setMode} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Sidebar ticket={t} data={data} update={update} statusRef={statusInput} />
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

function WasMerged({ number, ticket: t }: { number: number; ticket: Ticket }) {
  return (
    <Stack align="flex-start">
      <Title order={1} size="h2">
        <FormattedMessage
          id="agent.ticket.wasMerged"
          defaultMessage="Ticket {ticket} was merged"
          values={{ ticket: ticketRef(number) }}
        />
      </Title>
      <Text>
        <FormattedMessage
          id="agent.ticket.wasMergedInto"
          defaultMessage="{mergedInto}: its messages and files are there now."
          values={{ mergedInto: <MergedInto number={t.number} /> }}
        />
      </Text>
      <ButtonLink to="/agent/tickets/$number" params={{ number: String(t.number) }}>
        <FormattedMessage
          id="agent.ticket.openMerged"
          defaultMessage="Open {ticket} {subject}"
          values={{ ticket: ticketRef(t.number), subject: t.subject }}
        />
      </ButtonLink>
    </Stack>
  );
}

/** The ticket's properties, details and timeline beside the conversation. */
function Sidebar({
  ticket: t,
  data: { me, workflow, departments, staff, events },
  update,
  statusRef,
}: {
  ticket: Ticket;
  data: TicketData;
  update: ReturnType<typeof useUpdateTicket>;
  statusRef: RefObject<HTMLInputElement | null>;
}) {
  return (
    <Stack gap="md">
      <Properties
        ticket={t}
        workflow={workflow.data}
        departments={departments.data ?? []}
        staff={staff.data ?? []}
        meId={me.data?.id ?? ''}
        update={update}
        statusRef={statusRef}
      />
      {t.sla && <SlaPanel sla={t.sla} />}
      <Details ticket={t} />
      <ParticipantsPanel ticket={t} />
      <LinkedTickets ticket={t} />
      <Card withBorder radius="md" padding="md">
        <Title order={2} size="h5" mb="sm">
          <FormattedMessage id="agent.ticket.timeline" defaultMessage="Timeline" />
        </Title>
        <Loaded query={events}>
          {(items) => (
            <EventTimeline
              events={items}
              workflow={workflow.data}
              departments={departments.data ?? []}
              staff={staff.data ?? []}
            />
          )}
        </Loaded>
      </Card>
    </Stack>
  );
}
