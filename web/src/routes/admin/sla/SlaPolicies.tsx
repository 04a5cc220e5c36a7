import { ActionIcon, Group, Stack, Switch, Table, Text } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconClockExclamation } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { SLA_METRIC_LABELS, SLA_METRICS } from '../../../../../common/sla';
import { get, send } from '../../../api/client';
import { AdminList, useAdminMutation } from '../../../components/admin';
import { AdminPage } from '../../../components/admin/AdminPage';
import { NewButton, RowButton } from '../../../components/admin/buttons';
import { ConfirmModal, useConfirmedAct } from '../../../components/admin/ConfirmModal';
import { useItems } from '../../../components/admin/lists';
import { HeaderCells } from '../../../components/admin/table';
import { calendarsKey } from '../calendars/shared';
import { PolicyEditor } from './PolicyEditor';
import { durationText, type Policy, priorityLabel, priorityRank, slaPoliciesKey } from './shared';

/** "First reply: Urgent 1 h, High 4 h (business)": the targets of each metric, shortest first. */
function targetsSummary(p: Policy): string[] {
  return SLA_METRICS.flatMap((m) => {
    const ts = p.targets
      .filter((t) => t.metric === m)
      .sort((a, b) => priorityRank(b.priority) - priorityRank(a.priority));
    if (ts.length === 0) return [];
    const parts = ts.map(
      (t) => `${priorityLabel(t.priority)} ${durationText(t.minutes)}${t.businessHours ? '' : ' (24×7)'}`,
    );
    return [`${SLA_METRIC_LABELS[m]}: ${parts.join(', ')}`];
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
    success: (p) => `Policy “${p.name}” ${p.enabled ? 'enabled' : 'disabled'}`,
  });
  const removal = useConfirmedAct({
    fn: (p: Policy) => send('DELETE /sla/policies/:id', { params: { id: p.id } }),
    invalidate: [slaPoliciesKey],
    success: (p) => `Policy “${p.name}” deleted`,
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
      title="Service levels"
      description="Targets for the first reply, each next reply and resolution, per priority, counted on a business-hours calendar. Policies apply in order: the first enabled one whose conditions match a ticket is the ticket’s."
      action={<NewButton onClick={() => setEditing('new')}>New policy</NewButton>}
    >
      <AdminList
        query={list}
        items={list.data}
        empty={{
          icon: <IconClockExclamation aria-hidden />,
          title: 'No service-level policies',
          description: 'Tickets have no targets until a policy applies to them.',
        }}
        minWidth={320}
        tableProps={{ 'aria-label': 'Service-level policies' }}
        head={
          <HeaderCells
            columns={[{ label: 'Order', w: 64 }, 'Policy', { label: 'On', w: 56 }]}
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
                    aria-label={`Move ${p.name} up`}
                    disabled={i === 0 || move.isPending}
                    onClick={() => swap(i, i - 1)}
                  >
                    <IconArrowUp size={16} aria-hidden />
                  </ActionIcon>
                  <ActionIcon
                    variant="subtle"
                    color="gray"
                    aria-label={`Move ${p.name} down`}
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
                  aria-label={`${p.name} enabled`}
                  checked={p.enabled}
                  disabled={toggle.isPending}
                  onChange={() => toggle.mutate(p)}
                />
              </Table.Td>
              <Table.Td>
                <Group gap="xs" wrap="wrap" justify="flex-end">
                  <RowButton label={`Edit ${p.name}`} onClick={() => setEditing(p)} />
                  <RowButton label={`Delete ${p.name}`} onClick={() => removal.ask(p)}>
                    Delete
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
        title={`Delete “${removal.asking?.name ?? ''}”`}
        confirmLabel="Delete the policy"
        color="red"
      >
        <Text size="sm">Tickets it applies to are held to the next policy that matches them, if any.</Text>
      </ConfirmModal>
    </AdminPage>
  );
}
