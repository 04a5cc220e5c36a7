import { ActionIcon, Group, Stack, Switch, Table, Text } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconClockExclamation } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { defineMessages } from 'react-intl';
import { SLA_METRICS } from '../../../../../common/sla';
import { get, send } from '../../../api/client';
import { AdminList, useAdminMutation } from '../../../components/admin';
import { AdminPage } from '../../../components/admin/AdminPage';
import { NewButton, RowButton } from '../../../components/admin/buttons';
import { ConfirmModal, useConfirmedAct } from '../../../components/admin/ConfirmModal';
import { useItems } from '../../../components/admin/lists';
import { HeaderCells } from '../../../components/admin/table';
import { t } from '../../../i18n/t';
import { calendarsKey } from '../calendars/shared';
import { PolicyEditor } from './PolicyEditor';
import {
  durationText,
  listText,
  metricLabel,
  type Policy,
  priorityLabel,
  priorityRank,
  slaPoliciesKey,
} from './shared';

const m = defineMessages({
  target: { id: 'sla.summary.target', defaultMessage: '{priority} {duration}' },
  target24x7: { id: 'sla.summary.target24x7', defaultMessage: '{priority} {duration} (24×7)' },
  line: { id: 'sla.summary.line', defaultMessage: '{metric}: {targets}' },
  enabled: { id: 'sla.policy.enabled', defaultMessage: 'Policy “{name}” enabled' },
  disabled: { id: 'sla.policy.disabled', defaultMessage: 'Policy “{name}” disabled' },
  deleted: { id: 'sla.policy.deleted', defaultMessage: 'Policy “{name}” deleted' },
  title: { id: 'sla.title', defaultMessage: 'Service levels' },
  description: {
    id: 'sla.description',
    defaultMessage:
      'Targets for the first reply, each next reply and resolution, per priority, counted on a business-hours calendar. Policies apply in order: the first enabled one whose conditions match a ticket is the ticket’s.',
  },
  new: { id: 'sla.new', defaultMessage: 'New policy' },
  emptyTitle: { id: 'sla.empty.title', defaultMessage: 'No service-level policies' },
  emptyDescription: {
    id: 'sla.empty.description',
    defaultMessage: 'Tickets have no targets until a policy applies to them.',
  },
  table: { id: 'sla.table', defaultMessage: 'Service-level policies' },
  order: { id: 'sla.column.order', defaultMessage: 'Order' },
  policy: { id: 'sla.column.policy', defaultMessage: 'Policy' },
  on: { id: 'sla.column.on', defaultMessage: 'On' },
  up: { id: 'sla.moveUp', defaultMessage: 'Move {name} up' },
  down: { id: 'sla.moveDown', defaultMessage: 'Move {name} down' },
  enabledSwitch: { id: 'sla.enabledSwitch', defaultMessage: '{name} enabled' },
  edit: { id: 'sla.edit', defaultMessage: 'Edit {name}' },
  delete: { id: 'sla.delete', defaultMessage: 'Delete' },
  deleteOne: { id: 'sla.deleteOne', defaultMessage: 'Delete {name}' },
  deleteTitle: { id: 'sla.delete.title', defaultMessage: 'Delete “{name}”' },
  deleteConfirm: { id: 'sla.delete.confirm', defaultMessage: 'Delete the policy' },
  deleteBody: {
    id: 'sla.delete.body',
    defaultMessage: 'Tickets it applies to are held to the next policy that matches them, if any.',
  },
});

/** "First reply: Urgent 1 h, High 4 h (business)": the targets of each metric, shortest first. */
function targetsSummary(p: Policy): string[] {
  return SLA_METRICS.flatMap((metric) => {
    const ts = p.targets
      .filter((x) => x.metric === metric)
      .sort((a, b) => priorityRank(b.priority) - priorityRank(a.priority));
    if (ts.length === 0) return [];
    const parts = ts.map((x) =>
      t(x.businessHours ? m.target : m.target24x7, {
        priority: priorityLabel(x.priority),
        duration: durationText(x.minutes),
      }),
    );
    return [t(m.line, { metric: metricLabel(metric), targets: listText(parts) })];
  });
}

