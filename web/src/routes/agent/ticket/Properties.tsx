import { Button, Card, Group, Rating, Select, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { FormattedMessage, useIntl } from 'react-intl';
import { PRIORITIES, type UpdateTicketInput } from '../../../../../common/api';
import { errorMessage, send } from '../../../api/client';
import { keys } from '../../../api/hooks';
import type { Department, StaffWorkflow, Ticket, User } from '../../../api/types';
import { Time } from '../../../components/bits';
import { useTicketTypes } from '../../../components/IntakeFields';
import { MergeTicketButton } from '../../../components/MergeTicket';
import { OrganisationLink, RequesterLink } from '../../../components/PersonLinks';
import { channelLabel, PRIORITY_INFO } from '../../../lib/format';
import { TicketTags } from './TicketTags';

export function useUpdateTicket(number: number) {
  const qc = useQueryClient();
  const intl = useIntl();
  return useMutation({
    mutationFn: (patch: UpdateTicketInput) =>
      send('PATCH /tickets/:number', { params: { number }, body: patch }),
    onSuccess: (ticket) => {
      qc.setQueryData(keys.ticket(number), ticket);
      void qc.invalidateQueries({ queryKey: keys.events(number) });
      void qc.invalidateQueries({ queryKey: ['tickets'] });
    },
    onError: (e) =>
      notifications.show({
        color: 'red',
        title: intl.formatMessage({
          id: 'agent.ticket.notChanged',
          defaultMessage: 'The ticket was not changed',
        }),
        message: errorMessage(e),
      }),
  });
}

type Update = ReturnType<typeof useUpdateTicket>;

export function Properties({
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
  const intl = useIntl();
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
    label:
      u.id === meId
        ? intl.formatMessage({ id: 'agent.properties.me', defaultMessage: '{name} (me)' }, { name: u.name })
        : u.name,
  }));
  if (t.assignee && !assigneeData.some((a) => a.value === t.assignee?.id)) {
    assigneeData.push({ value: t.assignee.id, label: t.assignee.name });
  }
  const busy = update.isPending;

  return (
    <Card withBorder radius="md" padding="md">
      <Group justify="space-between" mb="sm" gap="xs">
        <Title order={2} size="h5">
          <FormattedMessage id="agent.properties.title" defaultMessage="Properties" />
        </Title>
        {t.abilities.update && t.mergedInto === null && <MergeTicketButton ticket={t} />}
      </Group>
      <Stack gap="sm">
        <Select
          ref={statusRef}
          label={intl.formatMessage({ id: 'agent.properties.status', defaultMessage: 'Status (s)' })}
          data={statusData}
          value={t.status.key}
          onChange={(v) => v && v !== t.status.key && update.mutate({ status: v })}
          allowDeselect={false}
          disabled={busy || !t.abilities.update}
        />
        <Select
          label={intl.formatMessage({ id: 'agent.properties.priority', defaultMessage: 'Priority' })}
          data={PRIORITIES.map((p) => ({ value: p, label: PRIORITY_INFO[p].label }))}
          value={t.priority}
          onChange={(v) => v && v !== t.priority && update.mutate({ priority: v as Ticket['priority'] })}
          allowDeselect={false}
          disabled={busy || !t.abilities.update}
        />
        <Select
          label={intl.formatMessage({ id: 'agent.properties.department', defaultMessage: 'Department' })}
          data={departmentData}
          value={t.department.id}
          onChange={(v) => v && v !== t.department.id && update.mutate({ departmentId: v })}
          allowDeselect={false}
          searchable
          disabled={busy || !t.abilities.update}
        />
        <div>
          <Select
            label={intl.formatMessage({ id: 'agent.properties.assignee', defaultMessage: 'Assignee' })}
            placeholder={intl.formatMessage({
              id: 'agent.properties.unassigned',
              defaultMessage: 'Unassigned',
            })}
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
              <FormattedMessage id="agent.properties.assignToMe" defaultMessage="Assign to me (a)" />
            </Button>
          )}
        </div>
        <TicketTags ticket={t} update={update} />
      </Stack>
    </Card>
  );
}

