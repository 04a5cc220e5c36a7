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
import { defineMessages } from 'react-intl';
import { CHANNELS, PRIORITIES } from '../../../../../common/api';
import {
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
import { t } from '../../../i18n/t';
import { channelLabel, STATUS_CATEGORY_INFO } from '../../../lib/format';
import { calendarsKey } from '../calendars/shared';
import { servicesKey } from '../plans/shared';
import { PolicyPreview } from './PolicyPreview';
import {
  type Cell,
  type Grid,
  gridOf,
  metricLabel,
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

const m = defineMessages({
  saved: { id: 'sla.editor.saved', defaultMessage: 'Policy “{name}” saved' },
  edit: { id: 'sla.editor.edit', defaultMessage: 'Edit {name}' },
  new: { id: 'sla.editor.new', defaultMessage: 'New policy' },
  needName: { id: 'sla.editor.needName', defaultMessage: 'Give the policy a name.' },
  needCalendar: { id: 'sla.editor.needCalendar', defaultMessage: 'Choose a calendar.' },
  needTarget: { id: 'sla.editor.needTarget', defaultMessage: 'Give at least one target.' },
  name: { id: 'sla.editor.name', defaultMessage: 'Name' },
  calendar: { id: 'sla.editor.calendar', defaultMessage: 'Calendar' },
  chooseCalendar: { id: 'sla.editor.chooseCalendar', defaultMessage: 'Choose a calendar' },
  enabled: { id: 'sla.editor.enabled', defaultMessage: 'Enabled' },
  outsideHours: {
    id: 'sla.editor.outsideHours',
    defaultMessage: 'Announce warnings and breaches outside business hours',
  },
  outsideHoursHint: {
    id: 'sla.editor.outsideHours.description',
    defaultMessage: 'Otherwise they are announced when business hours next begin.',
  },
  close: { id: 'sla.editor.close', defaultMessage: 'Close' },
  save: { id: 'sla.editor.save', defaultMessage: 'Save' },
  create: { id: 'sla.editor.create', defaultMessage: 'Create policy' },
  any: { id: 'sla.conditions.any', defaultMessage: 'Any' },
  conditions: { id: 'sla.conditions.group', defaultMessage: 'Conditions' },
  appliesTo: { id: 'sla.conditions.title', defaultMessage: 'Applies to' },
  conditionsHelp: {
    id: 'sla.conditions.help',
    defaultMessage:
      'Tickets that meet every condition given; leave a condition empty to match any ticket. The first enabled policy in the list that matches a ticket applies to it.',
  },
  priorities: { id: 'sla.conditions.priorities', defaultMessage: 'Priorities' },
  departments: { id: 'sla.conditions.departments', defaultMessage: 'Departments' },
  types: { id: 'sla.conditions.types', defaultMessage: 'Ticket types' },
  organisations: { id: 'sla.conditions.organisations', defaultMessage: 'Organisations' },
  channels: { id: 'sla.conditions.channels', defaultMessage: 'Channels' },
  services: { id: 'sla.conditions.services', defaultMessage: 'Services' },
  tags: { id: 'sla.conditions.tags', defaultMessage: 'Tags' },
  tagsHint: {
    id: 'sla.conditions.tags.description',
    defaultMessage: 'Comma-separated; the ticket has at least one',
  },
  pauses: { id: 'sla.pauses.group', defaultMessage: 'Pauses' },
  pauseTitle: { id: 'sla.pauses.title', defaultMessage: 'Pause the clock while the ticket is' },
  pauseHelp: {
    id: 'sla.pauses.help',
    defaultMessage: 'Every clock stops while a ticket is solved or closed.',
  },
  pauseMetric: {
    id: 'sla.pauses.metric',
    defaultMessage:
      'Pause {metric, select, firstReply {first reply} nextReply {next reply} other {resolution}}',
  },
  pauseWhile: {
    id: 'sla.pauses.while',
    defaultMessage:
      'Pause {metric, select, firstReply {first reply} nextReply {next reply} other {resolution}} while {category, select, new {new} open {open} pending {pending} other {on hold}}',
  },
  warning: { id: 'sla.warning.group', defaultMessage: 'Warning' },
  warningTitle: { id: 'sla.warning.title', defaultMessage: 'Warn before a breach' },
  warn: { id: 'sla.warning.kind', defaultMessage: 'Warn' },
  atShare: { id: 'sla.warning.percent', defaultMessage: 'At a share' },
  minutesBefore: { id: 'sla.warning.minutesBefore', defaultMessage: 'Minutes before' },
  never: { id: 'sla.warning.never', defaultMessage: 'Never' },
  percentLabel: { id: 'sla.warning.percent.label', defaultMessage: 'Percent of target' },
  minutesLabel: { id: 'sla.warning.minutesBefore.label', defaultMessage: 'Minutes before due' },
});

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
      ...new Set(tags.split(',').map((tag) => tag.trim().replace(/\s+/g, ' ').toLowerCase())),
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
    success: (p) => t(m.saved, { name: p.name }),
    onSuccess: onSaved,
  });

  const title = policy ? t(m.edit, { name: policy.name }) : t(m.new);
  const why =
    name.trim() === ''
      ? t(m.needName)
      : calendarId === ''
        ? t(m.needCalendar)
        : (problem ?? (targets.length === 0 ? t(m.needTarget) : null));
  return (
    <Card withBorder component="section" aria-label={title}>
      <Stack gap="md">
        <Title order={3} size="h4">
          {title}
        </Title>
        <Group grow align="flex-start" wrap="wrap">
          <TextInput
            label={t(m.name)}
            required
            maxLength={100}
            miw={200}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
          />
          <Select
            label={t(m.calendar)}
            required
            miw={200}
            placeholder={t(m.chooseCalendar)}
            data={(calendars.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
            value={calendarId || null}
            onChange={(v) => v && setCalendarId(v)}
            allowDeselect={false}
          />
        </Group>
        <Switch
          label={t(m.enabled)}
          checked={enabled}
          onChange={(e) => setEnabled(e.currentTarget.checked)}
        />
        <Conditions conditions={conditions} setConditions={setConditions} tags={tags} setTags={setTags} />
        <TargetsGrid
          grid={grid}
          onChange={(key: string, cell: Cell) => setGrid((g) => ({ ...g, [key]: cell }))}
        />
        <PauseSettings pauseOn={pauseOn} setPauseOn={setPauseOn} />
        <WarningSetting warning={warning} setWarning={setWarning} />
        <Checkbox
          label={t(m.outsideHours)}
          description={t(m.outsideHoursHint)}
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
            {t(m.close)}
          </Button>
          <Button loading={save.isPending} disabled={why !== null} onClick={() => save.mutate(undefined)}>
            {policy ? t(m.save) : t(m.create)}
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
      placeholder={(conditions[key] ?? []).length ? undefined : t(m.any)}
      searchable
      clearable
      data={data}
      value={conditions[key] ?? []}
      onChange={(v) => setConditions((c) => ({ ...c, [key]: v }))}
    />
  );
  return (
    <Stack gap="xs" role="group" aria-label={t(m.conditions)}>
      <Text fw={500} size="sm">
        {t(m.appliesTo)}
      </Text>
      <Text size="xs" c="dimmed">
        {t(m.conditionsHelp)}
      </Text>
      <Checkbox.Group
        label={t(m.priorities)}
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
          t(m.departments),
          (departments.data ?? []).map((d) => ({ value: d.id, label: d.name })),
        )}
        {list(
          'types',
          t(m.types),
          (types.data ?? []).map((x) => ({ value: x.key, label: x.name })),
        )}
        {list(
          'organisationIds',
          t(m.organisations),
          (organisations.data ?? []).map((o) => ({ value: o.id, label: o.name })),
        )}
        {list(
          'channels',
          t(m.channels),
          CHANNELS.map((ch) => ({ value: ch, label: channelLabel(ch) })),
        )}
        {(services.data?.length ?? 0) > 0 &&
          list(
            'serviceIds',
            t(m.services),
            (services.data ?? []).map((s) => ({ value: s.id, label: s.name })),
          )}
        <TextInput
          label={t(m.tags)}
          description={t(m.tagsHint)}
          placeholder={t(m.any)}
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
    <Stack gap="xs" role="group" aria-label={t(m.pauses)}>
      <Text fw={500} size="sm">
        {t(m.pauseTitle)}
      </Text>
      <Text size="xs" c="dimmed">
        {t(m.pauseHelp)}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        {SLA_METRICS.map((metric) => (
          <Stack key={metric} gap={6} role="group" aria-label={t(m.pauseMetric, { metric })}>
            <Text size="xs" fw={600} c="dimmed">
              {metricLabel(metric)}
            </Text>
            {PAUSABLE.map((cat) => (
              <Checkbox
                key={cat}
                label={STATUS_CATEGORY_INFO[cat]?.label ?? cat}
                aria-label={t(m.pauseWhile, { metric, category: cat })}
                checked={(pauseOn[metric] as string[]).includes(cat)}
                onChange={(e) => toggle(metric, cat, e.currentTarget.checked)}
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
    <Stack gap="xs" role="group" aria-label={t(m.warning)}>
      <Text fw={500} size="sm">
        {t(m.warningTitle)}
      </Text>
      <Group gap="sm" align="flex-end" wrap="wrap">
        <SegmentedControl
          size="xs"
          aria-label={t(m.warn)}
          value={kind}
          onChange={(v) => choose(v as WarningKind)}
          data={[
            { value: 'percent', label: t(m.atShare) },
            { value: 'minutesBefore', label: t(m.minutesBefore) },
            { value: 'none', label: t(m.never) },
          ]}
        />
        {warning && 'percent' in warning && (
          <NumberInput
            size="xs"
            w={150}
            label={t(m.percentLabel)}
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
            label={t(m.minutesLabel)}
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
