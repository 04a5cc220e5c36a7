import { Badge, Button, Code, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { defineMessages } from 'react-intl';
import type { Webhook, WebhookDelivery } from '../../../../../common/webhooks';
import { get, send } from '../../../api/client';
import { useAdminMutation } from '../../../components/admin';
import { usePages } from '../../../components/admin/lists';
import { HeaderCells, PagedList } from '../../../components/admin/table';
import { Time } from '../../../components/bits';
import { t } from '../../../i18n/t';
import { formatDateTime } from '../../../lib/format';

const STATE_COLOR = { pending: 'yellow', succeeded: 'green', failed: 'red' } as const;

const STATE_LABEL = defineMessages({
  pending: { id: 'webhooks.log.state.pending', defaultMessage: 'pending' },
  succeeded: { id: 'webhooks.log.state.succeeded', defaultMessage: 'succeeded' },
  failed: { id: 'webhooks.log.state.failed', defaultMessage: 'failed' },
});

const m = defineMessages({
  notTried: { id: 'webhooks.log.notTried', defaultMessage: 'Not tried yet' },
  noAnswer: { id: 'webhooks.log.noAnswer', defaultMessage: 'no answer' },
  latency: { id: 'webhooks.log.latency', defaultMessage: '{ms, number} ms' },
  queuedAgain: { id: 'webhooks.log.queuedAgain', defaultMessage: '{type} queued again' },
  title: { id: 'webhooks.log.title', defaultMessage: 'Delivery log — {name}' },
  close: { id: 'webhooks.log.close', defaultMessage: 'Close the delivery log' },
  refresh: { id: 'webhooks.log.refresh', defaultMessage: 'Refresh' },
  table: { id: 'webhooks.log.table', defaultMessage: 'Delivery log' },
  emptyTitle: { id: 'webhooks.log.empty.title', defaultMessage: 'Nothing sent yet' },
  emptyDescription: {
    id: 'webhooks.log.empty.description',
    defaultMessage: 'Deliveries appear here as events happen.',
  },
  event: { id: 'webhooks.log.column.event', defaultMessage: 'Event' },
  state: { id: 'webhooks.log.column.state', defaultMessage: 'State' },
  attempts: { id: 'webhooks.log.column.attempts', defaultMessage: 'Attempts' },
  redeliver: { id: 'webhooks.log.redeliver', defaultMessage: 'Redeliver' },
  redeliverOne: { id: 'webhooks.log.redeliverOne', defaultMessage: 'Redeliver {type} of {date}' },
});

const logKey = (id: string) => ['admin', 'webhooks', id, 'deliveries'] as const;

/** One delivery's attempts: status, latency and the start of each answer. */
function Attempts({ d }: { d: WebhookDelivery }) {
  if (d.attempts.length === 0)
    return (
      <Text size="xs" c="dimmed">
        {t(m.notTried)}
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
              {a.statusCode ?? t(m.noAnswer)}
            </Badge>
            {a.latencyMs !== null && (
              <Text size="xs" c="dimmed">
                {t(m.latency, { ms: a.latencyMs })}
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
    success: (_r, d) => t(m.queuedAgain, { type: d.type }),
  });
  return (
    <Modal
      opened
      onClose={onClose}
      title={t(m.title, { name: hook.name })}
      size="xl"
      closeButtonProps={{ 'aria-label': t(m.close) }}
    >
      <Group justify="flex-end" mb="xs">
        <Button size="xs" variant="default" onClick={() => log.refetch()} loading={log.isRefetching}>
          {t(m.refresh)}
        </Button>
      </Group>
      <PagedList
        query={log}
        tableProps={{ 'aria-label': t(m.table) }}
        empty={{
          icon: null,
          title: t(m.emptyTitle),
          description: t(m.emptyDescription),
        }}
        minWidth={620}
        head={
          <HeaderCells
            columns={[{ label: t(m.event), w: 170 }, { label: t(m.state), w: 100 }, t(m.attempts)]}
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
                {t(STATE_LABEL[d.state])}
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
                aria-label={t(m.redeliverOne, { type: d.type, date: formatDateTime(d.createdAt) })}
              >
                {t(m.redeliver)}
              </Button>
            </Table.Td>
          </Table.Tr>
        )}
      </PagedList>
    </Modal>
  );
}
