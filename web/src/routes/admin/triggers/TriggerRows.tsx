import { ActionIcon, Group, NumberInput, Select, Switch, Textarea, TextInput } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { defineMessages, type MessageDescriptor } from 'react-intl';
import { CHANNELS, PRIORITIES } from '../../../../../common/api';
import { type AutomationCondition, HOURS_SINCE } from '../../../../../common/automations';
import { CONDITION_FIELDS } from '../../../../../common/triggers';
import { STATUS_CATEGORIES } from '../../../../../common/workflow';
import { t } from '../../../i18n/t';
import { channelLabel, PRIORITY_INFO, STATUS_CATEGORY_INFO } from '../../../lib/format';
import type { Action } from './shared';

// One row of a rule's conditions or actions: its kind, then what that kind needs.

type Option = { value: string; label: string };
/** What the rows offer to choose from, loaded once by the editor. */
export type Choices = {
  departments: Option[];
  staff: Option[];
  statuses: Option[];
  macros: Option[];
  calendars: Option[];
  webhooks: Option[];
};

/** Names a part of a numbered row: "Condition 2 value". */
type At = (part: MessageDescriptor) => string;

/** Options of a select, named in the reader's language when drawn. */
const options = (list: { value: string; label: MessageDescriptor }[]): Option[] =>
  list.map((o) => ({ value: o.value, label: t(o.label) }));

const FIELD_LABELS = defineMessages({
  status: { id: 'triggers.field.status', defaultMessage: 'Status' },
  statusCategory: { id: 'triggers.field.statusCategory', defaultMessage: 'Status category' },
  priority: { id: 'triggers.field.priority', defaultMessage: 'Priority' },
  departmentId: { id: 'triggers.field.department', defaultMessage: 'Department' },
  assigneeId: { id: 'triggers.field.assignee', defaultMessage: 'Assignee' },
  requesterId: { id: 'triggers.field.requester', defaultMessage: 'Requester (user id)' },
  organisationId: { id: 'triggers.field.organisation', defaultMessage: 'Organisation (id)' },
  type: { id: 'triggers.field.type', defaultMessage: 'Ticket type' },
  channel: { id: 'triggers.field.channel', defaultMessage: 'Channel' },
  subject: { id: 'triggers.field.subject', defaultMessage: 'Subject' },
}) satisfies Record<(typeof CONDITION_FIELDS)[number], MessageDescriptor>;

const OPS = [
  { value: 'is', label: { id: 'triggers.op.is', defaultMessage: 'is' } },
  { value: 'isNot', label: { id: 'triggers.op.isNot', defaultMessage: 'is not' } },
  { value: 'contains', label: { id: 'triggers.op.contains', defaultMessage: 'contains' } },
  { value: 'notContains', label: { id: 'triggers.op.notContains', defaultMessage: 'does not contain' } },
];

/** The parts of a condition row, each named with the row's number. */
const C = defineMessages({
  kind: { id: 'triggers.condition.kind', defaultMessage: 'Condition {n} kind' },
  field: { id: 'triggers.condition.field', defaultMessage: 'Condition {n} field' },
  test: { id: 'triggers.condition.test', defaultMessage: 'Condition {n} test' },
  value: { id: 'triggers.condition.value', defaultMessage: 'Condition {n} value' },
  key: { id: 'triggers.condition.key', defaultMessage: 'Condition {n} field key' },
  tag: { id: 'triggers.condition.tag', defaultMessage: 'Condition {n} tag' },
  text: { id: 'triggers.condition.text', defaultMessage: 'Condition {n} text' },
  calendar: { id: 'triggers.condition.calendar', defaultMessage: 'Condition {n} calendar' },
  since: { id: 'triggers.condition.since', defaultMessage: 'Condition {n} since' },
  hours: { id: 'triggers.condition.hours', defaultMessage: 'Condition {n} hours' },
  counted: { id: 'triggers.condition.counted', defaultMessage: 'Condition {n} counted' },
  remove: { id: 'triggers.condition.remove', defaultMessage: 'Remove condition {n}' },
});

