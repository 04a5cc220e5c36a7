import { Text, Timeline } from '@mantine/core';
import { defineMessages, type MessageDescriptor, useIntl } from 'react-intl';
import type { LinkRole } from '../../../../../common/links';
import type { Department, StaffWorkflow, Ticket, TicketEvent, User } from '../../../api/types';
import { Time } from '../../../components/bits';
import { t } from '../../../i18n/t';
import { PRIORITY_INFO, ticketRef } from '../../../lib/format';
import { LINK_PHRASE } from './LinkedTickets';
import { reasonOf } from './reasons';

type Said = { message: MessageDescriptor; values?: Record<string, string | number> };

const M = defineMessages({
  none: { id: 'agent.timeline.none', defaultMessage: 'No changes yet.' },
  nobody: { id: 'agent.timeline.nobody', defaultMessage: 'nobody' },
  anotherDepartment: { id: 'agent.timeline.anotherDepartment', defaultMessage: 'another department' },
  formerColleague: { id: 'agent.timeline.formerColleague', defaultMessage: 'a former colleague' },
  created: { id: 'agent.timeline.created', defaultMessage: '{actor} opened the ticket' },
  createdAs: { id: 'agent.timeline.createdAs', defaultMessage: '{actor} opened the ticket as {status}' },
  edited: {
    id: 'agent.timeline.messageEdited',
    defaultMessage: '{actor} edited their message “{from}” to “{to}”',
  },
  deleted: {
    id: 'agent.timeline.messageDeleted',
    defaultMessage: '{actor} deleted their message “{from}” (deleted by sender)',
  },
  merged: { id: 'agent.timeline.merged', defaultMessage: '{actor} merged {from} into {to}' },
  slaBreach: {
    id: 'agent.timeline.slaBreach',
    defaultMessage: '{actor} recorded a missed service-level target',
  },
  slaWarning: {
    id: 'agent.timeline.slaWarning',
    defaultMessage: '{actor} warned that a service-level target is close',
  },
  replyMoved: {
    id: 'agent.timeline.replyMoved',
    defaultMessage: '{actor} wrote on {from}, which was merged into this ticket',
  },
  other: { id: 'agent.timeline.other', defaultMessage: '{actor} {event}' },
  acted: { id: 'agent.timeline.trigger.acted', defaultMessage: '{actor} acted' },
  assigned: { id: 'agent.timeline.assigned', defaultMessage: '{actor} assigned it to {name}' },
  unassigned: { id: 'agent.timeline.unassigned', defaultMessage: '{actor} unassigned it' },
  cc: { id: 'agent.timeline.cc', defaultMessage: '{actor} set who is on CC: {list}' },
  ccNone: { id: 'agent.timeline.ccNone', defaultMessage: '{actor} took everyone off CC' },
  changed: { id: 'agent.timeline.changed', defaultMessage: '{actor} changed {field}: {from} → {to}' },
  tagged: { id: 'agent.timeline.tagged', defaultMessage: '{actor} tagged it {added}' },
  untagged: {
    id: 'agent.timeline.untagged',
    defaultMessage: '{actor} removed {count, plural, one {the tag} other {the tags}} {removed}',
  },
  retagged: {
    id: 'agent.timeline.retagged',
    defaultMessage:
      '{actor} tagged it {added}; removed {count, plural, one {the tag} other {the tags}} {removed}',
  },
  tagsChanged: { id: 'agent.timeline.tagsChanged', defaultMessage: '{actor} changed the tags' },
  linked: { id: 'agent.timeline.linked', defaultMessage: '{actor} linked it: {link} {ticket}' },
  unlinked: { id: 'agent.timeline.unlinked', defaultMessage: '{actor} unlinked it: {link} {ticket}' },
  staffOnly: { id: 'agent.timeline.staffOnly', defaultMessage: ' · staff only' },
});

/** What a trigger's own timeline events say it did; the reason gives the detail. */
const TRIGGER_EVENT: Record<string, MessageDescriptor> = defineMessages({
  note: { id: 'agent.timeline.trigger.note', defaultMessage: '{actor} added an internal note' },
  notice: { id: 'agent.timeline.trigger.notice', defaultMessage: '{actor} sent a notice' },
  capped: { id: 'agent.timeline.trigger.capped', defaultMessage: '{actor} held back a message (hourly cap)' },
  cut: { id: 'agent.timeline.trigger.cut', defaultMessage: '{actor} stopped a chain of triggers' },
  refused: { id: 'agent.timeline.trigger.refused', defaultMessage: '{actor} could not do an action' },
  webhook: { id: 'agent.timeline.trigger.webhook', defaultMessage: '{actor} called a webhook' },
});

/** The names of the fields a change event names; another field shows as the server names it. */
const FIELD_NAME: Record<string, MessageDescriptor> = defineMessages({
  status: { id: 'agent.timeline.field.status', defaultMessage: 'status' },
  priority: { id: 'agent.timeline.field.priority', defaultMessage: 'priority' },
  department: { id: 'agent.timeline.field.department', defaultMessage: 'department' },
  type: { id: 'agent.timeline.field.type', defaultMessage: 'type' },
  subject: { id: 'agent.timeline.field.subject', defaultMessage: 'subject' },
  urgent: { id: 'agent.timeline.field.urgent', defaultMessage: 'urgent' },
});

