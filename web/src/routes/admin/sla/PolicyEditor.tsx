import {
  Button,
  Card,
  Checkbox,
  Group,
  MultiSelect,
  NumberInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { CHANNELS, PRIORITIES } from '../../../../../common/api';
import {
  SLA_METRIC_LABELS,
  SLA_METRICS,
  type SlaConditions,
  type SlaMetric,
  type SlaPauseOn,
  type SlaWarning,
} from '../../../../../common/sla';
import { get, send } from '../../../api/client';
import { useDepartments, useOrganisations } from '../../../api/hooks';
import { useAdminMutation } from '../../../components/admin';
import { useTicketTypes } from '../../../components/IntakeFields';
import { channelLabel, STATUS_CATEGORY_INFO } from '../../../lib/format';
import { calendarsKey } from '../calendars/shared';
import { servicesKey } from '../plans/shared';
import { PolicyPreview } from './PolicyPreview';
import {
  type Cell,
  type Grid,
  gridOf,
  NEW_POLICY,
  type Policy,
  type PolicyBody,
  PRIORITY_LEVELS,
  slaPoliciesKey,
  targetsOf,
  type WarningKind,
  warningKind,
} from './shared';
import { TargetsGrid } from './TargetsGrid';

/** The categories a clock may pause in; solved and closed stop every clock anyway. */
const PAUSABLE = ['new', 'open', 'pending', 'on_hold'] as const;

/** Creates or edits one policy: what it applies to, its calendar, targets, pauses and warning. */
export function PolicyEditor({
  policy,
  onSaved,
  onClose,
}: {
  policy: Policy | null;
  onSaved: (p: Policy) => void;
  onClose: () => void;
}) {
  const start = policy ?? NEW_POLICY;
  const [name, setName] = useState(start.name);
  const [enabled, setEnabled] = useState(start.enabled);
  const [calendarId, setCalendarId] = useState(start.calendarId);
  const [conditions, setConditions] = useState<SlaConditions>(start.conditions);
  const [tags, setTags] = useState((start.conditions.tags ?? []).join(', '));
  const [grid, setGrid] = useState<Grid>(() => gridOf(start.targets));
  const [pauseOn, setPauseOn] = useState<SlaPauseOn>(start.pauseOn);
  const [warning, setWarning] = useState<SlaWarning | null>(start.warning);
  const [notifyOutsideHours, setNotifyOutsideHours] = useState(start.notifyOutsideHours);

  const calendars = useQuery({
    queryKey: calendarsKey,
    queryFn: async () => (await get('/calendars')).items,
  });
  const { targets, problem } = targetsOf(grid);
  const body = (): PolicyBody => {
    const tagList = [
      ...new Set(tags.split(',').map((t) => t.trim().replace(/\s+/g, ' ').toLowerCase())),
    ].filter(Boolean);
    return {
      name: name.trim(),
      enabled,
      calendarId,
      conditions: { ...conditions, tags: tagList },
      targets,
      pauseOn,
      warning,
      notifyOutsideHours,
    };
  };
  const save = useAdminMutation({
    fn: () =>
      policy
        ? send('PATCH /sla/policies/:id', { params: { id: policy.id }, body: body() })
        : send('POST /sla/policies', { body: body() }),
    invalidate: [slaPoliciesKey],
    success: (p) => `Policy “${p.name}” saved`,
    onSuccess: onSaved,
  });

  const title = policy ? `Edit ${policy.name}` : 'New policy';
  const why =
    name.trim() === ''
      ? 'Give the policy a name.'
      : calendarId === ''
        ? 'Choose a calendar.'
        : (problem ?? (targets.length === 0 ? 'Give at least one target.' : null));
  return (
    <Card withBorder component="section" aria-label={title}>
      <Stack gap="md">
        <Title order={3} size="h4">
          {title}
        </Title>
        <Group grow align="flex-start" wrap="wrap">
          <TextInput
            label="Name"
            required
            maxLength={100}
            miw={200}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
          />
          <Select
            label="Calendar"
            required
            miw={200}
            placeholder="Choose a calendar"
            data={(calendars.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
            value={calendarId || null}
            onChange={(v) => v && setCalendarId(v)}
            allowDeselect={false}
          />
        </Group>
        <Switch label="Enabled" checked={enabled} onChange={(e) => setEnabled(e.currentTarget.checked)} />
        <Conditions conditions={conditions} setConditions={setConditions} tags={tags} setTags={setTags} />
        <TargetsGrid
          grid={grid}
          onChange={(key: string, cell: Cell) => setGrid((g) => ({ ...g, [key]: cell }))}
        />
        <PauseSettings pauseOn={pauseOn} setPauseOn={setPauseOn} />
        <WarningSetting warning={warning} setWarning={setWarning} />
        <Checkbox
          label="Announce warnings and breaches outside business hours"
          description="Otherwise they are announced when business hours next begin."
          checked={notifyOutsideHours}
          onChange={(e) => setNotifyOutsideHours(e.currentTarget.checked)}
        />
        <PolicyPreview body={body} disabled={why !== null} />
        {why && (
          <Text size="sm" c={problem ? 'red' : 'dimmed'}>
            {why}
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Close
          </Button>
          <Button loading={save.isPending} disabled={why !== null} onClick={() => save.mutate(undefined)}>
            {policy ? 'Save' : 'Create policy'}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

type ListKey = Exclude<keyof SlaConditions, 'priorities' | 'tags'>;

/** Which tickets the policy applies to: every list left empty matches any ticket. */
function Conditions({
  conditions,
  setConditions,
  tags,
  setTags,
}: {
  conditions: SlaConditions;
  setConditions: (f: (c: SlaConditions) => SlaConditions) => void;
  tags: string;
  setTags: (t: string) => void;
}) {
  const departments = useDepartments();
  const organisations = useOrganisations();
  const types = useTicketTypes();
  const services = useQuery({ queryKey: servicesKey, queryFn: async () => (await get('/services')).items });
  const list = (key: ListKey, label: string, data: { value: string; label: string }[]) => (
    <MultiSelect
      label={label}
      placeholder={(conditions[key] ?? []).length ? undefined : 'Any'}
      searchable
      clearable
      data={data}
      value={conditions[key] ?? []}
      onChange={(v) => setConditions((c) => ({ ...c, [key]: v }))}
    />
  );
  return (
    <Stack gap="xs" role="group" aria-label="Conditions">
      <Text fw={500} size="sm">
        Applies to
      </Text>
      <Text size="xs" c="dimmed">
        Tickets that meet every condition given; leave a condition empty to match any ticket. The first
        enabled policy in the list that matches a ticket applies to it.
      </Text>
      <Checkbox.Group
        label="Priorities"
        value={conditions.priorities ?? []}
        onChange={(v) =>
          setConditions((c) => ({ ...c, priorities: PRIORITIES.filter((p) => v.includes(p)) }))
        }
      >
        <Group gap="md" mt={4}>
          {PRIORITY_LEVELS.map((p) => (
            <Checkbox key={p.level} value={p.level} label={p.label} />
          ))}
        </Group>
      </Checkbox.Group>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        {list(
          'departmentIds',
          'Departments',
          (departments.data ?? []).map((d) => ({ value: d.id, label: d.name })),
        )}
        {list(
          'types',
          'Ticket types',
          (types.data ?? []).map((t) => ({ value: t.key, label: t.name })),
        )}
        {list(
          'organisationIds',
          'Organisations',
          (organisations.data ?? []).map((o) => ({ value: o.id, label: o.name })),
        )}
        {list(
          'channels',
          'Channels',
          CHANNELS.map((ch) => ({ value: ch, label: channelLabel(ch) })),
        )}
        {(services.data?.length ?? 0) > 0 &&
          list(
            'serviceIds',
            'Services',
            (services.data ?? []).map((s) => ({ value: s.id, label: s.name })),
          )}
        <TextInput
          label="Tags"
          description="Comma-separated; the ticket has at least one"
          placeholder="Any"
          value={tags}
          onChange={(e) => setTags(e.currentTarget.value)}
        />
      </SimpleGrid>
    </Stack>
  );
}

/** Per metric, the status categories its clock stands still in. */
function PauseSettings({
  pauseOn,
  setPauseOn,
}: {
  pauseOn: SlaPauseOn;
  setPauseOn: (f: (p: SlaPauseOn) => SlaPauseOn) => void;
}) {
  const toggle = (metric: SlaMetric, category: string, on: boolean) =>
    setPauseOn((p) => ({
      ...p,
      [metric]: on ? [...p[metric], category] : p[metric].filter((c) => c !== category),
    }));
  return (
    <Stack gap="xs" role="group" aria-label="Pauses">
      <Text fw={500} size="sm">
        Pause the clock while the ticket is
      </Text>
      <Text size="xs" c="dimmed">
        Every clock stops while a ticket is solved or closed.
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        {SLA_METRICS.map((m) => (
          <Stack key={m} gap={6} role="group" aria-label={`Pause ${SLA_METRIC_LABELS[m].toLowerCase()}`}>
            <Text size="xs" fw={600} c="dimmed">
              {SLA_METRIC_LABELS[m]}
            </Text>
            {PAUSABLE.map((cat) => (
              <Checkbox
                key={cat}
                label={STATUS_CATEGORY_INFO[cat]?.label ?? cat}
                aria-label={`Pause ${SLA_METRIC_LABELS[m].toLowerCase()} while ${STATUS_CATEGORY_INFO[cat]?.label.toLowerCase() ?? cat}`}
                checked={(pauseOn[m] as string[]).includes(cat)}
                onChange={(e) => toggle(m, cat, e.currentTarget.checked)}
              />
            ))}
          </Stack>
        ))}
      </SimpleGrid>
    </Stack>
  );
}

/** When to warn before a breach: at a share of the target, some minutes before, or not at all. */
function WarningSetting({
  warning,
  setWarning,
}: {
  warning: SlaWarning | null;
  setWarning: (w: SlaWarning | null) => void;
}) {
  const kind = warningKind(warning);
  const choose = (k: WarningKind) =>
    setWarning(k === 'none' ? null : k === 'percent' ? { percent: 80 } : { minutesBefore: 30 });
  return (
    <Stack gap="xs" role="group" aria-label="Warning">
      <Text fw={500} size="sm">
        Warn before a breach
      </Text>
      <Group gap="sm" align="flex-end" wrap="wrap">
        <SegmentedControl
          size="xs"
          aria-label="Warn"
          value={kind}
          onChange={(v) => choose(v as WarningKind)}
          data={[
            { value: 'percent', label: 'At a share' },
            { value: 'minutesBefore', label: 'Minutes before' },
            { value: 'none', label: 'Never' },
          ]}
        />
        {warning && 'percent' in warning && (
          <NumberInput
            size="xs"
            w={150}
            label="Percent of target"
            min={1}
            max={99}
            clampBehavior="strict"
            allowDecimal={false}
            value={warning.percent}
            onChange={(v) => setWarning({ percent: Number(v) || 1 })}
          />
        )}
        {warning && 'minutesBefore' in warning && (
          <NumberInput
            size="xs"
            w={150}
            label="Minutes before due"
            min={1}
            max={30 * 24 * 60}
            clampBehavior="strict"
            allowDecimal={false}
            value={warning.minutesBefore}
            onChange={(v) => setWarning({ minutesBefore: Number(v) || 1 })}
          />
        )}
      </Group>
    </Stack>
  );
}