/** Admin › Service levels: the ordered policies; the first enabled one that matches a ticket applies. */
export function SlaPoliciesPage() {
  const list = useItems(slaPoliciesKey, () => get('/sla/policies'));
  const calendars = useQuery({
    queryKey: calendarsKey,
    queryFn: async () => (await get('/calendars')).items,
  });
  const calendarName = (id: string) => calendars.data?.find((c) => c.id === id)?.name ?? id;
  const [editing, setEditing] = useState<Policy | 'new' | null>(null);
  const move = useAdminMutation({
    fn: (ids: string[]) => send('PUT /sla/policies/order', { body: { ids } }),
    invalidate: [slaPoliciesKey],
  });
  const toggle = useAdminMutation({
    fn: (p: Policy) =>
      send('PATCH /sla/policies/:id', { params: { id: p.id }, body: { enabled: !p.enabled } }),
    invalidate: [slaPoliciesKey],
    success: (p) => t(p.enabled ? m.enabled : m.disabled, { name: p.name }),
  });
  const removal = useConfirmedAct({
    fn: (p: Policy) => send('DELETE /sla/policies/:id', { params: { id: p.id } }),
    invalidate: [slaPoliciesKey],
    success: (p) => t(m.deleted, { name: p.name }),
  });
  const items = list.data ?? [];
  const swap = (i: number, j: number) => {
    const ids = items.map((p) => p.id);
    [ids[i], ids[j]] = [ids[j] as string, ids[i] as string];
    move.mutate(ids);
  };
  const open =
    editing === 'new' || editing === null ? editing : (items.find((p) => p.id === editing.id) ?? editing);
  return (
    <AdminPage
      maw={1000}
      title={t(m.title)}
      description={t(m.description)}
      action={<NewButton onClick={() => setEditing('new')}>{t(m.new)}</NewButton>}
    >
      <AdminList
        query={list}
        items={list.data}
        empty={{
          icon: <IconClockExclamation aria-hidden />,
          title: t(m.emptyTitle),
          description: t(m.emptyDescription),
        }}
        minWidth={320}
        tableProps={{ 'aria-label': t(m.table) }}
        head={
          <HeaderCells
            columns={[{ label: t(m.order), w: 64 }, t(m.policy), { label: t(m.on), w: 56 }]}
            actions={true}
          />
        }
      >
        {(p) => {
          const i = items.indexOf(p);
          return (
            <Table.Tr key={p.id}>
              <Table.Td>
                <Group gap={2} wrap="nowrap">
                  <ActionIcon
                    variant="subtle"
                    color="gray"
                    aria-label={t(m.up, { name: p.name })}
                    disabled={i === 0 || move.isPending}
                    onClick={() => swap(i, i - 1)}
                  >
                    <IconArrowUp size={16} aria-hidden />
                  </ActionIcon>
                  <ActionIcon
                    variant="subtle"
                    color="gray"
                    aria-label={t(m.down, { name: p.name })}
                    disabled={i === items.length - 1 || move.isPending}
                    onClick={() => swap(i, i + 1)}
                  >
                    <IconArrowDown size={16} aria-hidden />
                  </ActionIcon>
                </Group>
              </Table.Td>
              <Table.Td>
                <Stack gap={0}>
                  <Text size="sm" fw={500} c={p.enabled ? undefined : 'dimmed'}>
                    {p.name}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {calendarName(p.calendarId)}
                  </Text>
                  {targetsSummary(p).map((line) => (
                    <Text key={line} size="xs">
                      {line}
                    </Text>
                  ))}
                </Stack>
              </Table.Td>
              <Table.Td>
                <Switch
                  aria-label={t(m.enabledSwitch, { name: p.name })}
                  checked={p.enabled}
                  disabled={toggle.isPending}
                  onChange={() => toggle.mutate(p)}
                />
              </Table.Td>
              <Table.Td>
                <Group gap="xs" wrap="wrap" justify="flex-end">
                  <RowButton label={t(m.edit, { name: p.name })} onClick={() => setEditing(p)} />
                  <RowButton label={t(m.deleteOne, { name: p.name })} onClick={() => removal.ask(p)}>
                    {t(m.delete)}
                  </RowButton>
                </Group>
              </Table.Td>
            </Table.Tr>
          );
        }}
      </AdminList>
      {open !== null && (
        <PolicyEditor
          key={open === 'new' ? 'new' : open.id}
          policy={open === 'new' ? null : open}
          onSaved={(p) => setEditing(p)}
          onClose={() => setEditing(null)}
        />
      )}
      <ConfirmModal
        {...removal.confirm}
        title={t(m.deleteTitle, { name: removal.asking?.name ?? '' })}
        confirmLabel={t(m.deleteConfirm)}
        color="red"
      >
        <Text size="sm">{t(m.deleteBody)}</Text>
      </ConfirmModal>
    </AdminPage>
  );
}
