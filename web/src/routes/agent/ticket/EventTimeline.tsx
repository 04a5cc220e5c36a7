import { Text, Timeline } from '@mantine/core';
import type { LinkRole } from '../../../../../common/links';
import type { Department, StaffWorkflow, Ticket, TicketEvent, User } from '../../../api/types';
import { Time } from '../../../components/bits';
import { PRIORITY_INFO, ticketRef } from '../../../lib/format';
import { LINK_LABEL } from './LinkedTickets';

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
  if (events.length === 0)
    return (
      <Text size="sm" c="dimmed">
        No changes yet.
      </Text>
    );
  const value = (field: string | null, v: string | null): string => {
    if (v === null || v === '') return field === 'assignee' ? 'nobody' : '—';
    switch (field) {
      case 'status':
        return workflow?.statuses.find((s) => s.key === v)?.staffLabel ?? v;
      case 'priority':
        return PRIORITY_INFO[v as Ticket['priority']]?.label ?? v;
      case 'department':
        return departments.find((d) => d.id === v)?.name ?? 'another department';
      case 'assignee':
        return staff.find((u) => u.id === v)?.name ?? 'a former colleague';
      default:
        return v.length > 80 ? `${v.slice(0, 80)}…` : v;
    }
  };
  const describe = (e: TicketEvent) => {
    if (e.type === 'created') return `opened the ticket${e.to ? ` as ${value('status', e.to)}` : ''}`;
    if (e.type === 'message_edited')
      return `edited their message “${value(null, e.from)}” to “${value(null, e.to)}”`;
    if (e.type === 'message_deleted')
      return `deleted their message “${value(null, e.from)}” (deleted by sender)`;
    if (e.type === 'merged') return `merged ${ticketRef(Number(e.from))} into ${ticketRef(Number(e.to))}`;
    if (e.type === 'sla')
      return e.field === 'breach'
        ? 'recorded a missed service-level target'
        : 'warned that a service-level target is close';
    if (e.type === 'reply_moved')
      return `wrote on ${ticketRef(Number(e.from))}, which was merged into this ticket`;
    return e.field ? describeChange(e.field, e) : e.type;
  };
  const describeChange = (field: string, e: TicketEvent) => {
    if (e.type === 'trigger') return TRIGGER_EVENT[field] ?? 'acted';
    if (field === 'assignee') return e.to ? `assigned it to ${value('assignee', e.to)}` : 'unassigned it';
    if (field === 'tags') return tagChange(e.from, e.to);
    if (field === 'link') return linkChange(e.type, e.to);
    if (field === 'cc') return e.to ? `set who is on CC: ${value(null, e.to)}` : 'took everyone off CC';
    return `changed ${field}: ${value(field, e.from)} → ${value(field, e.to)}`;
  };
  const sorted = [...events].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  return (
    <Timeline bulletSize={12} lineWidth={2} active={sorted.length - 1}>
      {sorted.map((e) => (
        <Timeline.Item key={e.id}>
          <Text size="sm">
            <Text span fw={600} inherit>
              {e.actor.name}
            </Text>{' '}
            {describe(e)}
          </Text>
          {e.reason && (
            <Text size="xs" c="dimmed">
              Because {e.reason}
            </Text>
          )}
          <Text size="xs" c="dimmed">
            <Time iso={e.createdAt} />
            {!e.public && ' · staff only'}
          </Text>
        </Timeline.Item>
      ))}
    </Timeline>
  );
}

/** What a trigger's own timeline events say it did; the reason gives the detail. */
const TRIGGER_EVENT: Record<string, string> = {
  note: 'added an internal note',
  notice: 'sent a notice',
  capped: 'held back a message (hourly cap)',
  cut: 'stopped a chain of triggers',
  refused: 'could not do an action',
};

/** "tagged it refund, vip; removed exports" from the tag lists before and after. */
function tagChange(from: string | null, to: string | null): string {
  const list = (v: string | null) => (v ? v.split(', ') : []);
  const [before, after] = [list(from), list(to)];
  const added = after.filter((t) => !before.includes(t));
  const removed = before.filter((t) => !after.includes(t));
  const parts = [
    added.length > 0 && `tagged it ${added.join(', ')}`,
    removed.length > 0 && `removed the tag${removed.length > 1 ? 's' : ''} ${removed.join(', ')}`,
  ].filter(Boolean);
  return parts.join('; ') || 'changed the tags';
}

/** "linked it: Duplicate of #12" from a link event's "duplicate_of #12". */
function linkChange(type: string, to: string | null): string {
  const [role = '', ref = ''] = (to ?? '').split(' ');
  const label = LINK_LABEL[role as LinkRole] ?? role;
  return `${type === 'linked' ? 'linked it' : 'unlinked it'}: ${label.toLowerCase()} ${ref}`;
}