/** The parts of an action row, each named with the row's number. */
const A = defineMessages({
  kind: { id: 'triggers.action.kind', defaultMessage: 'Action {n} kind' },
  field: { id: 'triggers.action.field', defaultMessage: 'Action {n} field' },
  value: { id: 'triggers.action.value', defaultMessage: 'Action {n} value' },
  to: { id: 'triggers.action.to', defaultMessage: 'Action {n} to' },
  address: { id: 'triggers.action.address', defaultMessage: 'Action {n} address' },
  department: { id: 'triggers.action.department', defaultMessage: 'Action {n} department' },
  note: { id: 'triggers.action.note', defaultMessage: 'Action {n} note' },
  subject: { id: 'triggers.action.subject', defaultMessage: 'Action {n} subject' },
  text: { id: 'triggers.action.text', defaultMessage: 'Action {n} text' },
  macro: { id: 'triggers.action.macro', defaultMessage: 'Action {n} macro' },
  endpoint: { id: 'triggers.action.endpoint', defaultMessage: 'Action {n} endpoint' },
  remove: { id: 'triggers.action.remove', defaultMessage: 'Remove action {n}' },
});

const m = defineMessages({
  atLeast: { id: 'triggers.hours.atLeast', defaultMessage: 'at least' },
  atMost: { id: 'triggers.hours.atMost', defaultMessage: 'at most' },
  onTheClock: { id: 'triggers.hours.onTheClock', defaultMessage: 'on the clock' },
  inBusinessHours: { id: 'triggers.hours.inCalendar', defaultMessage: 'in {calendar} business hours' },
  hasTag: { id: 'triggers.tag.has', defaultMessage: 'has tag' },
  lacksTag: { id: 'triggers.tag.lacks', defaultMessage: 'lacks tag' },
  within: { id: 'triggers.businessHours.within', defaultMessage: 'Within business hours' },
  requester: { id: 'triggers.notice.requester', defaultMessage: 'Requester' },
  assignee: { id: 'triggers.notice.assignee', defaultMessage: 'Assignee' },
  address: { id: 'triggers.notice.address', defaultMessage: 'An address' },
  department: { id: 'triggers.notice.department', defaultMessage: 'A department’s staff' },
});

function valuesFor(field: string, c: Choices): Option[] | null {
  switch (field) {
    case 'status':
      return c.statuses;
    case 'statusCategory':
      return STATUS_CATEGORIES.map((s) => ({ value: s, label: STATUS_CATEGORY_INFO[s]?.label ?? s }));
    case 'priority':
      return PRIORITIES.map((p) => ({ value: p, label: PRIORITY_INFO[p].label }));
    case 'departmentId':
      return c.departments;
    case 'assigneeId':
      return c.staff;
    case 'channel':
      return CHANNELS.map((ch) => ({ value: ch, label: channelLabel(ch) }));
    default:
      return null;
  }
}

function ValueInput(props: {
  label: string;
  options: Option[] | null;
  value: string | null;
  onChange: (v: string | null) => void;
}) {
  const { label, options, value, onChange } = props;
  if (options)
    return (
      <Select
        label={label}
        data={options}
        value={value}
        onChange={onChange}
        searchable
        allowDeselect={false}
      />
    );
  return <TextInput label={label} value={value ?? ''} onChange={(e) => onChange(e.currentTarget.value)} />;
}

const CONDITION_KINDS = [
  { value: 'field', label: { id: 'triggers.conditionKind.field', defaultMessage: 'Ticket field' } },
  {
    value: 'customField',
    label: { id: 'triggers.conditionKind.customField', defaultMessage: 'Custom field' },
  },
  { value: 'tag', label: { id: 'triggers.conditionKind.tag', defaultMessage: 'Tag' } },
  {
    value: 'messageContains',
    label: { id: 'triggers.conditionKind.messageContains', defaultMessage: 'Message contains' },
  },
  {
    value: 'businessHours',
    label: { id: 'triggers.conditionKind.businessHours', defaultMessage: 'Business hours' },
  },
];
const HOURS_KIND = {
  value: 'hoursSince',
  label: { id: 'triggers.conditionKind.hoursSince', defaultMessage: 'Hours since' },
};
const SINCE_LABELS = defineMessages({
  created: { id: 'triggers.since.created', defaultMessage: 'created' },
  updated: { id: 'triggers.since.updated', defaultMessage: 'last updated' },
  statusChanged: { id: 'triggers.since.statusChanged', defaultMessage: 'status last changed' },
  lastCustomerMessage: { id: 'triggers.since.lastCustomerMessage', defaultMessage: 'last customer reply' },
  lastStaffMessage: { id: 'triggers.since.lastStaffMessage', defaultMessage: 'last staff reply' },
}) satisfies Record<(typeof HOURS_SINCE)[number], MessageDescriptor>;

