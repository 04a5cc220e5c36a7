import { Group, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { useMessages } from '../api/hooks';
import type { Ticket } from '../api/types';
import { ticketRef } from '../lib/format';
import { Loaded, StatusBadge } from './bits';
import { ButtonLink } from './links';
import { Thread, type ThreadNote } from './Thread';

// What the agent's and the customer's ticket pages share: the number from the address, the page
// for a number there is no ticket for, the heading, and the conversation.

/** The ticket number of an address such as /tickets/12; `valid` is false for anything else. */
export function parseTicketNumber(raw: string): { number: number; valid: boolean } {
  const number = Number(raw);
  return { number, valid: Number.isSafeInteger(number) && number > 0 };
}

/** The page for a number with no ticket behind it (that the reader can see), with the way back. */
export function TicketNotFound({
  children,
  backTo,
  backLabel,
}: {
  children: ReactNode;
  backTo: '/agent' | '/';
  backLabel: string;
}) {
  return (
    <Stack align="flex-start">
      <Title order={1} size="h2">
        <FormattedMessage id="common.ticket.notFound" defaultMessage="Ticket not found" />
      </Title>
      <Text c="dimmed">{children}</Text>
      <ButtonLink to={backTo} variant="default">
        {backLabel}
      </ButtonLink>
    </Stack>
  );
}

/** The ticket's number and subject as the page's heading, its status and `children` below. */
export function TicketHeading({ ticket: t, children }: { ticket: Ticket; children: ReactNode }) {
  return (
    <div>
      <Title order={1} size="h2" style={{ overflowWrap: 'anywhere' }}>
        <Text span inherit c="dimmed">
          {ticketRef(t.number)}
        </Text>{' '}
        {t.subject}
      </Title>
      <Group gap="xs" mt="xs">
        <StatusBadge label={t.status.label} category={t.status.category} />
        {children}
      </Group>
    </div>
  );
}

/** The ticket's messages as a thread, once loaded. */
export function Conversation({
  messages,
  meId,
  notes,
}: {
  messages: ReturnType<typeof useMessages>;
  meId: string;
  notes?: ThreadNote[];
}) {
  const intl = useIntl();
  return (
    <Loaded
      query={messages}
      loading={intl.formatMessage({
        id: 'common.ticket.loadingConversation',
        defaultMessage: 'Loading the conversation',
      })}
      retry
    >
      {(data) => <Thread messages={data} meId={meId} notes={notes} />}
    </Loaded>
  );
}
