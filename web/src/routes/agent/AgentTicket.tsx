import {
  ActionIcon,
  Breadcrumbs,
  Card,
  Grid,
  Group,
  SegmentedControl,
  Stack,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconChevronLeft, IconChevronRight, IconLock, IconMessage } from '@tabler/icons-react';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useRef, useState } from 'react';
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
import { ErrorAlert, PageLoader, PriorityBadges, StatusBadge, Time } from '../../components/bits';
import { CannedResponsePicker } from '../../components/CannedResponses';
import { AnchorLink, ButtonLink } from '../../components/links';
import { MergedInto } from '../../components/MergeTicket';
import { ReplyBox } from '../../components/ReplyBox';
import { Thread } from '../../components/Thread';
import { channelLabel, ticketRef } from '../../lib/format';
import { useShortcuts } from '../../lib/shortcuts';
import { lastQueue } from '../../lib/views';
import { EventTimeline } from './ticket/EventTimeline';
import { Details, Properties, useUpdateTicket } from './ticket/Properties';

const route = getRouteApi('/agent/tickets/$number');

export function AgentTicketPage() {
  const { number: raw } = route.useParams();
  const number = Number(raw);
  const valid = Number.isSafeInteger(number) && number > 0;
  const me = useMe();
  const ticket = useTicket(valid ? number : 0, { live: true });
  const messages = useMessages(valid ? number : 0, { live: true });
  const events = useEvents(valid ? number : 0, { live: true });
  const workflow = useStaffWorkflow();
  const departments = useDepartments();
  const staff = useStaff();
  const navigate = useNavigate();
  const [mode, setMode] = useState<'reply' | 'note'>('reply');
  const composer = useRef<HTMLTextAreaElement>(null);
  const statusInput = useRef<HTMLInputElement>(null);
  useDocumentTitle(
    ticket.data ? `${ticketRef(number)} ${ticket.data.subject} · Tessera` : 'Ticket · Tessera',
  );

  const queue = lastQueue();
  const at = queue.numbers.indexOf(number);
  const prev = at > 0 ? queue.numbers[at - 1] : undefined;
  const next = at >= 0 && at < queue.numbers.length - 1 ? queue.numbers[at + 1] : undefined;
  const go = (n: number | undefined) =>
    n !== undefined && navigate({ to: '/agent/tickets/$number', params: { number: String(n) } });

  const update = useUpdateTicket(number);
  const write = (m: 'reply' | 'note') => {
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
      <Stack align="flex-start">
        <Title order={1} size="h2">
          Ticket not found
        </Title>
        <Text c="dimmed">
          There is no ticket {valid ? ticketRef(number) : raw} in the departments you work in.
        </Text>
        <ButtonLink to="/agent" variant="default">
          Back to the queue
        </ButtonLink>
      </Stack>
    );
  }
  if (ticket.isPending) return <PageLoader label="Loading the ticket" />;
  if (ticket.isError) return <ErrorAlert error={ticket.error} onRetry={() => ticket.refetch()} />;
  const t = ticket.data;
  // The server redirects a merged ticket's number to the ticket it was merged into.
  if (t.number !== number) {
    return (
      <Stack align="flex-start">
        <Title order={1} size="h2">
          Ticket {ticketRef(number)} was merged
        </Title>
        <Text>
          <MergedInto number={t.number} />: its messages and files are there now.
        </Text>
        <ButtonLink to="/agent/tickets/$number" params={{ number: String(t.number) }}>
          Open {ticketRef(t.number)} {t.subject}
        </ButtonLink>
      </Stack>
    );
  }

  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <Breadcrumbs>
          <AnchorLink to="/agent" search={queue.search} size="sm">
            Queue
          </AnchorLink>
          <Text size="sm">{ticketRef(t.number)}</Text>
        </Breadcrumbs>
        <Group gap={4} wrap="nowrap">
          <Tooltip label="Previous in queue (k)">
            <ActionIcon
              variant="default"
              onClick={() => go(prev)}
              disabled={prev === undefined}
              aria-label="Previous ticket in the queue"
            >
              <IconChevronLeft size={16} aria-hidden />
            </ActionIcon>
          </Tooltip>
          <Tooltip label="Next in queue (j)">
            <ActionIcon
              variant="default"
              onClick={() => go(next)}
              disabled={next === undefined}
              aria-label="Next ticket in the queue"
            >
              <IconChevronRight size={16} aria-hidden />
            </ActionIcon>
          </Tooltip>
        </Group>
      </Group>
      <div>
        <Title order={1} size="h2" style={{ overflowWrap: 'anywhere' }}>
          <Text span inherit c="dimmed">
            {ticketRef(t.number)}
          </Text>{' '}
          {t.subject}
        </Title>
        <Group gap="xs" mt="xs">
          <StatusBadge label={t.status.label} category={t.status.category} />
          <PriorityBadges priority={t.priority} urgent={t.urgent} />
          {t.mergedInto !== null && <MergedInto number={t.mergedInto} />}
          <Text size="sm" c="dimmed">
            {t.requester.name}
            {t.organisation ? ` · ${t.organisation.name}` : ''} · opened <Time iso={t.createdAt} /> via{' '}
            {channelLabel(t.channel)}
          </Text>
        </Group>
      </div>

      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="md">
            {messages.isPending ? (
              <PageLoader label="Loading the conversation" />
            ) : messages.isError ? (
              <ErrorAlert error={messages.error} onRetry={() => messages.refetch()} />
            ) : (
              <Thread messages={messages.data} meId={me.data?.id ?? ''} />
            )}
            <ReplyBox
              ref={composer}
              number={t.number}
              internal={mode === 'note'}
              blockedReason={
                mode === 'reply' && !t.canReply
                  ? (t.replyBlockedReason ?? 'Replies are not possible now.')
                  : null
              }
              header={
                <SegmentedControl
                  value={mode}
                  onChange={(v) => setMode(v as 'reply' | 'note')}
                  aria-label="Message kind"
                  data={[
                    {
                      value: 'reply',
                      label: (
                        <Group gap={6} wrap="nowrap" justify="center">
                          <IconMessage size={14} aria-hidden />
                          <span>Reply (r)</span>
                        </Group>
                      ),
                    },
                    {
                      value: 'note',
                      label: (
                        <Group gap={6} wrap="nowrap" justify="center">
                          <IconLock size={14} aria-hidden />
                          <span>Internal note (n)</span>
                        </Group>
                      ),
                    },
                  ]}
                  color={mode === 'note' ? 'yellow' : undefined}
                  autoContrast
                  fullWidth
                />
              }
              label={mode === 'note' ? 'Internal note' : `Reply to ${t.requester.name}`}
              tools={(insert) => (
                <CannedResponsePicker
                  ticketNumber={t.number}
                  departmentId={t.department.id}
                  insert={insert}
                />
              )}
            />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap="md">
            <Properties
              ticket={t}
              workflow={workflow.data}
              departments={departments.data ?? []}
              staff={staff.data ?? []}
              meId={me.data?.id ?? ''}
              update={update}
              statusRef={statusInput}
            />
            <Details ticket={t} />
            <Card withBorder radius="md" padding="md">
              <Title order={2} size="h5" mb="sm">
                Timeline
              </Title>
              {events.isPending ? (
                <PageLoader />
              ) : events.isError ? (
                <ErrorAlert error={events.error} />
              ) : (
                <EventTimeline
                  events={events.data}
                  workflow={workflow.data}
                  departments={departments.data ?? []}
                  staff={staff.data ?? []}
                />
              )}
            </Card>
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