function freshCondition(kind: string): AutomationCondition {
  switch (kind) {
    case 'hoursSince':
      return { type: 'hoursSince', since: 'created', op: 'gte', hours: 24 };
    case 'customField':
      return { type: 'customField', key: '', op: 'is', value: '' };
    case 'tag':
      return { type: 'tag', op: 'has', tag: '' };
    case 'messageContains':
      return { type: 'messageContains', text: '' };
    case 'businessHours':
      return { type: 'businessHours', calendarId: '24x7', within: true };
    default:
      return { type: 'field', field: 'departmentId', op: 'is', value: null };
  }
}

function Remove({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <ActionIcon variant="subtle" color="gray" aria-label={label} onClick={onClick} mb={4}>
      <IconTrash size={16} aria-hidden />
    </ActionIcon>
  );
}

/** Hours since something, on the clock or in a calendar's business hours. */
function HoursFields(props: {
  at: At;
  c: Extract<AutomationCondition, { type: 'hoursSince' }>;
  choices: Choices;
  onChange: (c: AutomationCondition) => void;
}) {
  const { at, c, choices, onChange } = props;
  return (
    <>
      <Select
        label={at(C.since)}
        data={HOURS_SINCE.map((v) => ({ value: v, label: t(SINCE_LABELS[v]) }))}
        value={c.since}
        allowDeselect={false}
        onChange={(v) => v && onChange({ ...c, since: v as typeof c.since })}
      />
      <Select
        label={at(C.test)}
        data={[
          { value: 'gte', label: t(m.atLeast) },
          { value: 'lte', label: t(m.atMost) },
        ]}
        value={c.op}
        allowDeselect={false}
        onChange={(v) => v && onChange({ ...c, op: v as typeof c.op })}
      />
      <NumberInput
        label={at(C.hours)}
        min={0}
        max={100000}
        value={c.hours}
        onChange={(v) => onChange({ ...c, hours: typeof v === 'number' ? v : 0 })}
        maw={120}
      />
      <Select
        label={at(C.counted)}
        data={[
          { value: '', label: t(m.onTheClock) },
          ...choices.calendars.map((o) => ({ ...o, label: t(m.inBusinessHours, { calendar: o.label }) })),
        ]}
        value={c.calendarId ?? ''}
        allowDeselect={false}
        onChange={(v) => onChange({ ...c, calendarId: v ? v : undefined })}
      />
    </>
  );
}

