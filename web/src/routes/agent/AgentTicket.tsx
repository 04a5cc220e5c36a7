import {
  ActionIcon,
  Breadcrumbs,
  Button,
  Card,
  Grid,
  Group,
  Rating,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Timeline,
  Title,
  Tooltip,
} from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconChevronLeft, IconChevronRight, IconLock, IconMessage } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useRef, useState } from 'react';
import { PRIORITIES, type UpdateTicketInput } from '../../../../common/api';
import { errorMessage, isApiError, send } from '../../api/client';
import {
  keys,
  useDepartments,
  useEvents,
  useMe,
  useMessages,
  useStaff,
  useStaffWorkflow,
  useTicket,
} from '../../api/hooks';
import type { Department, StaffWorkflow, Ticket, TicketEvent, User } from '../../api/types';
import { ErrorAlert, PageLoader, PriorityBadges, StatusBadge, Time } from '../../components/bits';
import { CannedResponsePicker } from '../../components/CannedResponses';
import { AnchorLink, ButtonLink } from '../../components/links';
import { MergedInto, MergeTicketButton } from '../../components/MergeTicket';
import { ReplyBox } from '../../components/ReplyBox';
import { Thread } from '../../components/Thread';
import { channelLabel, PRIORITY_INFO, ticketRef } from '../../lib/format';
import { useShortcuts } from '../../lib/shortcuts';
import { lastQueue } from '../../lib/views';

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

function useUpdateTicket(number: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (patch: UpdateTicketInput) =>
      send('PATCH /tickets/:number', { params: { number }, body: patch }),
    onSuccess: (ticket) => {
      qc.setQueryData(keys.ticket(number), ticket);
      void qc.invalidateQueries({ queryKey: keys.events(number) });
      void qc.invalidateQueries({ queryKey: ['tickets'] });
    },
    onError: (e) =>
      notifications.show({ color: 'red', title: 'The ticket was not changed', message: errorMessage(e) }),
  });
}

type Update = ReturnType<typeof useUpdateTicket>;

function Properties({
  ticket: t,
  workflow,
  departments,
  staff,
  meId,
  update,
  statusRef,
}: {
  ticket: Ticket;
  workflow: StaffWorkflow | undefined;
  departments: Department[];
  staff: User[];
  meId: string;
  update: Update;
  statusRef: React.Ref<HTMLInputElement>;
}) {
  // Only statuses a person may set; the current one is listed (disabled) even where only rules set it.
  const statusData = (workflow?.statuses ?? [])
    .filter((s) => s.manual || s.key === t.status.key)
    .map((s) => ({ value: s.key, label: s.staffLabel, disabled: !s.manual }));
  if (!statusData.some((s) => s.value === t.status.key)) {
    statusData.push({ value: t.status.key, label: t.status.label, disabled: true });
  }
  const departmentData = departments.map((d) => ({ value: d.id, label: d.name }));
  if (!departmentData.some((d) => d.value === t.department.id)) {
    departmentData.push({ value: t.department.id, label: t.department.name });
  }
  const assignable = staff.filter(
    (u) => u.active && (u.role === 'admin' || u.departmentIds.includes(t.department.id)),
  );
  const assigneeData = assignable.map((u) => ({
    value: u.id,
    label: u.id === meId ? `${u.name} (me)` : u.name,
  }));
  if (t.assignee && !assigneeData.some((a) => a.value === t.assignee?.id)) {
    assigneeData.push({ value: t.assignee.id, label: t.assignee.name });
  }
  const busy = update.isPending;

  return (
    <Card withBorder radius="md" padding="md">
      <Group justify="space-between" mb="sm" gap="xs">
        <Title order={2} size="h5">
          Properties
        </Title>
        {t.abilities.update && t.mergedInto === null && <MergeTicketButton ticket={t} />}
      </Group>
      <Stack gap="sm">
        <Select
          ref={statusRef}
          label="Status (s)"
          data={statusData}
          value={t.status.key}
          onChange={(v) => v && v !== t.status.key && update.mutate({ status: v })}
          allowDeselect={false}
          disabled={busy || !t.abilities.update}
        />
        <Select
          label="Priority"
          data={PRIORITIES.map((p) => ({ value: p, label: PRIORITY_INFO[p].label }))}
          value={t.priority}
          onChange={(v) => v && v !== t.priority && update.mutate({ priority: v as Ticket['priority'] })}
          allowDeselect={false}
          disabled={busy || !t.abilities.update}
        />
        <Select
          label="Department"
          data={departmentData}
          value={t.department.id}
          onChange={(v) => v && v !== t.department.id && update.mutate({ departmentId: v })}
          allowDeselect={false}
          searchable
          disabled={busy || !t.abilities.update}
        />
        <div>
          <Select
            label="Assignee"
            placeholder="Unassigned"
            data={assigneeData}
            value={t.assignee?.id ?? null}
            onChange={(v) => update.mutate({ assigneeId: v ?? null })}
            clearable
            searchable
            disabled={busy || !t.abilities.update}
          />
          {t.assignee?.id !== meId && (
            <Button
              variant="subtle"
              size="compact-xs"
              mt={4}
              onClick={() => update.mutate({ assigneeId: meId })}
              disabled={busy}
            >
              Assign to me (a)
            </Button>
          )}
        </div>
      </Stack>
    </Card>
  );
}

