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
import type { TriggerCondition } from '../../../../../common/triggers';
import { get, send } from '../../../api/client';
import { useDepartments, useStaff, useStaffWorkflow } from '../../../api/hooks';
import { useAdminMutation } from '../../../components/admin';
import { ticketRef } from '../../../lib/format';
import { calendarsKey } from '../calendars/shared';
import {
  type Action,
  EVENT_OPTIONS,
  eventKey,
  eventOf,
  NEW_TRIGGER,
  newCondition,
  splitActions,
  type Trigger,
  type TriggerBody,
  triggersKey,
} from './shared';
import { ActionRow, type Choices, ConditionRow } from './TriggerRows';

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
  return {
    departments: (departments.data ?? []).map((d) => ({ value: d.id, label: d.name })),
    staff: (staff.data ?? []).map((u) => ({ value: u.id, label: u.name })),
    statuses: (workflow.data?.statuses ?? []).map((s) => ({ value: s.key, label: s.staffLabel })),
    macros: (macros.data ?? []).map((m) => ({ value: m.id, label: m.title })),
    calendars: (calendars.data ?? []).map((c) => ({ value: c.id, label: c.name })),
  };
}

function DryRun({ match, conditions }: { match: 'all' | 'any'; conditions: TriggerCondition[] }) {
  const run = useMutation({
    mutationFn: () => send('POST /triggers/dry-run', { body: { match, conditions } }),
  });
  return (
    <Stack gap={4}>
      <Group>
        <Button variant="default" onClick={() => run.mutate()} loading={run.isPending}>
          Dry run
        </Button>
        <Text size="xs" c="dimmed">
          Which of the latest 200 tickets the conditions match now; nothing is changed.
        </Text>
      </Group>
      {run.error && (
        <Text size="sm" c="red">
          {run.error.message}
        </Text>
      )}
      {run.data && (
        <Text size="sm" role="status">
          Matches {run.data.matches.length} of the latest {run.data.checked} tickets
          {run.data.matches.length > 0 &&
            `: ${run.data.matches
              .slice(0, 20)
              .map((m) => ticketRef(m.number))
              .join(', ')}`}
        </Text>
      )}
    </Stack>
  );
}

/** Creates or edits one trigger: the events it runs on, its conditions and its actions. */
export function TriggerEditor(props: {
  trigger: Trigger | null;
  onSaved: (t: Trigger) => void;
  onClose: () => void;
}) {
  const { trigger } = props;
  const start = trigger ?? NEW_TRIGGER;
  const [name, setName] = useState(start.name);
  const [enabled, setEnabled] = useState(start.enabled ?? true);
  const [recursive, setRecursive] = useState(start.recursive ?? false);
  const [on, setOn] = useState((start.on ?? []).map(eventKey));
  const [match, setMatch] = useState<'all' | 'any'>(start.match ?? 'all');
  const [conditions, setConditions] = useState<TriggerCondition[]>(start.conditions ?? []);
  const [actions, setActions] = useState<Action[]>(splitActions((start.actions ?? []) as Action[]));
  const [hourlyLimit, setHourlyLimit] = useState<number>(start.hourlyLimit ?? 1000);
  const choices = useChoices();
  const body = (): TriggerBody => ({
    name: name.trim(),
    enabled,
    recursive,
    on: on.map(eventOf),
    match,
    conditions,
    actions: actions as TriggerBody['actions'],
    hourlyLimit,
  });
  const save = useAdminMutation({
    fn: () =>
      trigger
        ? send('PUT /triggers/:id', { params: { id: trigger.id }, body: body() })
        : send('POST /triggers', { body: body() }),
    invalidate: [triggersKey],
    success: (t) => `Trigger “${t.name}” saved`,
    onSuccess: props.onSaved,
  });
  const title = trigger ? `Edit ${trigger.name}` : 'New trigger';
  const why =
    name.trim() === ''
      ? 'Give the trigger a name.'
      : on.length === 0
        ? 'Choose at least one event.'
        : actions.length === 0
          ? 'Add at least one action.'
          : null;
  const setAt = <T,>(list: T[], set: (l: T[]) => void, i: number, v: T) =>
    set(list.map((x, j) => (j === i ? v : x)));
  return (
    <Card withBorder component="section" aria-label={title}>
      <Stack gap="md">
        <Title order={3} size="h4">
          {title}
        </Title>
        <Group align="flex-end" wrap="wrap">
          <TextInput label="Name" value={name} onChange={(e) => setName(e.currentTarget.value)} miw={240} />
          <Switch
            label="Enabled"
            checked={enabled}
            onChange={(e) => setEnabled(e.currentTarget.checked)}
            mb={8}
          />
          <Switch
            label="Its changes trigger rules (recursion, at most 10 deep)"
            checked={recursive}
            onChange={(e) => setRecursive(e.currentTarget.checked)}
            mb={8}
          />
        </Group>
        <MultiSelect label="When" data={EVENT_OPTIONS} value={on} onChange={setOn} searchable />
        <Stack gap="xs" component="fieldset" style={{ border: 0, padding: 0, margin: 0 }}>
          <Group justify="space-between">
            <Text fw={500} size="sm" component="legend">
              If
            </Text>
            <SegmentedControl
              aria-label="Conditions must match"
              size="xs"
              value={match}
              onChange={(v) => setMatch(v as 'all' | 'any')}
              data={[
                { value: 'all', label: 'All conditions' },
                { value: 'any', label: 'Any condition' },
              ]}
            />
          </Group>
          {conditions.length === 0 && (
            <Text size="sm" c="dimmed">
              No conditions: every ticket of the event.
            </Text>
          )}
          {conditions.map((c, i) => (
            <ConditionRow
              // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their place
              key={i}
              n={i + 1}
              condition={c}
              choices={choices}
              onChange={(v) => setAt(conditions, setConditions, i, v)}
              onRemove={() => setConditions(conditions.filter((_, j) => j !== i))}
            />
          ))}
          <Group>
            <Button variant="light" size="xs" onClick={() => setConditions([...conditions, newCondition()])}>
              Add condition
            </Button>
          </Group>
        </Stack>
        <Stack gap="xs">
          <Text fw={500} size="sm">
            Then
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
              Add action
            </Button>
          </Group>
          <Text size="xs" c="dimmed">
            Notes and notices may use {'{{ticket.number}}'}, {'{{ticket.subject}}'}, {'{{ticket.url}}'} and{' '}
            {'{{requester.name}}'}. A rule makes at most 10 per ticket per hour.
          </Text>
          <NumberInput
            label="Messages per hour over all tickets"
            min={1}
            max={100000}
            value={hourlyLimit}
            onChange={(v) => setHourlyLimit(typeof v === 'number' ? v : 1000)}
            maw={280}
          />
        </Stack>
        <DryRun match={match} conditions={conditions} />
        <Group justify="flex-end">
          {why && (
            <Text size="sm" c="dimmed">
              {why}
            </Text>
          )}
          <Button variant="default" onClick={props.onClose}>
            Close
          </Button>
          <Button onClick={() => save.mutate(undefined)} loading={save.isPending} disabled={why !== null}>
            {trigger ? 'Save trigger' : 'Create trigger'}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
