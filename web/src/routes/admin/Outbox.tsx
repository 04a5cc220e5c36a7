import { Button, Code, Table, Text } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { FormattedMessage, useIntl } from 'react-intl';
import { get, send } from '../../api/client';
import { useAdminMutation } from '../../components/admin';
import { usePages } from '../../components/admin/lists';
import { HeaderCells, LiveListPage, TimeCell } from '../../components/admin/table';
import { formatDateTime } from '../../lib/format';

type OutboxJob = {
  id: string;
  topic: string;
  payload: Record<string, unknown>;
  state: 'pending' | 'done' | 'failed';
  attempts: number;
  runAt: string;
  lastError: string | null;
  createdAt: string;
  doneAt: string | null;
};

const failedKey = ['admin', 'outbox', 'failed'] as const;

/** A short, plain summary of where a job was going (never rendered as HTML). */
function target(payload: Record<string, unknown>): string | null {
  const parts: string[] = [];
  for (const k of ['to', 'channel', 'ticketNumber', 'event', 'userId']) {
    const v = payload[k];
    if (typeof v === 'string' || typeof v === 'number') parts.push(`${k}: ${v}`);
  }
  return parts.length ? parts.join(' · ') : null;
}

export function OutboxPage() {
  const intl = useIntl();
  const jobs = usePages(failedKey, (cursor) =>
    get('/admin/outbox', { query: { state: 'failed', limit: 50, cursor } }),
  );
  const retry = useAdminMutation({
    fn: (job: OutboxJob) => send('POST /admin/outbox/:id/retry', { params: { id: job.id } }),
    invalidate: [failedKey],
    success: (_r, job) =>
      intl.formatMessage(
        { id: 'admin.outbox.queuedAgain', defaultMessage: '{topic} queued again' },
        { topic: job.topic },
      ),
  });

  return (
    <LiveListPage
      query={jobs}
      title={intl.formatMessage({ id: 'admin.outbox.title', defaultMessage: 'Failed deliveries' })}
      description={intl.formatMessage({
        id: 'admin.outbox.description',
        defaultMessage:
          "Emails, messages and notices that could not be sent after every attempt. Fix the cause (a channel's settings, an address), then retry.",
      })}
      empty={{
        icon: <IconCircleCheck aria-hidden />,
        title: intl.formatMessage({ id: 'admin.outbox.emptyTitle', defaultMessage: 'Nothing failed' }),
        description: intl.formatMessage({
          id: 'admin.outbox.emptyDescription',
          defaultMessage: 'Every delivery went out, or is still being tried.',
        }),
      }}
      minWidth={640}
      head={
        <HeaderCells
          columns={[
            intl.formatMessage({ id: 'admin.outbox.what', defaultMessage: 'What' }),
            intl.formatMessage({ id: 'admin.outbox.error', defaultMessage: 'Error' }),
            { label: intl.formatMessage({ id: 'admin.outbox.attempts', defaultMessage: 'Attempts' }), w: 80 },
            { label: intl.formatMessage({ id: 'admin.created', defaultMessage: 'Created' }), w: 120 },
          ]}
          actions={90}
        />
      }
    >
      {(j) => (
        <Table.Tr key={j.id}>
          <Table.Td>
            <Code>{j.topic}</Code>
            {target(j.payload) && (
              <Text size="xs" c="dimmed" mt={2} style={{ overflowWrap: 'anywhere' }}>
                {target(j.payload)}
              </Text>
            )}
          </Table.Td>
          <Table.Td>
            <Text size="xs" c="red" lineClamp={3} style={{ overflowWrap: 'anywhere' }}>
              {j.lastError ?? (
                <FormattedMessage id="admin.outbox.noError" defaultMessage="No error recorded" />
              )}
            </Text>
          </Table.Td>
          <Table.Td>{j.attempts}</Table.Td>
          <TimeCell iso={j.createdAt} />
          <Table.Td>
            <Button
              size="xs"
              variant="light"
              loading={retry.isPending && retry.variables?.id === j.id}
              onClick={() => retry.mutate(j)}
              aria-label={intl.formatMessage(
                { id: 'admin.outbox.retryNamed', defaultMessage: 'Retry {topic} of {date}' },
                { topic: j.topic, date: formatDateTime(j.createdAt) },
              )}
            >
              <FormattedMessage id="admin.outbox.retry" defaultMessage="Retry" />
            </Button>
          </Table.Td>
        </Table.Tr>
      )}
    </LiveListPage>
  );
}
