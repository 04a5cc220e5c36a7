import { Alert, Button, Group, Modal, Progress, Stack, Table, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { get } from '../../../api/client';
import { AnchorLink } from '../../../components/links';

/** A bulk change's progress while it runs (asked every half second), then what it did and skipped. */
export function BulkProgress({ jobId, onClose }: { jobId: string | null; onClose: () => void }) {
  const queryClient = useQueryClient();
  const intl = useIntl();
  const job = useQuery({
    queryKey: ['bulk', jobId],
    queryFn: () => get('/tickets/bulk/:id', { params: { id: jobId! } }),
    enabled: jobId !== null,
    refetchInterval: (q) =>
      q.state.data?.status === 'done' || q.state.data?.status === 'failed' ? false : 500,
  });
  const j = job.data;
  const finished = j?.status === 'done' || j?.status === 'failed';
  useEffect(() => {
    if (finished) void queryClient.invalidateQueries({ queryKey: ['tickets'] });
  }, [finished, queryClient]);
  const pct = j && j.total > 0 ? Math.round((j.done / j.total) * 100) : 0;
  return (
    <Modal
      opened={jobId !== null}
      onClose={onClose}
      title={intl.formatMessage({ id: 'agent.bulk.progress.title', defaultMessage: 'Bulk change' })}
      size="lg"
    >
      <Stack gap="sm" data-testid="bulk-progress">
        {!finished && (
          <>
            <Text size="sm">
              {j ? (
                <FormattedMessage
                  id="agent.bulk.progress.working"
                  defaultMessage="Working: {done, number} of {total, plural, one {# ticket} other {# tickets}}"
                  values={{ done: j.done, total: j.total }}
                />
              ) : (
                <FormattedMessage
                  id="agent.bulk.progress.starting"
                  defaultMessage="Working: 0 of … tickets"
                />
              )}
            </Text>
            <Progress
              value={pct}
              animated
              aria-label={intl.formatMessage({
                id: 'agent.bulk.progress.label',
                defaultMessage: 'Progress of the bulk change',
              })}
            />
          </>
        )}
        {j?.status === 'failed' && (
          <Alert
            color="red"
            title={intl.formatMessage({ id: 'agent.bulk.progress.stopped', defaultMessage: 'Stopped' })}
          >
            <FormattedMessage
              id="agent.bulk.progress.stoppedAfter"
              defaultMessage="The change stopped after {done, number} of {total, plural, one {# ticket} other {# tickets}}."
              values={{ done: j.done, total: j.total }}
            />
          </Alert>
        )}
        {j?.status === 'done' && (
          <Text size="sm" data-testid="bulk-summary">
            <FormattedMessage
              id="agent.bulk.progress.done"
              defaultMessage="Done: {changed, number} changed, {skipped, number} skipped, of {total, number}."
              values={{ changed: j.changed, skipped: j.skipped, total: j.total }}
            />
          </Text>
        )}
        {finished && j.skippedTickets.length > 0 && <SkippedTable skipped={j.skippedTickets} />}
        <Group justify="flex-end">
          <Button onClick={onClose} variant={finished ? 'filled' : 'default'}>
            {finished ? (
              <FormattedMessage id="agent.bulk.progress.close" defaultMessage="Close" />
            ) : (
              <FormattedMessage id="agent.bulk.progress.hide" defaultMessage="Hide (it goes on)" />
            )}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function SkippedTable({ skipped }: { skipped: { number: number; reason: string }[] }) {
  return (
    <Table.ScrollContainer minWidth={300} mah={300}>
      <Table verticalSpacing={4} data-testid="bulk-skipped">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">
              <FormattedMessage id="agent.bulk.progress.skipped" defaultMessage="Skipped" />
            </Table.Th>
            <Table.Th scope="col">
              <FormattedMessage id="agent.bulk.progress.why" defaultMessage="Why" />
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {skipped.map((s) => (
            <Table.Tr key={s.number}>
              <Table.Td>
                <AnchorLink to="/agent/tickets/$number" params={{ number: String(s.number) }} size="sm">
                  #{s.number}
                </AnchorLink>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{s.reason}</Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
