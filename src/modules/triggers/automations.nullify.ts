import type { UpdateTicketInput } from '../../../common/api.js';
import type { AutomationCondition } from '../../../common/automations.js';
import type { TriggerAction } from '../../../common/triggers.js';
import { invalid } from '../../errors.js';
import { defineMessages } from '../../i18n/index.js';

// The nullifier rule for time-based automations: at least one action must change something one
// of the conditions tests, so that once the automation fired its conditions stop holding and it
// does not stand armed on the ticket for ever. Hours since the last customer or staff message, or
// since the ticket was created, are never reset by an automation (its notes are no staff message).

type Changes = Partial<UpdateTicketInput>;

const FIELD_KEYS = {
  status: 'status',
  statusCategory: 'status',
  priority: 'priority',
  departmentId: 'departmentId',
  assigneeId: 'assigneeId',
  type: 'type',
  subject: 'subject',
  requesterId: null,
  organisationId: null,
  channel: null,
} as const;

/** Whether setting `to` can make a comparison with `value` by `op` false. */
function breaks(op: string, value: string | null, to: unknown): boolean {
  const v = to === undefined ? undefined : to === null ? null : String(to);
  if (v === undefined) return false;
  if (op === 'is') return v !== value;
  if (op === 'isNot') return v === value;
  return true;
}

function tagBreaks(c: Extract<AutomationCondition, { type: 'tag' }>, ch: Changes): boolean {
  const tag = c.tag.toLowerCase();
  const has = (list?: string[]) => list?.some((t) => t.toLowerCase() === tag) === true;
  if (c.op === 'has') return has(ch.removeTags) || (ch.tags !== undefined && !has(ch.tags));
  return has(ch.addTags) || has(ch.tags);
}

/** Whether the changes make the condition false (or, for hours, start counting anew). */
function nullifies(c: AutomationCondition, ch: Changes): boolean {
  switch (c.type) {
    case 'field': {
      const key = FIELD_KEYS[c.field];
      if (c.field === 'statusCategory') return ch.status !== undefined;
      return key !== null && breaks(c.op, c.value, ch[key]);
    }
    case 'customField':
      return ch.fields !== undefined && breaks(c.op, c.value, ch.fields[c.key]);
    case 'tag':
      return tagBreaks(c, ch);
    case 'hoursSince':
      if (c.since === 'updated') return Object.keys(ch).length > 0;
      if (c.since === 'statusChanged') return ch.status !== undefined;
      return false;
    default:
      return false;
  }
}

const REFUSED = defineMessages({
  nullifies: {
    id: 'error.triggers.nothing_disarms',
    defaultMessage:
      'no action changes what a condition tests, so the automation would stay armed on a ticket for ever: add an action that makes a condition false (for example, a condition "status is Open" and an action setting another status, or a condition "lacks tag reminded" and an action adding it)',
  },
});

/**
 * A 400 unless some action changes what a condition tests. `changesOf` gives the changes of an
 * action (a macro's from the macro as it is now).
 */
export async function checkNullifier(
  conditions: readonly AutomationCondition[],
  actions: readonly TriggerAction[],
  changesOf: (a: TriggerAction) => Promise<Changes | undefined>,
): Promise<void> {
  for (const a of actions) {
    const ch = await changesOf(a);
    if (ch && conditions.some((c) => nullifies(c, ch))) return;
  }
  throw invalid('actions', REFUSED.nullifies);
}