export function ConditionRow(props: {
  n: number;
  condition: AutomationCondition;
  choices: Choices;
  /** Offer hours conditions (a time-based automation). */
  hours?: boolean;
  onChange: (c: AutomationCondition) => void;
  onRemove: () => void;
}) {
  const { n, condition: c, choices, onChange } = props;
  const at: At = (part) => t(part, { n });
  return (
    <Group align="flex-end" gap="xs" wrap="wrap">
      <Select
        label={at(C.kind)}
        data={options(props.hours ? [HOURS_KIND, ...CONDITION_KINDS] : CONDITION_KINDS)}
        value={c.type}
        allowDeselect={false}
        onChange={(v) => v && onChange(freshCondition(v))}
      />
      {c.type === 'field' && (
        <>
          <Select
            label={at(C.field)}
            data={CONDITION_FIELDS.map((f) => ({ value: f, label: t(FIELD_LABELS[f]) }))}
            value={c.field}
            allowDeselect={false}
            onChange={(v) => v && onChange({ ...c, field: v as typeof c.field, value: null })}
          />
          <Select
            label={at(C.test)}
            data={options(OPS)}
            value={c.op}
            allowDeselect={false}
            onChange={(v) => v && onChange({ ...c, op: v as typeof c.op })}
          />
          <ValueInput
            label={at(C.value)}
            options={c.op === 'is' || c.op === 'isNot' ? valuesFor(c.field, choices) : null}
            value={c.value}
            onChange={(value) => onChange({ ...c, value })}
          />
        </>
      )}
      {c.type === 'customField' && (
        <>
          <TextInput
            label={at(C.key)}
            value={c.key}
            onChange={(e) => onChange({ ...c, key: e.currentTarget.value })}
          />
          <Select
            label={at(C.test)}
            data={options(OPS)}
            value={c.op}
            allowDeselect={false}
            onChange={(v) => v && onChange({ ...c, op: v as typeof c.op })}
          />
          <TextInput
            label={at(C.value)}
            value={c.value ?? ''}
            onChange={(e) => onChange({ ...c, value: e.currentTarget.value })}
          />
        </>
      )}
      {c.type === 'tag' && (
        <>
          <Select
            label={at(C.test)}
            data={[
              { value: 'has', label: t(m.hasTag) },
              { value: 'lacks', label: t(m.lacksTag) },
            ]}
            value={c.op}
            allowDeselect={false}
            onChange={(v) => v && onChange({ ...c, op: v as typeof c.op })}
          />
          <TextInput
            label={at(C.tag)}
            value={c.tag}
            onChange={(e) => onChange({ ...c, tag: e.currentTarget.value })}
          />
        </>
      )}
      {c.type === 'messageContains' && (
        <TextInput
          label={at(C.text)}
          value={c.text}
          onChange={(e) => onChange({ ...c, text: e.currentTarget.value })}
        />
      )}
      {c.type === 'businessHours' && (
        <>
          <Select
            label={at(C.calendar)}
            data={choices.calendars}
            value={c.calendarId}
            allowDeselect={false}
            onChange={(v) => v && onChange({ ...c, calendarId: v })}
          />
          <Switch
            label={t(m.within)}
            checked={c.within}
            onChange={(e) => onChange({ ...c, within: e.currentTarget.checked })}
            mb={8}
          />
        </>
      )}
      {c.type === 'hoursSince' && <HoursFields at={at} c={c} choices={choices} onChange={onChange} />}
      <Remove label={at(C.remove)} onClick={props.onRemove} />
    </Group>
  );
}

const ACTION_KINDS = [
  { value: 'update', label: { id: 'triggers.actionKind.update', defaultMessage: 'Set a field' } },
  { value: 'note', label: { id: 'triggers.actionKind.note', defaultMessage: 'Add an internal note' } },
  { value: 'notice', label: { id: 'triggers.actionKind.notice', defaultMessage: 'Send a notice' } },
  { value: 'macro', label: { id: 'triggers.actionKind.macro', defaultMessage: 'Apply a macro' } },
  { value: 'webhook', label: { id: 'triggers.actionKind.webhook', defaultMessage: 'Call a webhook' } },
];
const SETTABLE = [
  { value: 'status', label: FIELD_LABELS.status },
  { value: 'priority', label: FIELD_LABELS.priority },
  { value: 'departmentId', label: FIELD_LABELS.departmentId },
  { value: 'assigneeId', label: FIELD_LABELS.assigneeId },
  { value: 'addTags', label: { id: 'triggers.settable.addTag', defaultMessage: 'Add tag' } },
  { value: 'removeTags', label: { id: 'triggers.settable.removeTag', defaultMessage: 'Remove tag' } },
];

function freshAction(kind: string): Action {
  switch (kind) {
    case 'note':
      return { type: 'note', body: '' };
    case 'notice':
      return { type: 'notice', to: 'requester', subject: 'About #{{ticket.number}}', body: '' };
    case 'macro':
      return { type: 'macro', macroId: '' };
    case 'webhook':
      return { type: 'webhook', endpointId: '' };
    default:
      return { type: 'update', changes: { priority: 'high' } };
  }
}

