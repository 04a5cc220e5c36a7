import { ActionIcon, Group, Stack, Switch, Table, Text } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconBolt, IconHourglass } from '@tabler/icons-react';
import { useState } from 'react';
import { get, send } from '../../../api/client';
import { AdminList, useAdminMutation } from '../../../components/admin';
import { AdminPage } from '../../../components/admin/AdminPage';
import { NewButton, RowButton } from '../../../components/admin/buttons';
import { ConfirmModal, useConfirmedAct } from '../../../components/admin/ConfirmModal';
import { useItems } from '../../../components/admin/lists';
import { HeaderCells } from '../../../components/admin/table';
import { KbMailSuggestionsCard } from './KbMailSuggestionsCard';
import { automationsKey, EVENT_OPTIONS, eventKey, nounOf, type Rule, triggersKey } from './shared';
import { TriggerEditor } from './TriggerEditor';

const eventLabel = (key: string) => EVENT_OPTIONS.find((o) => o.value === key)?.label ?? key;

/** The rule as saved, to change one thing of it (PUT replaces the whole rule). */
const bodyOf = (t: Rule) => ({
  name: t.name,
  enabled: t.enabled,
  ...(t.on ? { on: t.on, recursive: t.recursive } : {}),
  match: t.match,
  conditions: t.conditions,
  actions: t.actions,
  hourlyLimit: t.hourlyLimit,
});

/** What tells the two kinds of rules apart on their pages. */
const KINDS = {
  event: {
    title: 'Triggers',
    description:
      'Rules run in order on ticket events: when something happens, if the conditions hold, do the actions. Each rule fires at most once per event and sees what the rules before it changed; every change it makes is on the ticket’s timeline under its name.',
    empty: 'Nothing happens on its own until a trigger says so.',
    icon: <IconBolt aria-hidden />,
  },
  time: {
    title: 'Automations',
    description:
      'Time-based rules the scheduler checks every open ticket against, in order: if the conditions hold (such as 48 hours since the last staff reply), do the actions, once per ticket until the conditions stop holding. Each must change something its conditions test; every change is on the ticket’s timeline under its name.',
    empty: 'No ticket is followed up on its own until an automation says so.',
    icon: <IconHourglass aria-hidden />,
  },
};

/** The base of a kind's routes, for the typed client. */
const routes = (time: boolean) =>
  time
    ? ({
        list: '/automations',
        order: 'PUT /automations/order',
        one: 'PUT /automations/:id',
        del: 'DELETE /automations/:id',
      } as const)
    : ({
        list: '/triggers',
        order: 'PUT /triggers/order',
        one: 'PUT /triggers/:id',
        del: 'DELETE /triggers/:id',
      } as const);

function OrderButtons(props: {
  t: Rule;
  i: number;
  last: number;
  busy: boolean;
  swap: (i: number, j: number) => void;
}) {
  const { t, i, last, busy, swap } = props;
  return (
    <Group gap={2} wrap="nowrap">
      <ActionIcon
        variant="subtle"
        color="gray"
        aria-label={`Move ${t.name} up`}
        disabled={i === 0 || busy}
        onClick={() => swap(i, i - 1)}
      >
        <IconArrowUp size={16} aria-hidden />
      </ActionIcon>
      <ActionIcon
        variant="subtle"
        color="gray"
        aria-label={`Move ${t.name} down`}
        disabled={i === last || busy}
        onClick={() => swap(i, i + 1)}
      >
        <IconArrowDown size={16} aria-hidden />
      </ActionIcon>
    </Group>
  );
}

/** Admin › Triggers: the ordered rules run on ticket events, each seeing what earlier ones changed. */
export const TriggersPage = () => <RulesPage time={false} />;

/** Admin › Automations: the ordered time-based rules the scheduler's sweep runs. */
export const AutomationsPage = () => <RulesPage time={true} />;

