import { Card, Group, Text, Title } from '@mantine/core';
import { IconTicket } from '@tabler/icons-react';
import { FormattedMessage, useIntl } from 'react-intl';
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
  const intl = useIntl();
  return (
    <Card withBorder radius="md" padding="md">
      <Title order={2} size="h4" mb="sm">
        <FormattedMessage id="agent.profileTickets.title" defaultMessage="Tickets" />
      </Title>
      <TicketPages
        list={list}
        loading={intl.formatMessage({
          id: 'agent.profileTickets.loading',
          defaultMessage: 'Loading tickets',
        })}
        errorTitle={intl.formatMessage({
          id: 'agent.profileTickets.loadError',
          defaultMessage: 'Cannot load the tickets',
        })}
        empty={
          <NoTickets
            icon={<IconTicket aria-hidden />}
            title={intl.formatMessage({
              id: 'agent.profileTickets.emptyTitle',
              defaultMessage: 'No tickets',
            })}
            description={intl.formatMessage({
              id: 'agent.profileTickets.emptyDescription',
              defaultMessage:
                'None that you can see: tickets of departments you do not work in are not listed.',
            })}
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
                    {t.department.name} ·{' '}
                    {t.assignee?.name ?? (
                      <FormattedMessage id="agent.queue.unassigned" defaultMessage="Unassigned" />
                    )}
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
