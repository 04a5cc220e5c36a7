import {
  Button,
  Card,
  Group,
  MultiSelect,
  NumberInput,
  SegmentedControl,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { defineMessages } from 'react-intl';
import type { AutomationCondition } from '../../../../../common/automations';
import { get, send } from '../../../api/client';
import { useDepartments, useStaff, useStaffWorkflow } from '../../../api/hooks';
import { useAdminMutation } from '../../../components/admin';
import { t } from '../../../i18n/t';
import { ticketRef } from '../../../lib/format';
import { calendarsKey } from '../calendars/shared';
import { webhooksKey } from '../webhooks/WebhookForm';
import {
  type Action,
  automationsKey,
  eventKey,
  eventOf,
  eventOptions,
  kindOf,
  NEW_TRIGGER,
  newCondition,
  type Rule,
  splitActions,
  type TriggerBody,
  triggersKey,
} from './shared';
import { ActionRow, type Choices, ConditionRow } from './TriggerRows';

const m = defineMessages({
  dryRun: { id: 'triggers.dryRun.button', defaultMessage: 'Dry run' },
  dryRunHelp: {
    id: 'triggers.dryRun.help',
    defaultMessage: 'Which of the latest 200 tickets the conditions match now; nothing is changed.',
  },
  matchesNone: {
    id: 'triggers.dryRun.matchesNone',
    defaultMessage: 'Matches {matched, number} of the latest {checked, number} tickets',
  },
  matchesSome: {
    id: 'triggers.dryRun.matchesSome',
    defaultMessage: 'Matches {matched, number} of the latest {checked, number} tickets: {tickets}',
  },
  needName: {
    id: 'triggers.editor.needName',
    defaultMessage:
      '{kind, select, automation {Give the automation a name.} other {Give the trigger a name.}}',
  },
  needEvent: { id: 'triggers.editor.needEvent', defaultMessage: 'Choose at least one event.' },
  needHours: {
    id: 'triggers.editor.needHours',
    defaultMessage: 'Add a condition on the hours since something.',
  },
  needAction: { id: 'triggers.editor.needAction', defaultMessage: 'Add at least one action.' },
  recursive: {
    id: 'triggers.editor.recursive',
    defaultMessage: 'Its changes trigger rules (recursion, at most 10 deep)',
  },
  when: { id: 'triggers.editor.when', defaultMessage: 'When' },
  saved: {
    id: 'triggers.editor.saved',
    defaultMessage: '{kind, select, automation {Automation “{name}” saved} other {Trigger “{name}” saved}}',
  },
  edit: { id: 'triggers.editor.edit', defaultMessage: 'Edit {name}' },
  new: {
    id: 'triggers.editor.new',
    defaultMessage: '{kind, select, automation {New automation} other {New trigger}}',
  },
  name: { id: 'triggers.editor.name', defaultMessage: 'Name' },
  enabled: { id: 'triggers.editor.enabled', defaultMessage: 'Enabled' },
  timeHelp: {
    id: 'triggers.editor.timeHelp',
    defaultMessage:
      'Checked on every open ticket by the scheduler; fires once per ticket until its conditions stop holding. One of its actions must change something a condition tests.',
  },
  if: { id: 'triggers.editor.if', defaultMessage: 'If' },
  mustMatch: { id: 'triggers.editor.match', defaultMessage: 'Conditions must match' },
  all: { id: 'triggers.editor.match.all', defaultMessage: 'All conditions' },
  any: { id: 'triggers.editor.match.any', defaultMessage: 'Any condition' },
  noConditions: {
    id: 'triggers.editor.noConditions',
    defaultMessage: 'No conditions: every ticket of the event.',
  },
  addCondition: { id: 'triggers.editor.addCondition', defaultMessage: 'Add condition' },
  thenLabel: { id: 'triggers.editor.then', defaultMessage: 'Then' },
  addAction: { id: 'triggers.editor.addAction', defaultMessage: 'Add action' },
  placeholders: {
    id: 'triggers.editor.placeholders',
    defaultMessage:
      'Notes and notices may use {number}, {subject}, {url} and {requester}. A rule makes at most 10 per ticket per hour.',
  },
  hourlyLimit: { id: 'triggers.editor.hourlyLimit', defaultMessage: 'Messages per hour over all tickets' },
  close: { id: 'triggers.editor.close', defaultMessage: 'Close' },
  save: {
    id: 'triggers.editor.save',
    defaultMessage: '{kind, select, automation {Save automation} other {Save trigger}}',
  },
  create: {
    id: 'triggers.editor.create',
    defaultMessage: '{kind, select, automation {Create automation} other {Create trigger}}',
  },
});

/** What the rows choose from: departments, staff, statuses, macros and calendars. */
function useChoices(): Choices {
  const departments = useDepartments();
  const staff = useStaff();
  const workflow = useStaffWorkflow();
  const macros = useQuery({
    queryKey: ['canned-responses', 'admin'],
    queryFn: async () => (await get('/canned-responses')).items,
  });
  const calendars = useQuery({
    queryKey: calendarsKey,
    queryFn: async () => (await get('/calendars')).items,
  });
  const webhooks = useQuery({ queryKey: webhooksKey, queryFn: async () => (await get('/webhooks')).items });
  return {
    departments: (departments.data ?? []).map((d) => ({ value: d.id, label: d.name })),
    staff: (staff.data ?? []).map((u) => ({ value: u.id, label: u.name })),
    statuses: (workflow.data?.statuses ?? []).map((s) => ({ value: s.key, label: s.staffLabel })),
    macros: (macros.data ?? []).map((m) => ({ value: m.id, label: m.title })),
    calendars: (calendars.data ?? []).map((c) => ({ value: c.id, label: c.name })),
    webhooks: (webhooks.data ?? []).map((h) => ({ value: h.id, label: h.name })),
  };
}

function DryRun(props: { time: boolean; match: 'all' | 'any'; conditions: AutomationCondition[] }) {
  const { time, match, conditions } = props;
  const run = useMutation({
    mutationFn: () =>
      time
        ? send('POST /automations/dry-run', { body: { match, conditions } })
        : send('POST /triggers/dry-run', {
            body: { match, conditions: conditions as TriggerBody['conditions'] },
          }),
  });
  return (
    <Stack gap={4}>
      <Group>
        <Button variant="default" onClick={() => run.mutate()} loading={run.isPending}>
          {t(m.dryRun)}
        </Button>
        <Text size="xs" c="dimmed">
          {t(m.dryRunHelp)}
        </Text>
      </Group>
      {run.error && (
        <Text size="sm" c="red">
          {run.error.message}
        </Text>
      )}
      {run.data && (
        <Text size="sm" role="status">
          {run.data.matches.length > 0
            ? t(m.matchesSome, {
                matched: run.data.matches.length,
                checked: run.data.checked,
                tickets: run.data.matches
                  .slice(0, 20)
                  .map((x) => ticketRef(x.number))
                  .join(', '),
              })
            : t(m.matchesNone, { matched: 0, checked: run.data.checked })}
        </Text>
      )}
    </Stack>
  );
}

/** Saves a rule of either kind: its body, with events and recursion for a trigger. */
function saveRule(time: boolean, id: string | null, b: TriggerBody): Promise<Rule> {
  if (time) {
    const { on: _on, recursive: _recursive, ...body } = b;
    const conditions = b.conditions as AutomationCondition[];
    return id
      ? send('PUT /automations/:id', { params: { id }, body: { ...body, conditions } })
      : send('POST /automations', { body: { ...body, conditions } });
  }
  return id ? send('PUT /triggers/:id', { params: { id }, body: b }) : send('POST /triggers', { body: b });
}

/** A new rule's start: an automation that follows up once, by a tag it adds. */
const fresh = (time: boolean): TriggerBody | Rule =>
  time
    ? {
        ...NEW_TRIGGER,
        conditions: [newCondition(true), { type: 'tag', op: 'lacks', tag: 'followed-up' }] as never,
        actions: [{ type: 'update', changes: { addTags: ['followed-up'] } }],
      }
    : NEW_TRIGGER;

/** Why the rule cannot be saved yet, if so. */
function missing(time: boolean, b: TriggerBody): string | null {
  if (b.name === '') return t(m.needName, { kind: kindOf(time) });
  if (!time && b.on.length === 0) return t(m.needEvent);
  const hours = (b.conditions as AutomationCondition[] | undefined)?.some((c) => c.type === 'hoursSince');
  if (time && !hours) return t(m.needHours);
  if (b.actions.length === 0) return t(m.needAction);
  return null;
}

/** What a trigger has and an automation has not: recursion and the events it runs on. */
function EventFields(props: {
  recursive: boolean;
  setRecursive: (v: boolean) => void;
  on: string[];
  setOn: (v: string[]) => void;
}) {
  return (
    <>
      <Switch
        label={t(m.recursive)}
        checked={props.recursive}
        onChange={(e) => props.setRecursive(e.currentTarget.checked)}
        mb={8}
      />
      <MultiSelect
        label={t(m.when)}
        data={eventOptions()}
        value={props.on}
        onChange={props.setOn}
        searchable
      />
    </>
  );
}

/**
 * Creates or edits one trigger (the events it runs on, its conditions and its actions), or with
 * `time` one time-based automation (no events: the sweep runs it; hours conditions).
 */
export function TriggerEditor(props: {
  trigger: Rule | null;
  time?: boolean;
  onSaved: (t: Rule) => void;
  onClose: () => void;
}) {
  const { trigger } = props;
  const time = props.time === true;
  const k = { kind: kindOf(time) };
  const start = trigger ?? fresh(time);
  const [name, setName] = useState(start.name);
  const [enabled, setEnabled] = useState(start.enabled !== false);
  const [recursive, setRecursive] = useState(start.recursive === true);
  const [on, setOn] = useState((start.on ?? []).map(eventKey));
  const [match, setMatch] = useState<'all' | 'any'>(start.match === 'any' ? 'any' : 'all');
  const [conditions, setConditions] = useState(start.conditions as AutomationCondition[]);
  const [actions, setActions] = useState<Action[]>(splitActions(start.actions as Action[]));
  const [hourlyLimit, setHourlyLimit] = useState<number>(start.hourlyLimit || 1000);
  const choices = useChoices();
  const body = (): TriggerBody => ({
    name: name.trim(),
    enabled,
    recursive,
    on: on.map(eventOf),
    match,
    conditions: conditions as TriggerBody['conditions'],
    actions: actions as TriggerBody['actions'],
    hourlyLimit,
  });
  const save = useAdminMutation({
    fn: () => saveRule(time, trigger?.id ?? null, body()),
    invalidate: [time ? automationsKey : triggersKey],
    success: (rule) => t(m.saved, { ...k, name: rule.name }),
    onSuccess: props.onSaved,
  });
  const title = trigger ? t(m.edit, { name: trigger.name }) : t(m.new, k);
  const why = missing(time, body());
  const setAt = <T,>(list: T[], set: (l: T[]) => void, i: number, v: T) =>
    set(list.map((x, j) => (j === i ? v : x)));
  return (
    <Card withBorder component="section" aria-label={title}>
      <Stack gap="md">
        <Title order={3} size="h4">
          {title}
        </Title>
        <Group align="flex-end" wrap="wrap">
          <TextInput
            label={t(m.name)}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            miw={240}
          />
          <Switch
            label={t(m.enabled)}
            checked={enabled}
            onChange={(e) => setEnabled(e.currentTarget.checked)}
            mb={8}
          />
        </Group>
        {time ? (
          <Text size="sm" c="dimmed">
            {t(m.timeHelp)}
          </Text>
        ) : (
          <EventFields recursive={recursive} setRecursive={setRecursive} on={on} setOn={setOn} />
        )}
        <Stack gap="xs" component="fieldset" style={{ border: 0, padding: 0, margin: 0 }}>
          <Group justify="space-between">
            <Text fw={500} size="sm" component="legend">
              {t(m.if)}
            </Text>
            <SegmentedControl
              aria-label={t(m.mustMatch)}
              size="xs"
              value={match}
              onChange={(v) => setMatch(v as 'all' | 'any')}
              data={[
                { value: 'all', label: t(m.all) },
                { value: 'any', label: t(m.any) },
              ]}
            />
          </Group>
          {conditions.length === 0 && (
            <Text size="sm" c="dimmed">
              {t(m.noConditions)}
            </Text>
          )}
          {conditions.map((c, i) => (
            <ConditionRow
              // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their place
              key={i}
              n={i + 1}
              condition={c}
              choices={choices}
              hours={time}
              onChange={(v) => setAt(conditions, setConditions, i, v)}
              onRemove={() => setConditions(conditions.filter((_, j) => j !== i))}
            />
          ))}
          <Group>
            <Button
              variant="light"
              size="xs"
              onClick={() => setConditions([...conditions, newCondition(time)])}
            >
              {t(m.addCondition)}
            </Button>
          </Group>
        </Stack>
        <Stack gap="xs">
          <Text fw={500} size="sm">
            {t(m.thenLabel)}
          </Text>
          {actions.map((a, i) => (
            <ActionRow
              // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their place
              key={i}
              n={i + 1}
              action={a}
              choices={choices}
              onChange={(v) => setAt(actions, setActions, i, v)}
              onRemove={() => setActions(actions.filter((_, j) => j !== i))}
            />
          ))}
          <Group>
            <Button
              variant="light"
              size="xs"
              onClick={() => setActions([...actions, { type: 'note', body: '' }])}
            >
              {t(m.addAction)}
            </Button>
          </Group>
          <Text size="xs" c="dimmed">
            {t(m.placeholders, {
              number: '{{ticket.number}}',
              subject: '{{ticket.subject}}',
              url: '{{ticket.url}}',
              requester: '{{requester.name}}',
            })}
          </Text>
          <NumberInput
            label={t(m.hourlyLimit)}
            min={1}
            max={100000}
            value={hourlyLimit}
            onChange={(v) => setHourlyLimit(typeof v === 'number' ? v : 1000)}
            maw={280}
          />
        </Stack>
        <DryRun time={time} match={match} conditions={conditions} />
        <Group justify="flex-end">
          {why && (
            <Text size="sm" c="dimmed">
              {why}
            </Text>
          )}
          <Button variant="default" onClick={props.onClose}>
            {t(m.close)}
          </Button>
          <Button onClick={() => save.mutate(undefined)} loading={save.isPending} disabled={why !== null}>
            {trigger ? t(m.save, k) : t(m.create, k)}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
