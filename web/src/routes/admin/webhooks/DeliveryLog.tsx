import { Badge, Button, Code, Group, Modal, Stack, Table, Text } from '@mantine/core';
import type { Webhook, WebhookDelivery } from '../../../../../common/webhooks';
import { get, send } from '../../../api/client';
import { useAdminMutation } from '../../../components/admin';
import { usePages } from '../../../components/admin/lists';
import { HeaderCells, PagedList } from '../../../components/admin/table';
import { Time } from '../../../components/bits';

const STATE_COLOR = { pending: 'yellow', succeeded: 'green', failed: 'red' } as const;

const logKey = (id: string) => ['admin', 'webhooks', id, 'deliveries'] as const;

/** One delivery's attempts: status, latency and the start of each answer. */
function Attempts({ d }: { d: WebhookDelivery }) {
  if (d.attempts.length === 0)
    return (
      <Text size="xs" c="dimmed">
        Not tried yet
      </Text>
    );
  return (
    <Stack gap={4}>
      {d.attempts.map((a) => (
        <div key={a.id}>
          <Group gap={6}>
            <Text size="xs" fw={500}>
              #{a.attempt}
            </Text>
            <Badge size="xs" variant="light" color={a.error ? 'red' : 'green'}>
              {a.statusCode ?? 'no answer'}
            </Badge>
            {a.latencyMs !== null && (
              <Text size="xs" c="dimmed">
                {a.latencyMs} ms
              </Text>
            )}
            <Text size="xs" c="dimmed">
              <Time iso={a.createdAt} />
            </Text>
          </Group>
          {(a.error || a.response) && (
            <Code
              block
              fz="xs"
              mt={2}
              style={{ maxHeight: 80, overflow: 'auto', overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}
            >
              {a.error && a.error !== `answered ${a.statusCode}` ? a.error : a.response}
            </Code>
          )}
        </div>
      ))}
    </Stack>
  );
}

/** The delivery log of one endpoint, newest first, with "Redeliver" on each delivery. */
export function DeliveryLog({ hook, onClose }: { hook: Webhook; onClose: () => void }) {
  const log = usePages(logKey(hook.id), (cursor) =>
    get('/webhooks/:id/deliveries', { params: { id: hook.id }, query: { limit: 20, cursor } }),
  );
  const redeliver = useAdminMutation({
    fn: (d: WebhookDelivery) =>
      send('POST /webhooks/:id/deliveries/:deliveryId/redeliver', {
        params: { id: hook.id, deliveryId: d.id },
      }),
    invalidate: [logKey(hook.id)],
    success: (_r, d) => `${d.type} queued again`,
  });
  return (
    <Modal
      opened
      onClose={onClose}
      title={`Delivery log — ${hook.name}`}
      size="xl"
      closeButtonProps={{ 'aria-label': 'Close the delivery log' }}
    >
      <Group justify="flex-end" mb="xs">
        <Button size="xs" variant="default" onClick={() => log.refetch()} loading={log.isRefetching}>
          Refresh
        </Button>
      </Group>
      <PagedList
        query={log}
        tableProps={{ 'aria-label': 'Delivery log' }}
        empty={{
          icon: null,
          title: 'Nothing sent yet',
          description: 'Deliveries appear here as events happen.',
        }}
        minWidth={620}
        head={
          <HeaderCells
            columns={[{ label: 'Event', w: 170 }, { label: 'State', w: 100 }, 'Attempts']}
            actions={100}
          />
        }
      >
        {(d) => (
          <Table.Tr key={d.id}>
            <Table.Td>
              <Code>{d.type}</Code>
              <Text size="xs" c="dimmed" mt={2}>
                <Time iso={d.createdAt} />
              </Text>
            </Table.Td>
            <Table.Td>
              <Badge variant="light" color={STATE_COLOR[d.state]}>
                {d.state}
              </Badge>
            </Table.Td>
            <Table.Td>
              <Attempts d={d} />
            </Table.Td>
            <Table.Td>
              <Button
                size="xs"
                variant="light"
                disabled={!hook.enabled || d.state === 'pending'}
                loading={redeliver.isPending && redeliver.variables?.id === d.id}
                onClick={() => redeliver.mutate(d)}
                aria-label={`Redeliver ${d.type} of ${d.createdAt}`}
              >
                Redeliver
              </Button>
            </Table.Td>
          </Table.Tr>
        )}
      </PagedList>
    </Modal>
  );
}