function Details({ ticket: t }: { ticket: Ticket }) {
  const rows: [string, React.ReactNode][] = [
    ['Requester', t.requester.name],
    ['Organisation', t.organisation?.name ?? '—'],
    ['Channel', channelLabel(t.channel)],
    ['Created', <Time key="c" iso={t.createdAt} relative={false} />],
    [
      'First response',
      t.firstResponseAt ? <Time key="f" iso={t.firstResponseAt} relative={false} /> : 'Not yet',
    ],
    ['Last activity', <Time key="l" iso={t.lastActivityAt} />],
  ];
  if (t.resolvedAt) rows.push(['Resolved', <Time key="r" iso={t.resolvedAt} relative={false} />]);
  if (t.closedAt) rows.push(['Closed', <Time key="x" iso={t.closedAt} relative={false} />]);
  if (t.type) rows.push(['Type', t.type]);
  return (
    <Card withBorder radius="md" padding="md">
      <Title order={2} size="h5" mb="sm">
        Details
      </Title>
      <Stack gap={6} component="dl" m={0}>
        {rows.map(([label, value]) => (
          <Group key={label} justify="space-between" gap="xs" wrap="nowrap" align="baseline">
            <Text component="dt" size="sm" c="dimmed">
              {label}
            </Text>
            <Text component="dd" size="sm" m={0} ta="right" style={{ overflowWrap: 'anywhere' }}>
              {value}
            </Text>
          </Group>
        ))}
      </Stack>
      {t.satisfaction && (
        <Stack gap={4} mt="md">
          <Text size="sm" fw={600}>
            Satisfaction
          </Text>
          <Group gap="xs">
            <Rating
              value={t.satisfaction.rating}
              readOnly
              aria-label={`Rated ${t.satisfaction.rating} of 5`}
            />
            <Text size="xs" c="dimmed">
              <Time iso={t.satisfaction.answeredAt} />
            </Text>
          </Group>
          {t.satisfaction.comment && (
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              “{t.satisfaction.comment}”
            </Text>
          )}
        </Stack>
      )}
    </Card>
  );
}

function EventTimeline({
  events,
  workflow,
  departments,
  staff,
}: {
  events: TicketEvent[];
  workflow: StaffWorkflow | undefined;
  departments: Department[];
  staff: User[];
}) {
  if (events.length === 0)
    return (
      <Text size="sm" c="dimmed">
        No changes yet.
      </Text>
    );
  const value = (field: string | null, v: string | null): string => {
    if (v === null || v === '') return field === 'assignee' ? 'nobody' : '—';
    switch (field) {
      case 'status':
        return workflow?.statuses.find((s) => s.key === v)?.staffLabel ?? v;
      case 'priority':
        return PRIORITY_INFO[v as Ticket['priority']]?.label ?? v;
      case 'department':
        return departments.find((d) => d.id === v)?.name ?? 'another department';
      case 'assignee':
        return staff.find((u) => u.id === v)?.name ?? 'a former colleague';
      default:
        return v.length > 80 ? `${v.slice(0, 80)}…` : v;
    }
  };
  const describe = (e: TicketEvent) => {
    if (e.type === 'created') return `opened the ticket${e.to ? ` as ${value('status', e.to)}` : ''}`;
    if (e.type === 'message_edited')
      return `edited their message “${value(null, e.from)}” to “${value(null, e.to)}”`;
    if (e.type === 'message_deleted')
      return `deleted their message “${value(null, e.from)}” (deleted by sender)`;
    if (e.type === 'merged') return `merged ${ticketRef(Number(e.from))} into ${ticketRef(Number(e.to))}`;
    if (e.type === 'reply_moved')
      return `wrote on ${ticketRef(Number(e.from))}, which was merged into this ticket`;
    if (!e.field) return e.type;
    if (e.field === 'assignee') return e.to ? `assigned it to ${value('assignee', e.to)}` : 'unassigned it';
    return `changed ${e.field}: ${value(e.field, e.from)} → ${value(e.field, e.to)}`;
  };
  const sorted = [...events].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  return (
    <Timeline bulletSize={12} lineWidth={2} active={sorted.length - 1}>
      {sorted.map((e) => (
        <Timeline.Item key={e.id}>
          <Text size="sm">
            <Text span fw={600} inherit>
              {e.actor.name}
            </Text>{' '}
            {describe(e)}
          </Text>
          {e.reason && (
            <Text size="xs" c="dimmed">
              Because {e.reason}
            </Text>
          )}
          <Text size="xs" c="dimmed">
            <Time iso={e.createdAt} />
            {!e.public && ' · staff only'}
          </Text>
        </Timeline.Item>
      ))}
    </Timeline>
  );
}
