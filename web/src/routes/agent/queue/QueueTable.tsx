import { Checkbox, Group, Table, Text, UnstyledButton } from '@mantine/core';
import { IconArrowDown, IconArrowsSort, IconArrowUp } from '@tabler/icons-react';
import type { MouseEvent } from 'react';
import { useIntl } from 'react-intl';
import type { ViewColumn } from '../../../../../common/views';
import type { Ticket, TicketSort } from '../../../api/types';
import type { BulkSelection } from './BulkSelection';
import { QueueCell } from './cells';
import { COLUMNS, type Column, sortName } from './columns';

/** Wide screens: the tickets as a table whose column headers sort it. */
export function QueueTable({
  tickets,
  selected,
  sort,
  order,
  onSort,
  onRow,
  columns,
  checks,
}: {
  tickets: Ticket[];
  selected: number;
  sort: TicketSort | undefined;
  order: 'asc' | 'desc' | undefined;
  onSort: (c: Column) => void;
  onRow: (index: number, ticket: Ticket, e: MouseEvent) => void;
  /** The columns shown: the view's. */
  columns: ViewColumn[];
  /** The bulk selection's checkboxes. */
  checks: BulkSelection;
}) {
  const intl = useIntl();
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
            <Table.Th w={36}>
              <Checkbox
                aria-label={intl.formatMessage({
                  id: 'agent.queue.selectPage',
                  defaultMessage: 'Select every ticket on the page',
                })}
                checked={checks.page === 'all' || checks.all}
                indeterminate={checks.page === 'some' && !checks.all}
                onChange={checks.togglePage}
                data-testid="check-page"
              />
            </Table.Th>
            {COLUMNS.filter((c) => columns.includes(c.sort)).map((c) => {
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
                    title={intl.formatMessage(
                      { id: 'agent.queue.sortByColumn', defaultMessage: 'Sort by {column}' },
                      { column: sortName(c.sort) },
                    )}
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
              <Table.Td onClick={(e) => e.stopPropagation()}>
                <RowCheck index={i} ticket={t} checks={checks} />
              </Table.Td>
              {columns.map((c) => (
                <QueueCell key={c} ticket={t} column={c} />
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** A row's checkbox: a click toggles it, a shift-click everything from the last one clicked. */
export function RowCheck({
  index,
  ticket,
  checks,
}: {
  index: number;
  ticket: Ticket;
  checks: BulkSelection;
}) {
  const intl = useIntl();
  return (
    <Checkbox
      aria-label={intl.formatMessage(
        { id: 'agent.queue.selectTicket', defaultMessage: 'Select #{number}' },
        { number: String(ticket.number) },
      )}
      checked={checks.all || checks.numbers.has(ticket.number)}
      onChange={() => {}}
      onClick={(e) => {
        e.stopPropagation();
        checks.toggle(index, e.shiftKey);
      }}
      data-check={ticket.number}
    />
  );
}
