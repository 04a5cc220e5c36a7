import { ActionIcon, Group, Stack, Switch, Table, Text } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconBolt, IconHourglass } from '@tabler/icons-react';
import { useState } from 'react';
import { defineMessages } from 'react-intl';
import { get, send } from '../../../api/client';
import { AdminList, useAdminMutation } from '../../../components/admin';
import { AdminPage } from '../../../components/admin/AdminPage';
import { NewButton, RowButton } from '../../../components/admin/buttons';
import { ConfirmModal, useConfirmedAct } from '../../../components/admin/ConfirmModal';
import { useItems } from '../../../components/admin/lists';
import { HeaderCells } from '../../../components/admin/table';
import { currentIntl, t } from '../../../i18n/t';
import { KbMailSuggestionsCard } from './KbMailSuggestionsCard';
import { automationsKey, eventKey, eventOptions, kindOf, type Rule, triggersKey } from './shared';
import { TriggerEditor } from './TriggerEditor';

const m = defineMessages({
  triggersTitle: { id: 'triggers.title', defaultMessage: 'Triggers' },
  triggersDescription: {
    id: 'triggers.description',
    defaultMessage:
      'Rules run in order on ticket events: when something happens, if the conditions hold, do the actions. Each rule fires at most once per event and sees what the rules before it changed; every change it makes is on the ticket’s timeline under its name.',
  },
  triggersEmpty: {
    id: 'triggers.empty.description',
    defaultMessage: 'Nothing happens on its own until a trigger says so.',
  },
  automationsTitle: { id: 'triggers.automations.title', defaultMessage: 'Automations' },
  automationsDescription: {
    id: 'triggers.automations.description',
    defaultMessage:
      'Time-based rules the scheduler checks every open ticket against, in order: if the conditions hold (such as 48 hours since the last staff reply), do the actions, once per ticket until the conditions stop holding. Each must change something its conditions test; every change is on the ticket’s timeline under its name.',
  },
  automationsEmpty: {
    id: 'triggers.automations.empty.description',
    defaultMessage: 'No ticket is followed up on its own until an automation says so.',
  },
  up: { id: 'triggers.moveUp', defaultMessage: 'Move {name} up' },
  down: { id: 'triggers.moveDown', defaultMessage: 'Move {name} down' },
  enabled: {
    id: 'triggers.enabledNotice',
    defaultMessage:
      '{kind, select, automation {Automation “{name}” enabled} other {Trigger “{name}” enabled}}',
  },
  disabled: {
    id: 'triggers.disabledNotice',
    defaultMessage:
      '{kind, select, automation {Automation “{name}” disabled} other {Trigger “{name}” disabled}}',
  },
  deleted: {
    id: 'triggers.deleted',
    defaultMessage:
      '{kind, select, automation {Automation “{name}” deleted} other {Trigger “{name}” deleted}}',
  },
  new: {
    id: 'triggers.new',
    defaultMessage: '{kind, select, automation {New automation} other {New trigger}}',
  },
  none: {
    id: 'triggers.empty.title',
    defaultMessage: '{kind, select, automation {No automations} other {No triggers}}',
  },
  order: { id: 'triggers.column.order', defaultMessage: 'Order' },
  rule: {
    id: 'triggers.column.rule',
    defaultMessage: '{kind, select, automation {Automation} other {Trigger}}',
  },
  on: { id: 'triggers.column.on', defaultMessage: 'On' },
  when: { id: 'triggers.row.when', defaultMessage: 'When {events}' },
  conditions: {
    id: 'triggers.row.conditions',
    defaultMessage: '{count, plural, one {# condition} other {# conditions}}',
  },
  actions: {
    id: 'triggers.row.actions',
    defaultMessage: '{count, plural, one {# action} other {# actions}}',
  },
  recursive: { id: 'triggers.row.recursive', defaultMessage: 'recursive' },
  fired: {
    id: 'triggers.row.fired',
    defaultMessage:
      '{count, plural, one {Fired # time in the last 24 hours} other {Fired # times in the last 24 hours}}',
  },
  firedCapped: {
    id: 'triggers.row.firedCapped',
    defaultMessage:
      '{count, plural, one {Fired # time in the last 24 hours} other {Fired # times in the last 24 hours}}; messages held back by a cap {capped, number} times',
  },
  enabledSwitch: { id: 'triggers.enabledSwitch', defaultMessage: '{name} enabled' },
  edit: { id: 'triggers.edit', defaultMessage: 'Edit {name}' },
  delete: { id: 'triggers.delete', defaultMessage: 'Delete' },
  deleteOne: { id: 'triggers.deleteOne', defaultMessage: 'Delete {name}' },
  deleteTitle: { id: 'triggers.delete.title', defaultMessage: 'Delete “{name}”' },
  deleteConfirm: {
    id: 'triggers.delete.confirm',
    defaultMessage: '{kind, select, automation {Delete the automation} other {Delete the trigger}}',
  },
  deleteBody: {
    id: 'triggers.delete.body',
    defaultMessage: 'It stops running at once; what it changed on tickets stays, under its name.',
  },
});

/** "When Ticket created or Customer replied" of a trigger's events, in the reader's language. */
const whenText = (rule: Rule) => {
  if (!rule.on) return null;
  const options = eventOptions();
  const labels = rule.on.map((e) => {
    const key = eventKey(e);
    return options.find((o) => o.value === key)?.label ?? key;
  });
  return t(m.when, {
    events: new Intl.ListFormat(currentIntl().locale, { type: 'disjunction' }).format(labels),
  });
};

