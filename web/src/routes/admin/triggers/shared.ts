import { defineMessages, type MessageDescriptor } from 'react-intl';
import type { z } from 'zod';
import { CHANNELS } from '../../../../../common/api';
import type { AutomationCondition, automationSchema } from '../../../../../common/automations';
import {
  TRIGGER_FIELDS,
  type TriggerEvent,
  type triggerBody,
  type triggerSchema,
} from '../../../../../common/triggers';
import { STATUS_CATEGORIES } from '../../../../../common/workflow';
import { t } from '../../../i18n/t';
import { channelLabel, STATUS_CATEGORY_INFO } from '../../../lib/format';

export type Trigger = z.infer<typeof triggerSchema>;
export type TriggerBody = z.input<typeof triggerBody>;
export type Action = Trigger['actions'][number];

export const triggersKey = ['triggers'] as const;
export const automationsKey = ['automations'] as const;

/** A trigger, or a time-based automation (no events, no recursion, hours conditions). */
export type Rule = Omit<Trigger, 'on' | 'recursive' | 'conditions'> &
  Partial<Pick<Trigger, 'on' | 'recursive'>> & { conditions: AutomationCondition[] };
export type Automation = z.infer<typeof automationSchema>;

/** The kind of rule, as the messages choose their words by it. */
export const kindOf = (time: boolean) => (time ? 'automation' : 'trigger');

// The events a rule runs on, each one option of one multi-select: `type`, or `type:parameter`
// for those with one (the field of an update, the category entered, the channel).

const SIMPLE: [TriggerEvent['type'], MessageDescriptor][] = Object.entries(
  defineMessages({
    'ticket.created': { id: 'triggers.event.ticketCreated', defaultMessage: 'Ticket created' },
    'ticket.updated': { id: 'triggers.event.ticketUpdated', defaultMessage: 'Ticket updated (any field)' },
    'reply.customer': { id: 'triggers.event.replyCustomer', defaultMessage: 'Customer replied' },
    'reply.staff': { id: 'triggers.event.replyStaff', defaultMessage: 'Staff replied' },
    'note.added': { id: 'triggers.event.noteAdded', defaultMessage: 'Internal note added' },
    'sla.warning': { id: 'triggers.event.slaWarning', defaultMessage: 'Service-level warning' },
    'sla.breach': { id: 'triggers.event.slaBreach', defaultMessage: 'Service-level breach' },
  }),
) as [TriggerEvent['type'], MessageDescriptor][];

const m = defineMessages({
  fieldChanged: {
    id: 'triggers.event.fieldChanged',
    defaultMessage:
      'Ticket updated: {field, select, status {status} priority {priority} department {department} assignee {assignee} subject {subject} type {type} fields {fields} tags {tags} other {{field}}} changed',
  },
  categoryEntered: {
    id: 'triggers.event.categoryEntered',
    defaultMessage: 'Status category entered: {category}',
  },
  cameIn: { id: 'triggers.event.inbound', defaultMessage: 'Came in by {channel}' },
});

/** The events a trigger may run on, named in the reader's language. */
export const eventOptions = () => [
  ...SIMPLE.map(([value, label]) => ({ value, label: t(label) })),
  ...TRIGGER_FIELDS.map((f) => ({ value: `ticket.updated:${f}`, label: t(m.fieldChanged, { field: f }) })),
  ...STATUS_CATEGORIES.map((c) => ({
    value: `status.category:${c}`,
    label: t(m.categoryEntered, { category: STATUS_CATEGORY_INFO[c]?.label ?? c }),
  })),
  ...CHANNELS.map((c) => ({ value: `inbound:${c}`, label: t(m.cameIn, { channel: channelLabel(c) }) })),
];

export function eventKey(e: TriggerEvent): string {
  switch (e.type) {
    case 'ticket.updated':
      return e.field ? `${e.type}:${e.field}` : e.type;
    case 'status.category':
      return `${e.type}:${e.category}`;
    case 'inbound':
      return `${e.type}:${e.channel}`;
    default:
      return e.type;
  }
}

export function eventOf(key: string): TriggerEvent {
  const [type, param] = key.split(':') as [string, string | undefined];
  if (type === 'ticket.updated' && param) return { type, field: param as (typeof TRIGGER_FIELDS)[number] };
  if (type === 'status.category') return { type, category: param as TriggerEvent & never };
  if (type === 'inbound') return { type, channel: param as (typeof CHANNELS)[number] };
  return { type } as TriggerEvent;
}

/** An update action per change, so each row of the form sets one thing. */
export const splitActions = (actions: Action[]): Action[] =>
  actions.flatMap((a): Action[] =>
    a.type === 'update'
      ? Object.entries(a.changes).map(([k, v]) => ({ type: 'update', changes: { [k]: v } }) as Action)
      : [a],
  );

export const NEW_TRIGGER: TriggerBody = {
  name: '',
  enabled: true,
  recursive: false,
  on: [{ type: 'ticket.created' }],
  match: 'all',
  conditions: [],
  actions: [{ type: 'note', body: '' }],
};

export const newCondition = (time = false): AutomationCondition =>
  time
    ? { type: 'hoursSince', since: 'updated', op: 'gte', hours: 24 }
    : { type: 'field', field: 'departmentId', op: 'is', value: null };
