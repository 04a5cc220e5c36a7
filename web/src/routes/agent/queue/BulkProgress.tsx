import { Alert, Button, Group, Modal, Progress, Stack, Table, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { get } from '../../../api/client';
import { AnchorLink } from '../../../components/links';

/** A bulk change's progress while it runs (asked every half second), then what it did and skipped. */
export function BulkProgress({ jobId, onClose }: { jobId: string | null; onClose: () => void }) {
  const queryClient = useQueryClient();
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
    <Modal opened={jobId !== null} onClose={onClose} title="Bulk change" size="lg">
      <Stack gap="sm" data-testid="bulk-progress">
        {!finished && (
          <>
            <Text size="sm">
              Working: {j?.done ?? 0} of {j?.total ?? '…'} tickets
            </Text>
            <Progress value={pct} animated aria-label="Progress of the bulk change" />
          </>
        )}
        {j?.status === 'failed' && (
          <Alert color="red" title="Stopped">
            The change stopped after {j.done} of {j.total} tickets.
          </Alert>
        )}
        {j?.status === 'done' && (
          <Text size="sm" data-testid="bulk-summary">
            Done: {j.changed} changed, {j.skipped} skipped, of {j.total}.
          </Text>
        )}
        {finished && j.skippedTickets.length > 0 && <SkippedTable skipped={j.skippedTickets} />}
        <Group justify="flex-end">
          <Button onClick={onClose} variant={finished ? 'filled' : 'default'}>
            {finished ? 'Close' : 'Hide (it goes on)'}
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
            <Table.Th scope="col">Skipped</Table.Th>
            <Table.Th scope="col">Why</Table.Th>
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