export function Details({ ticket: t }: { ticket: Ticket }) {
  const types = useTicketTypes().data;
  const intl = useIntl();
  const rows: [string, React.ReactNode][] = [
    [
      intl.formatMessage({ id: 'agent.details.requester', defaultMessage: 'Requester' }),
      <RequesterLink key="r" person={t.requester} />,
    ],
    [
      intl.formatMessage({ id: 'agent.details.organisation', defaultMessage: 'Organisation' }),
      t.organisation ? <OrganisationLink key="o" organisation={t.organisation} /> : '—',
    ],
    [intl.formatMessage({ id: 'agent.details.channel', defaultMessage: 'Channel' }), channelLabel(t.channel)],
    [
      intl.formatMessage({ id: 'agent.details.created', defaultMessage: 'Created' }),
      <Time key="c" iso={t.createdAt} relative={false} />,
    ],
    [
      intl.formatMessage({ id: 'agent.details.firstResponse', defaultMessage: 'First response' }),
      t.firstResponseAt ? (
        <Time key="f" iso={t.firstResponseAt} relative={false} />
      ) : (
        intl.formatMessage({ id: 'agent.details.notYet', defaultMessage: 'Not yet' })
      ),
    ],
    [
      intl.formatMessage({ id: 'agent.details.lastActivity', defaultMessage: 'Last activity' }),
      <Time key="l" iso={t.lastActivityAt} />,
    ],
  ];
  if (t.resolvedAt)
    rows.push([
      intl.formatMessage({ id: 'agent.details.resolved', defaultMessage: 'Resolved' }),
      <Time key="r" iso={t.resolvedAt} relative={false} />,
    ]);
  if (t.closedAt)
    rows.push([
      intl.formatMessage({ id: 'agent.details.closed', defaultMessage: 'Closed' }),
      <Time key="x" iso={t.closedAt} relative={false} />,
    ]);
  if (t.type)
    rows.push([
      intl.formatMessage({ id: 'agent.details.type', defaultMessage: 'Type' }),
      types?.find((x) => x.key === t.type)?.name ?? t.type,
    ]);
  return (
    <Card withBorder radius="md" padding="md">
      <Title order={2} size="h5" mb="sm">
        <FormattedMessage id="agent.details.title" defaultMessage="Details" />
      </Title>
      <Stack gap={6} component="dl" m={0}>
        {rows.map(([label, value]) => (
          <Group key={label} justify="space-between" gap="xs" wrap="nowrap" align="baseline">
            <Text component="dt" size="sm" c="dimmed">
              {label}
            </Text>
            <Text component="dd" size="sm" m={0} ta="end" style={{ overflowWrap: 'anywhere' }}>
              {value}
            </Text>
          </Group>
        ))}
      </Stack>
      {t.satisfaction && (
        <Stack gap={4} mt="md">
          <Text size="sm" fw={600}>
            <FormattedMessage id="agent.details.satisfaction" defaultMessage="Satisfaction" />
          </Text>
          <Group gap="xs">
            <Rating
              value={t.satisfaction.rating}
              readOnly
              aria-label={intl.formatMessage(
                { id: 'agent.details.rated', defaultMessage: 'Rated {rating, number} of 5' },
                { rating: t.satisfaction.rating },
              )}
            />
            <Text size="xs" c="dimmed">
              <Time iso={t.satisfaction.answeredAt} />
            </Text>
          </Group>
          {t.satisfaction.comment && (
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              <FormattedMessage
                id="agent.details.comment"
                defaultMessage="“{comment}”"
                values={{ comment: t.satisfaction.comment }}
              />
            </Text>
          )}
        </Stack>
      )}
    </Card>
  );
}
