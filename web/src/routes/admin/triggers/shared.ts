import type { z } from 'zod';
import { CHANNELS } from '../../../../../common/api';
import {
  TRIGGER_FIELDS,
  type TriggerCondition,
  type TriggerEvent,
  type triggerBody,
  type triggerSchema,
} from '../../../../../common/triggers';
import { STATUS_CATEGORIES } from '../../../../../common/workflow';
import { channelLabel, STATUS_CATEGORY_INFO } from '../../../lib/format';

export type Trigger = z.infer<typeof triggerSchema>;
export type TriggerBody = z.input<typeof triggerBody>;
export type Action = Trigger['actions'][number];

export const triggersKey = ['triggers'] as const;

// The events a rule runs on, each one option of one multi-select: `type`, or `type:parameter`
// for those with one (the field of an update, the category entered, the channel).

const SIMPLE: [TriggerEvent['type'], string][] = [
  ['ticket.created', 'Ticket created'],
  ['ticket.updated', 'Ticket updated (any field)'],
  ['reply.customer', 'Customer replied'],
  ['reply.staff', 'Staff replied'],
  ['note.added', 'Internal note added'],
  ['sla.warning', 'Service-level warning'],
  ['sla.breach', 'Service-level breach'],
];

export const EVENT_OPTIONS = [
  ...SIMPLE.map(([value, label]) => ({ value, label })),
  ...TRIGGER_FIELDS.map((f) => ({ value: `ticket.updated:${f}`, label: `Ticket updated: ${f} changed` })),
  ...STATUS_CATEGORIES.map((c) => ({
    value: `status.category:${c}`,
    label: `Status category entered: ${STATUS_CATEGORY_INFO[c]?.label ?? c}`,
  })),
  ...CHANNELS.map((c) => ({ value: `inbound:${c}`, label: `Came in by ${channelLabel(c)}` })),
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

export const newCondition = (): TriggerCondition => ({
  type: 'field',
  field: 'departmentId',
  op: 'is',
  value: null,
});
