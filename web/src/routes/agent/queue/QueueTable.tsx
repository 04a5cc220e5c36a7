import { Group, Table, Text, UnstyledButton } from '@mantine/core';
import { IconArrowDown, IconArrowsSort, IconArrowUp } from '@tabler/icons-react';
import type { MouseEvent } from 'react';
import type { Ticket, TicketSort } from '../../../api/types';
import { Time } from '../../../components/bits';
import { AnchorLink } from '../../../components/links';
import { MergedInto } from '../../../components/MergeTicket';
import { OrganisationLink, RequesterLink } from '../../../components/PersonLinks';
import { TagBadges } from '../../../components/TagBadges';
import { TicketNumber, TicketStateCells } from '../../../components/TicketList';
import { COLUMNS, type Column } from './columns';

/** Wide screens: the tickets as a table whose column headers sort it. */
export function QueueTable({
  tickets,
  selected,
  sort,
  order,
  onSort,
  onRow,
}: {
  tickets: Ticket[];
  selected: number;
  sort: TicketSort | undefined;
  order: 'asc' | 'desc' | undefined;
  onSort: (c: Column) => void;
  onRow: (index: number, ticket: Ticket, e: MouseEvent) => void;
}) {
  return (
    <Table.ScrollContainer minWidth={900} visibleFrom="md">
      <Table
        highlightOnHover
        verticalSpacing="xs"
        horizontalSpacing="xs"
        stickyHeader
        data-testid="queue-table"
        styles={{ td: { whiteSpace: 'nowrap' } }}
      >
        <Table.Thead>
          <Table.Tr>
            {COLUMNS.map((c) => {
              const active = sort === c.sort;
              const Icon = !active ? IconArrowsSort : order === 'asc' ? IconArrowUp : IconArrowDown;
              return (
                <Table.Th
                  key={c.sort}
                  scope="col"
                  style={{ whiteSpace: 'nowrap' }}
                  aria-sort={active ? (order === 'asc' ? 'ascending' : 'descending') : 'none'}
                >
                  <UnstyledButton
                    onClick={() => onSort(c)}
                    data-sort={c.sort}
                    title={`Sort by ${c.label.toLowerCase()}`}
                  >
                    <Group gap={2} wrap="nowrap">
                      <Text fw={700} size="sm">
                        {c.label}
                      </Text>
                      <Icon size={12} aria-hidden opacity={active ? 1 : 0.35} />
                    </Group>
                  </UnstyledButton>
                </Table.Th>
              );
            })}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {tickets.map((t, i) => (
            <Table.Tr
              key={t.number}
              data-row={i}
              data-clickable
              data-selected={i === selected || undefined}
              aria-selected={i === selected}
              onClick={(e) => onRow(i, t, e)}
            >
              <Table.Td>
                <TicketNumber number={t.number} />
              </Table.Td>
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
              <Table.Td>
                <Text size="sm" truncate maw={150}>
                  <RequesterLink person={t.requester} />
                </Text>
                {t.organisation && (
                  <Text size="xs" c="dimmed" truncate maw={150}>
                    <OrganisationLink organisation={t.organisation} />
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Text size="sm" truncate maw={130}>
                  {t.department.name}
                </Text>
              </Table.Td>
              <TicketStateCells ticket={t} side="agent" updated={<Time iso={t.lastActivityAt} />} />
              <Table.Td>
                {t.assignee ? (
                  <Text size="sm" truncate maw={140}>
                    {t.assignee.name}
                  </Text>
                ) : (
                  <Text size="sm" c="dimmed" fs="italic">
                    Unassigned
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
