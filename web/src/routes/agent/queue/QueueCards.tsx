import { Button, Group, Select, Stack, Text } from '@mantine/core';
import { IconArrowDown, IconArrowUp } from '@tabler/icons-react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { Ticket, TicketSort } from '../../../api/types';
import { PriorityBadges, StatusBadge, Time } from '../../../components/bits';
import { MergedInto } from '../../../components/MergeTicket';
import { RequesterLine } from '../../../components/PersonLinks';
import { TicketCard, TicketCardList } from '../../../components/TicketList';
import type { BulkSelection } from './BulkSelection';
import { COLUMNS, type Column } from './columns';
import { RowCheck } from './QueueTable';
import { SlaDue } from './SlaDue';

/** Narrow screens: one card per ticket, and the sort as a select instead of column headers. */
export function QueueCards({
  tickets,
  selected,
  sort,
  order,
  onSort,
  checks,
}: {
  tickets: Ticket[];
  selected: number;
  sort: TicketSort;
  order: 'asc' | 'desc';
  onSort: (c: Column) => void;
  checks: BulkSelection;
}) {
  const intl = useIntl();
  return (
    <Stack gap="sm" hiddenFrom="md">
      <Group gap="xs" align="flex-end" wrap="nowrap">
        <Select
          label={intl.formatMessage({ id: 'agent.queue.sortBy', defaultMessage: 'Sort by' })}
          data={COLUMNS.map((c) => ({ value: c.sort, label: c.label }))}
          value={sort}
          onChange={(v) => {
            const col = COLUMNS.find((c) => c.sort === v);
            if (col) onSort(col);
          }}
          allowDeselect={false}
          style={{ flex: 1 }}
        />
        <Button
          variant="default"
          onClick={() => {
            const col = COLUMNS.find((c) => c.sort === sort);
            if (col) onSort(col);
          }}
          leftSection={
            order === 'asc' ? <IconArrowUp size={16} aria-hidden /> : <IconArrowDown size={16} aria-hidden />
          }
          aria-label={intl.formatMessage(
            {
              id: 'agent.queue.orderLabel',
              defaultMessage: 'Order: {order, select, asc {ascending} other {descending}}; press to reverse',
            },
            { order },
          )}
        >
          {order === 'asc' ? (
            <FormattedMessage id="agent.queue.ascending" defaultMessage="Ascending" />
          ) : (
            <FormattedMessage id="agent.queue.descending" defaultMessage="Descending" />
          )}
        </Button>
      </Group>
      <TicketCardList>
        {tickets.map((t, i) => (
          <TicketCard
            key={t.number}
            ticket={t}
            side="agent"
            updated={<Time iso={t.lastActivityAt} />}
            highlighted={i === selected}
            select={<RowCheck index={i} ticket={t} checks={checks} />}
          >
            <Text size="xs" c="dimmed">
              <RequesterLine requester={t.requester} organisation={t.organisation} /> · {t.department.name} ·{' '}
              {t.assignee?.name ?? (
                <FormattedMessage id="agent.queue.unassigned" defaultMessage="Unassigned" />
              )}
            </Text>
            <Group gap="xs" mt={6}>
              <StatusBadge label={t.status.label} category={t.status.category} />
              <PriorityBadges priority={t.priority} urgent={t.urgent} />
              {t.slaDueAt && (
                <Group gap={4} wrap="nowrap" data-testid="card-sla-due">
                  <Text size="xs" c="dimmed">
                    <FormattedMessage id="agent.queue.due" defaultMessage="Due" />
                  </Text>
                  <SlaDue dueAt={t.slaDueAt} />
                </Group>
              )}
              {t.mergedInto !== null && <MergedInto number={t.mergedInto} size="xs" />}
            </Group>
          </TicketCard>
        ))}
      </TicketCardList>
    </Stack>
  );
}
