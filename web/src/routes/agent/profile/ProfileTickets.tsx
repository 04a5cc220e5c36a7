import { Card, Group, Text, Title } from '@mantine/core';
import { IconTicket } from '@tabler/icons-react';
import { useTicketList } from '../../../api/hooks';
import type { TicketFilters } from '../../../api/types';
import { StatusBadge, Time } from '../../../components/bits';
import { NoTickets, TicketCard, TicketCardList, TicketPages } from '../../../components/TicketList';

/**
 * A person's or an organisation's tickets: the queue's own list with a requester or organisation
 * filter, so it shows exactly the tickets the caller may see, newest activity first.
 */
export function ProfileTickets({
  filters,
  showRequester,
}: {
  filters: TicketFilters;
  showRequester?: boolean;
}) {
  const list = useTicketList({ ...filters, sort: 'lastActivityAt', order: 'desc' }, { limit: 25 });
  return (
    <Card withBorder radius="md" padding="md">
      <Title order={2} size="h4" mb="sm">
        Tickets
      </Title>
      <TicketPages
        list={list}
        loading="Loading tickets"
        errorTitle="Cannot load the tickets"
        empty={
          <NoTickets
            icon={<IconTicket aria-hidden />}
            title="No tickets"
            description="None that you can see: tickets of departments you do not work in are not listed."
          />
        }
      >
        {(tickets) => (
          <TicketCardList>
            {tickets.map((t) => (
              <TicketCard key={t.number} ticket={t} side="agent" updated={<Time iso={t.lastActivityAt} />}>
                <Group gap="xs" mt={6} wrap="wrap">
                  <StatusBadge label={t.status.label} category={t.status.category} />
                  <Text size="xs" c="dimmed">
                    {showRequester ? `${t.requester.name} · ` : ''}
                    {t.department.name} · {t.assignee?.name ?? 'Unassigned'}
                  </Text>
                </Group>
              </TicketCard>
            ))}
          </TicketCardList>
        )}
      </TicketPages>
    </Card>
  );
}