function UpdateFields(props: {
  at: At;
  action: Extract<Action, { type: 'update' }>;
  choices: Choices;
  onChange: (a: Action) => void;
}) {
  const { at, action, choices, onChange } = props;
  const [key, raw] = Object.entries(action.changes)[0] ?? ['priority', 'high'];
  const value = Array.isArray(raw) ? (raw[0] ?? '') : ((raw as string | null) ?? null);
  const set = (k: string, v: string | null) =>
    onChange({ type: 'update', changes: { [k]: k === 'addTags' || k === 'removeTags' ? [v ?? ''] : v } });
  const values = key === 'addTags' || key === 'removeTags' ? null : valuesFor(key, choices);
  return (
    <>
      <Select
        label={at(A.field)}
        data={options(SETTABLE)}
        value={key}
        allowDeselect={false}
        onChange={(k) => k && set(k, null)}
      />
      <ValueInput label={at(A.value)} options={values} value={value} onChange={(v) => set(key, v)} />
    </>
  );
}

/** Whom a notice goes to: the requester, the assignee, an address, or a department's staff. */
function NoticeRecipient(props: {
  at: At;
  a: Extract<Action, { type: 'notice' }>;
  choices: Choices;
  onChange: (a: Action) => void;
}) {
  const { at, a, choices, onChange } = props;
  return (
    <>
      <Select
        label={at(A.to)}
        data={[
          { value: 'requester', label: t(m.requester) },
          { value: 'assignee', label: t(m.assignee) },
          { value: 'address', label: t(m.address) },
          { value: 'department', label: t(m.department) },
        ]}
        value={a.to}
        allowDeselect={false}
        onChange={(v) => v && onChange({ ...a, to: v as typeof a.to })}
      />
      {a.to === 'address' && (
        <TextInput
          label={at(A.address)}
          value={a.address ?? ''}
          onChange={(e) => onChange({ ...a, address: e.currentTarget.value })}
        />
      )}
      {a.to === 'department' && (
        <Select
          label={at(A.department)}
          data={choices.departments}
          value={a.departmentId ?? null}
          onChange={(v) => onChange({ ...a, departmentId: v ?? undefined })}
        />
      )}
    </>
  );
}

export function ActionRow(props: {
  n: number;
  action: Action;
  choices: Choices;
  onChange: (a: Action) => void;
  onRemove: () => void;
}) {
  const { n, action: a, choices, onChange } = props;
  const at: At = (part) => t(part, { n });
  return (
    <Group align="flex-end" gap="xs" wrap="wrap">
      <Select
        label={at(A.kind)}
        data={options(ACTION_KINDS)}
        value={a.type}
        allowDeselect={false}
        onChange={(v) => v && onChange(freshAction(v))}
      />
      {a.type === 'update' && <UpdateFields at={at} action={a} choices={choices} onChange={onChange} />}
      {a.type === 'note' && (
        <Textarea
          label={at(A.note)}
          autosize
          minRows={1}
          miw={260}
          value={a.body}
          onChange={(e) => onChange({ ...a, body: e.currentTarget.value })}
        />
      )}
      {a.type === 'notice' && (
        <>
          <NoticeRecipient at={at} a={a} choices={choices} onChange={onChange} />
          <TextInput
            label={at(A.subject)}
            value={a.subject}
            onChange={(e) => onChange({ ...a, subject: e.currentTarget.value })}
          />
          <Textarea
            label={at(A.text)}
            autosize
            minRows={1}
            miw={260}
            value={a.body}
            onChange={(e) => onChange({ ...a, body: e.currentTarget.value })}
          />
        </>
      )}
      {a.type === 'macro' && (
        <Select
          label={at(A.macro)}
          data={choices.macros}
          value={a.macroId || null}
          onChange={(v) => onChange({ ...a, macroId: v ?? '' })}
        />
      )}
      {a.type === 'webhook' && (
        <Select
          label={at(A.endpoint)}
          data={choices.webhooks}
          value={a.endpointId || null}
          onChange={(v) => onChange({ ...a, endpointId: v ?? '' })}
        />
      )}
      <Remove label={at(A.remove)} onClick={props.onRemove} />
    </Group>
  );
}