/** The rule as saved, to change one thing of it (PUT replaces the whole rule). */
const bodyOf = (rule: Rule) => ({
  name: rule.name,
  enabled: rule.enabled,
  ...(rule.on ? { on: rule.on, recursive: rule.recursive } : {}),
  match: rule.match,
  conditions: rule.conditions,
  actions: rule.actions,
  hourlyLimit: rule.hourlyLimit,
});

/** What tells the two kinds of rules apart on their pages. */
const KINDS = {
  event: {
    title: m.triggersTitle,
    description: m.triggersDescription,
    empty: m.triggersEmpty,
    icon: <IconBolt aria-hidden />,
  },
  time: {
    title: m.automationsTitle,
    description: m.automationsDescription,
    empty: m.automationsEmpty,
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
  const { t: rule, i, last, busy, swap } = props;
  return (
    <Group gap={2} wrap="nowrap">
      <ActionIcon
        variant="subtle"
        color="gray"
        aria-label={t(m.up, { name: rule.name })}
        disabled={i === 0 || busy}
        onClick={() => swap(i, i - 1)}
      >
        <IconArrowUp size={16} aria-hidden />
      </ActionIcon>
      <ActionIcon
        variant="subtle"
        color="gray"
        aria-label={t(m.down, { name: rule.name })}
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
  const k = { kind: kindOf(time) };
  const key = time ? automationsKey : triggersKey;
  const list = useItems<Rule>(key, () => get(r.list) as Promise<{ items: Rule[] }>);
  const [editing, setEditing] = useState<Rule | 'new' | null>(null);
  const move = useAdminMutation({
    fn: (ids: string[]) => send(r.order, { body: { ids } }),
    invalidate: [key],
  });
  const toggle = useAdminMutation({
    fn: (rule: Rule) =>
      send(r.one, {
        params: { id: rule.id },
        body: { ...bodyOf(rule), enabled: !rule.enabled } as never,
      }),
    invalidate: [key],
    success: (rule) => t(rule.enabled ? m.enabled : m.disabled, { ...k, name: rule.name }),
  });
  const removal = useConfirmedAct({
    fn: (rule: Rule) => send(r.del, { params: { id: rule.id } }),
    invalidate: [key],
    success: (rule) => t(m.deleted, { ...k, name: rule.name }),
  });
  const items = list.data ?? [];
  const swap = (i: number, j: number) => {
    const ids = items.map((rule) => rule.id);
    [ids[i], ids[j]] = [ids[j] as string, ids[i] as string];
    move.mutate(ids);
  };
  const open =
    editing === 'new' || editing === null
      ? editing
      : (items.find((rule) => rule.id === editing.id) ?? editing);
  return (
    <AdminPage
      maw={1100}
      title={t(kind.title)}
      description={t(kind.description)}
      action={<NewButton onClick={() => setEditing('new')}>{t(m.new, k)}</NewButton>}
    >
      <AdminList
        query={list}
        items={list.data}
        empty={{
          icon: kind.icon,
          title: t(m.none, k),
          description: t(kind.empty),
        }}
        minWidth={320}
        tableProps={{ 'aria-label': t(kind.title) }}
        head={
          <HeaderCells
            columns={[{ label: t(m.order), w: 64 }, t(m.rule, k), { label: t(m.on), w: 56 }]}
            actions={true}
          />
        }
      >
        {(rule) => {
          const i = items.indexOf(rule);
          const when = whenText(rule);
          return (
            <Table.Tr key={rule.id}>
              <Table.Td>
                <OrderButtons t={rule} i={i} last={items.length - 1} busy={move.isPending} swap={swap} />
              </Table.Td>
              <Table.Td>
                <Stack gap={0}>
                  <Text size="sm" fw={500} c={rule.enabled ? undefined : 'dimmed'}>
                    {rule.name}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {[
                      ...(when ? [when] : []),
                      t(m.conditions, { count: rule.conditions.length }),
                      t(m.actions, { count: rule.actions.length }),
                      ...(rule.recursive ? [t(m.recursive)] : []),
                    ].join(' · ')}
                  </Text>
                  <Text size="xs" c={rule.cappedLastDay > 0 ? 'orange' : 'dimmed'}>
                    {rule.cappedLastDay > 0
                      ? t(m.firedCapped, { count: rule.firedLastDay, capped: rule.cappedLastDay })
                      : t(m.fired, { count: rule.firedLastDay })}
                  </Text>
                </Stack>
              </Table.Td>
              <Table.Td>
                <Switch
                  aria-label={t(m.enabledSwitch, { name: rule.name })}
                  checked={rule.enabled}
                  disabled={toggle.isPending}
                  onChange={() => toggle.mutate(rule)}
                />
              </Table.Td>
              <Table.Td>
                <Group gap="xs" wrap="wrap" justify="flex-end">
                  <RowButton label={t(m.edit, { name: rule.name })} onClick={() => setEditing(rule)} />
                  <RowButton label={t(m.deleteOne, { name: rule.name })} onClick={() => removal.ask(rule)}>
                    {t(m.delete)}
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
          onSaved={(rule) => setEditing(rule)}
          onClose={() => setEditing(null)}
        />
      )}
      <ConfirmModal
        {...removal.confirm}
        title={t(m.deleteTitle, { name: removal.asking?.name ?? '' })}
        confirmLabel={t(m.deleteConfirm, k)}
        color="red"
      >
        <Text size="sm">{t(m.deleteBody)}</Text>
      </ConfirmModal>
    </AdminPage>
  );
}