export function EventTimeline({
  events,
  workflow,
  departments,
  staff,
}: {
  events: TicketEvent[];
  workflow: StaffWorkflow | undefined;
  departments: Department[];
  staff: User[];
}) {
  const intl = useIntl();
  if (events.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {intl.formatMessage(M.none)}
      </Text>
    );
  const value = (field: string | null, v: string | null): string => {
    if (v === null || v === '') return field === 'assignee' ? intl.formatMessage(M.nobody) : '—';
    switch (field) {
      case 'status':
        return workflow?.statuses.find((s) => s.key === v)?.staffLabel ?? v;
      case 'priority':
        return PRIORITY_INFO[v as Ticket['priority']]?.label ?? v;
      case 'department':
        return departments.find((d) => d.id === v)?.name ?? intl.formatMessage(M.anotherDepartment);
      case 'assignee':
        return staff.find((u) => u.id === v)?.name ?? intl.formatMessage(M.formerColleague);
      default:
        return v.length > 80 ? `${v.slice(0, 80)}…` : v;
    }
  };
  const describe = (e: TicketEvent): Said => {
    if (e.type === 'created')
      return e.to
        ? { message: M.createdAs, values: { status: value('status', e.to) } }
        : { message: M.created };
    if (e.type === 'message_edited')
      return { message: M.edited, values: { from: value(null, e.from), to: value(null, e.to) } };
    if (e.type === 'message_deleted') return { message: M.deleted, values: { from: value(null, e.from) } };
    if (e.type === 'merged')
      return { message: M.merged, values: { from: ticketRef(Number(e.from)), to: ticketRef(Number(e.to)) } };
    if (e.type === 'sla') return { message: e.field === 'breach' ? M.slaBreach : M.slaWarning };
    if (e.type === 'reply_moved')
      return { message: M.replyMoved, values: { from: ticketRef(Number(e.from)) } };
    return e.field ? describeChange(e.field, e) : { message: M.other, values: { event: e.type } };
  };
  const describeChange = (field: string, e: TicketEvent): Said => {
    if (e.type === 'trigger') return { message: TRIGGER_EVENT[field] ?? M.acted };
    if (field === 'assignee')
      return e.to
        ? { message: M.assigned, values: { name: value('assignee', e.to) } }
        : { message: M.unassigned };
    if (field === 'tags') return tagChange(e.from, e.to);
    if (field === 'link') return linkChange(e.type, e.to);
    if (field === 'cc')
      return e.to ? { message: M.cc, values: { list: value(null, e.to) } } : { message: M.ccNone };
    const name = FIELD_NAME[field];
    return {
      message: M.changed,
      values: {
        field: name ? intl.formatMessage(name) : field,
        from: value(field, e.from),
        to: value(field, e.to),
      },
    };
  };
  const sorted = [...events].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  return (
    <Timeline bulletSize={12} lineWidth={2} active={sorted.length - 1}>
      {sorted.map((e) => {
        const said = describe(e);
        const reason = reasonOf(intl, e);
        return (
          <Timeline.Item key={e.id}>
            <Text size="sm">
              {intl.formatMessage(said.message, {
                ...said.values,
                actor: (
                  <Text span fw={600} inherit>
                    {e.actor.name}
                  </Text>
                ),
              })}
            </Text>
            {reason && (
              <Text size="xs" c="dimmed">
                {intl.formatMessage(
                  { id: 'agent.timeline.because', defaultMessage: 'Because {reason}' },
                  { reason },
                )}
              </Text>
            )}
            <Text size="xs" c="dimmed">
              <Time iso={e.createdAt} />
              {!e.public && intl.formatMessage(M.staffOnly)}
            </Text>
          </Timeline.Item>
        );
      })}
    </Timeline>
  );
}

/** "tagged it refund, vip; removed exports" from the tag lists before and after. */
function tagChange(from: string | null, to: string | null): Said {
  const list = (v: string | null) => (v ? v.split(', ') : []);
  const [before, after] = [list(from), list(to)];
  const added = after.filter((t) => !before.includes(t)).join(', ');
  const removedTags = before.filter((t) => !after.includes(t));
  const removed = removedTags.join(', ');
  const count = removedTags.length;
  if (added && removed) return { message: M.retagged, values: { added, removed, count } };
  if (added) return { message: M.tagged, values: { added } };
  if (removed) return { message: M.untagged, values: { removed, count } };
  return { message: M.tagsChanged };
}

/** "linked it: duplicate of #12" from a link event's "duplicate_of #12". */
function linkChange(type: string, to: string | null): Said {
  const [role = '', ref = ''] = (to ?? '').split(' ');
  const phrase = LINK_PHRASE[role as LinkRole];
  return {
    message: type === 'linked' ? M.linked : M.unlinked,
    values: { link: phrase ? t(phrase) : role, ticket: ref },
  };
}
