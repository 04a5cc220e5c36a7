import { Button, Card, Group, Select, Stack, Text } from '@mantine/core';
import { IconArrowDown, IconArrowUp } from '@tabler/icons-react';
import type { Ticket, TicketSort } from '../../../api/types';
import { PriorityBadges, StatusBadge, Time } from '../../../components/bits';
import { AnchorLink } from '../../../components/links';
import { MergedInto } from '../../../components/MergeTicket';
import { ticketRef } from '../../../lib/format';
import { COLUMNS, type Column } from './columns';

/** Narrow screens: one card per ticket, and the sort as a select instead of column headers. */
export function QueueCards({
  tickets,
  selected,
  sort,
  order,
  onSort,
}: {
  tickets: Ticket[];
  selected: number;
  sort: TicketSort;
  order: 'asc' | 'desc';
  onSort: (c: Column) => void;
}) {
  return (
    <Stack gap="sm" hiddenFrom="md">
      <Group gap="xs" align="flex-end" wrap="nowrap">
        <Select
          label="Sort by"
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
          aria-label={`Order: ${order === 'asc' ? 'ascending' : 'descending'}; press to reverse`}
        >
          {order === 'asc' ? 'Ascending' : 'Descending'}
        </Button>
      </Group>
      <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
        {tickets.map((t, i) => (
          <Card
            key={t.number}
            component="li"
            withBorder
            padding="sm"
            style={i === selected ? { borderColor: 'var(--mantine-color-indigo-5)' } : undefined}
          >
            <Group justify="space-between" gap="xs" wrap="nowrap">
              <Text fw={600} c="dimmed" size="sm">
                {ticketRef(t.number)}
              </Text>
              <Text size="xs" c="dimmed">
                <Time iso={t.lastActivityAt} />
              </Text>
            </Group>
            <AnchorLink
              to="/agent/tickets/$number"
              params={{ number: String(t.number) }}
              fw={500}
              style={{ overflowWrap: 'anywhere' }}
            >
              {t.subject}
            </AnchorLink>
            <Text size="xs" c="dimmed">
              {t.requester.name}
              {t.organisation ? ` (${t.organisation.name})` : ''} · {t.department.name} ·{' '}
              {t.assignee?.name ?? 'Unassigned'}
            </Text>
            <Group gap="xs" mt={6}>
              <StatusBadge label={t.status.label} category={t.status.category} />
              <PriorityBadges priority={t.priority} urgent={t.urgent} />
              {t.mergedInto !== null && <MergedInto number={t.mergedInto} size="xs" />}
            </Group>
          </Card>
        ))}
      </Stack>
    </Stack>
  );
}