function RulesPage({ time }: { time: boolean }) {
  const r = routes(time);
  const kind = KINDS[time ? 'time' : 'event'];
  const noun = nounOf(time);
  const Noun = time ? 'Automation' : 'Trigger';
  const key = time ? automationsKey : triggersKey;
  const list = useItems<Rule>(key, () => get(r.list) as Promise<{ items: Rule[] }>);
  const [editing, setEditing] = useState<Rule | 'new' | null>(null);
  const move = useAdminMutation({
    fn: (ids: string[]) => send(r.order, { body: { ids } }),
    invalidate: [key],
  });
  const toggle = useAdminMutation({
    fn: (t: Rule) =>
      send(r.one, {
        params: { id: t.id },
        body: { ...bodyOf(t), enabled: !t.enabled } as never,
      }),
    invalidate: [key],
    success: (t) => `${Noun} “${t.name}” ${t.enabled ? 'enabled' : 'disabled'}`,
  });
  const removal = useConfirmedAct({
    fn: (t: Rule) => send(r.del, { params: { id: t.id } }),
    invalidate: [key],
    success: (t) => `${Noun} “${t.name}” deleted`,
  });
  const items = list.data ?? [];
  const swap = (i: number, j: number) => {
    const ids = items.map((t) => t.id);
    [ids[i], ids[j]] = [ids[j] as string, ids[i] as string];
    move.mutate(ids);
  };
  const open =
    editing === 'new' || editing === null ? editing : (items.find((t) => t.id === editing.id) ?? editing);
  return (
    <AdminPage
      maw={1100}
      title={kind.title}
      description={kind.description}
      action={<NewButton onClick={() => setEditing('new')}>New {noun}</NewButton>}
    >
      <AdminList
        query={list}
        items={list.data}
        empty={{
          icon: kind.icon,
          title: `No ${noun}s`,
          description: kind.empty,
        }}
        minWidth={320}
        tableProps={{ 'aria-label': kind.title }}
        head={
          <HeaderCells columns={[{ label: 'Order', w: 64 }, Noun, { label: 'On', w: 56 }]} actions={true} />
        }
      >
        {(t) => {
          const i = items.indexOf(t);
          return (
            <Table.Tr key={t.id}>
              <Table.Td>
                <OrderButtons t={t} i={i} last={items.length - 1} busy={move.isPending} swap={swap} />
              </Table.Td>
              <Table.Td>
                <Stack gap={0}>
                  <Text size="sm" fw={500} c={t.enabled ? undefined : 'dimmed'}>
                    {t.name}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {t.on ? `When ${t.on.map((e) => eventLabel(eventKey(e))).join(' or ')} · ` : ''}
                    {t.conditions.length} condition
                    {t.conditions.length === 1 ? '' : 's'} · {t.actions.length} action
                    {t.actions.length === 1 ? '' : 's'}
                    {t.recursive ? ' · recursive' : ''}
                  </Text>
                  <Text size="xs" c={t.cappedLastDay > 0 ? 'orange' : 'dimmed'}>
                    Fired {t.firedLastDay} time{t.firedLastDay === 1 ? '' : 's'} in the last 24 hours
                    {t.cappedLastDay > 0 && `; messages held back by a cap ${t.cappedLastDay} times`}
                  </Text>
                </Stack>
              </Table.Td>
              <Table.Td>
                <Switch
                  aria-label={`${t.name} enabled`}
                  checked={t.enabled}
                  disabled={toggle.isPending}
                  onChange={() => toggle.mutate(t)}
                />
              </Table.Td>
              <Table.Td>
                <Group gap="xs" wrap="wrap" justify="flex-end">
                  <RowButton label={`Edit ${t.name}`} onClick={() => setEditing(t)} />
                  <RowButton label={`Delete ${t.name}`} onClick={() => removal.ask(t)}>
                    Delete
                  </RowButton>
                </Group>
              </Table.Td>
            </Table.Tr>
          );
        }}
      </AdminList>
      {!time && <KbMailSuggestionsCard />}
      {open !== null && (
        <TriggerEditor
          key={open === 'new' ? 'new' : open.id}
          trigger={open === 'new' ? null : open}
          time={time}
          onSaved={(t) => setEditing(t)}
          onClose={() => setEditing(null)}
        />
      )}
      <ConfirmModal
        {...removal.confirm}
        title={`Delete “${removal.asking?.name ?? ''}”`}
        confirmLabel={`Delete the ${noun}`}
        color="red"
      >
        <Text size="sm">It stops running at once; what it changed on tickets stays, under its name.</Text>
      </ConfirmModal>
    </AdminPage>
  );
}
