import { Table, Text } from '@mantine/core';
import { FormattedMessage } from 'react-intl';
import type { ViewColumn } from '../../../../../common/views';
import type { Ticket } from '../../../api/types';
import { PriorityBadges, StatusBadge, Time } from '../../../components/bits';
import { AnchorLink } from '../../../components/links';
import { MergedInto } from '../../../components/MergeTicket';
import { OrganisationLink, RequesterLink } from '../../../components/PersonLinks';
import { TagBadges } from '../../../components/TagBadges';
import { TicketNumber } from '../../../components/TicketList';
import { SlaDue } from './SlaDue';

/** One cell of the queue's table: the column a view chose, for one ticket. */
export function QueueCell({ ticket: t, column }: { ticket: Ticket; column: ViewColumn }) {
  switch (column) {
    case 'number':
      return (
        <Table.Td>
          <TicketNumber number={t.number} />
        </Table.Td>
      );
    case 'subject':
      return <SubjectCell ticket={t} />;
    case 'customer':
      // Two links one above the other: lines of 24 px keep each a target of its own (WCAG 2.5.8).
      return (
        <Table.Td>
          <Text size="sm" truncate maw={150} lh="24px">
            <RequesterLink person={t.requester} />
          </Text>
          {t.organisation && (
            <Text size="xs" c="dimmed" truncate maw={150} lh="24px">
              <OrganisationLink organisation={t.organisation} />
            </Text>
          )}
        </Table.Td>
      );
    case 'department':
      return <TextCell text={t.department.name} maw={130} />;
    case 'status':
      return (
        <Table.Td>
          <StatusBadge label={t.status.label} category={t.status.category} />
        </Table.Td>
      );
    case 'priority':
      return (
        <Table.Td>
          <PriorityBadges priority={t.priority} urgent={t.urgent} />
        </Table.Td>
      );
    case 'slaDue':
      return (
        <Table.Td>
          <SlaDue dueAt={t.slaDueAt} />
        </Table.Td>
      );
    case 'createdAt':
    case 'lastActivityAt':
      return (
        <Table.Td>
          <Text size="sm">
            <Time iso={column === 'createdAt' ? t.createdAt : t.lastActivityAt} />
          </Text>
        </Table.Td>
      );
    case 'assignee':
      return t.assignee ? (
        <TextCell text={t.assignee.name} maw={140} />
      ) : (
        <Table.Td>
          <Text size="sm" c="dimmed" fs="italic">
            <FormattedMessage id="agent.queue.unassigned" defaultMessage="Unassigned" />
          </Text>
        </Table.Td>
      );
  }
}

function TextCell({ text, maw }: { text: string; maw: number }) {
  return (
    <Table.Td>
      <Text size="sm" truncate maw={maw}>
        {text}
      </Text>
    </Table.Td>
  );
}

function SubjectCell({ ticket: t }: { ticket: Ticket }) {
  return (
    <Table.Td style={{ whiteSpace: 'normal', minWidth: 200 }}>
      <AnchorLink
        to="/agent/tickets/$number"
        params={{ number: String(t.number) }}
        size="sm"
        fw={500}
        c="inherit"
        style={{ overflowWrap: 'break-word' }}
      >
        {t.subject}
      </AnchorLink>
      {t.mergedInto !== null && (
        <div>
          <MergedInto number={t.mergedInto} size="xs" />
        </div>
      )}
      <TagBadges tags={t.tags} />
    </Table.Td>
  );
}
