import { ActionIcon, Group, Select, Switch, Textarea, TextInput } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { CHANNELS, PRIORITIES } from '../../../../../common/api';
import { CONDITION_FIELDS, type TriggerCondition } from '../../../../../common/triggers';
import { STATUS_CATEGORIES } from '../../../../../common/workflow';
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
};

const FIELD_LABELS: Record<(typeof CONDITION_FIELDS)[number], string> = {
  status: 'Status',
  statusCategory: 'Status category',
  priority: 'Priority',
  departmentId: 'Department',
  assigneeId: 'Assignee',
  requesterId: 'Requester (user id)',
  organisationId: 'Organisation (id)',
  type: 'Ticket type',
  channel: 'Channel',
  subject: 'Subject',
};
const OPS = [
  { value: 'is', label: 'is' },
  { value: 'isNot', label: 'is not' },
  { value: 'contains', label: 'contains' },
  { value: 'notContains', label: 'does not contain' },
];
const PRIORITY_OPTIONS = PRIORITIES.map((p) => ({ value: p, label: PRIORITY_INFO[p].label }));

function valuesFor(field: string, c: Choices): Option[] | null {
  switch (field) {
    case 'status':
      return c.statuses;
    case 'statusCategory':
      return STATUS_CATEGORIES.map((s) => ({ value: s, label: STATUS_CATEGORY_INFO[s]?.label ?? s }));
    case 'priority':
      return PRIORITY_OPTIONS;
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
  { value: 'field', label: 'Ticket field' },
  { value: 'customField', label: 'Custom field' },
  { value: 'tag', label: 'Tag' },
  { value: 'messageContains', label: 'Message contains' },
  { value: 'businessHours', label: 'Business hours' },
];

function freshCondition(kind: string): TriggerCondition {
  switch (kind) {
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

export function ConditionRow(props: {
  n: number;
  condition: TriggerCondition;
  choices: Choices;
  onChange: (c: TriggerCondition) => void;
  onRemove: () => void;
}) {
  const { n, condition: c, choices, onChange } = props;
  const at = `Condition ${n}`;
  return (
    <Group align="flex-end" gap="xs" wrap="wrap">
      <Select
        label={`${at} kind`}
        data={CONDITION_KINDS}
        value={c.type}
        allowDeselect={false}
        onChange={(v) => v && onChange(freshCondition(v))}
      />
      {c.type === 'field' && (
        <>
          <Select
            label={`${at} field`}
            data={CONDITION_FIELDS.map((f) => ({ value: f, label: FIELD_LABELS[f] }))}
            value={c.field}
            allowDeselect={false}
            onChange={(v) => v && onChange({ ...c, field: v as typeof c.field, value: null })}
          />
          <Select
            label={`${at} test`}
            data={OPS}
            value={c.op}
            allowDeselect={false}
            onChange={(v) => v && onChange({ ...c, op: v as typeof c.op })}
          />
          <ValueInput
            label={`${at} value`}
            options={c.op === 'is' || c.op === 'isNot' ? valuesFor(c.field, choices) : null}
            value={c.value}
            onChange={(value) => onChange({ ...c, value })}
          />
        </>
      )}
      {c.type === 'customField' && (
        <>
          <TextInput
            label={`${at} field key`}
            value={c.key}
            onChange={(e) => onChange({ ...c, key: e.currentTarget.value })}
          />
          <Select
            label={`${at} test`}
            data={OPS}
            value={c.op}
            allowDeselect={false}
            onChange={(v) => v && onChange({ ...c, op: v as typeof c.op })}
          />
          <TextInput
            label={`${at} value`}
            value={c.value ?? ''}
            onChange={(e) => onChange({ ...c, value: e.currentTarget.value })}
          />
        </>
      )}
      {c.type === 'tag' && (
        <>
          <Select
            label={`${at} test`}
            data={[
              { value: 'has', label: 'has tag' },
              { value: 'lacks', label: 'lacks tag' },
            ]}
            value={c.op}
            allowDeselect={false}
            onChange={(v) => v && onChange({ ...c, op: v as typeof c.op })}
          />
          <TextInput
            label={`${at} tag`}
            value={c.tag}
            onChange={(e) => onChange({ ...c, tag: e.currentTarget.value })}
          />
        </>
      )}
      {c.type === 'messageContains' && (
        <TextInput
          label={`${at} text`}
          value={c.text}
          onChange={(e) => onChange({ ...c, text: e.currentTarget.value })}
        />
      )}
      {c.type === 'businessHours' && (
        <>
          <Select
            label={`${at} calendar`}
            data={choices.calendars}
            value={c.calendarId}
            allowDeselect={false}
            onChange={(v) => v && onChange({ ...c, calendarId: v })}
          />
          <Switch
            label="Within business hours"
            checked={c.within}
            onChange={(e) => onChange({ ...c, within: e.currentTarget.checked })}
            mb={8}
          />
        </>
      )}
      <Remove label={`Remove condition ${n}`} onClick={props.onRemove} />
    </Group>
  );
}

const ACTION_KINDS = [
  { value: 'update', label: 'Set a field' },
  { value: 'note', label: 'Add an internal note' },
  { value: 'notice', label: 'Send a notice' },
  { value: 'macro', label: 'Apply a macro' },
];
const SETTABLE = [
  { value: 'status', label: 'Status' },
  { value: 'priority', label: 'Priority' },
  { value: 'departmentId', label: 'Department' },
  { value: 'assigneeId', label: 'Assignee' },
  { value: 'addTags', label: 'Add tag' },
  { value: 'removeTags', label: 'Remove tag' },
];

function freshAction(kind: string): Action {
  switch (kind) {
    case 'note':
      return { type: 'note', body: '' };
    case 'notice':
      return { type: 'notice', to: 'requester', subject: 'About #{{ticket.number}}', body: '' };
    case 'macro':
      return { type: 'macro', macroId: '' };
    default:
      return { type: 'update', changes: { priority: 'high' } };
  }
}

function UpdateFields(props: {
  at: string;
  action: Extract<Action, { type: 'update' }>;
  choices: Choices;
  onChange: (a: Action) => void;
}) {
  const { at, action, choices, onChange } = props;
  const [key, raw] = Object.entries(action.changes)[0] ?? ['priority', 'high'];
  const value = Array.isArray(raw) ? (raw[0] ?? '') : ((raw as string | null) ?? null);
  const set = (k: string, v: string | null) =>
    onChange({ type: 'update', changes: { [k]: k === 'addTags' || k === 'removeTags' ? [v ?? ''] : v } });
  const options = key === 'addTags' || key === 'removeTags' ? null : valuesFor(key, choices);
  return (
    <>
      <Select
        label={`${at} field`}
        data={SETTABLE}
        value={key}
        allowDeselect={false}
        onChange={(k) => k && set(k, null)}
      />
      <ValueInput label={`${at} value`} options={options} value={value} onChange={(v) => set(key, v)} />
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
  const at = `Action ${n}`;
  return (
    <Group align="flex-end" gap="xs" wrap="wrap">
      <Select
        label={`${at} kind`}
        data={ACTION_KINDS}
        value={a.type}
        allowDeselect={false}
        onChange={(v) => v && onChange(freshAction(v))}
      />
      {a.type === 'update' && <UpdateFields at={at} action={a} choices={choices} onChange={onChange} />}
      {a.type === 'note' && (
        <Textarea
          label={`${at} note`}
          autosize
          minRows={1}
          miw={260}
          value={a.body}
          onChange={(e) => onChange({ ...a, body: e.currentTarget.value })}
        />
      )}
      {a.type === 'notice' && (
        <>
          <Select
            label={`${at} to`}
            data={[
              { value: 'requester', label: 'Requester' },
              { value: 'assignee', label: 'Assignee' },
              { value: 'address', label: 'An address' },
            ]}
            value={a.to}
            allowDeselect={false}
            onChange={(v) => v && onChange({ ...a, to: v as typeof a.to })}
          />
          {a.to === 'address' && (
            <TextInput
              label={`${at} address`}
              value={a.address ?? ''}
              onChange={(e) => onChange({ ...a, address: e.currentTarget.value })}
            />
          )}
          <TextInput
            label={`${at} subject`}
            value={a.subject}
            onChange={(e) => onChange({ ...a, subject: e.currentTarget.value })}
          />
          <Textarea
            label={`${at} text`}
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
          label={`${at} macro`}
          data={choices.macros}
          value={a.macroId || null}
          onChange={(v) => onChange({ ...a, macroId: v ?? '' })}
        />
      )}
      <Remove label={`Remove action ${n}`} onClick={props.onRemove} />
    </Group>
  );
}
