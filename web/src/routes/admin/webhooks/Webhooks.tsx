import { Badge, Group, Stack, Table, Text } from '@mantine/core';
import { IconWebhook } from '@tabler/icons-react';
import { useState } from 'react';
import { WEBHOOK_KIND_LABELS, type Webhook } from '../../../../../common/webhooks';
import { get, send } from '../../../api/client';
import { AdminList, useAdminMutation } from '../../../components/admin';
import { AdminPage } from '../../../components/admin/AdminPage';
import { DeleteRowButton, NewButton, RowButton } from '../../../components/admin/buttons';
import { ConfirmModal, useConfirmedAct } from '../../../components/admin/ConfirmModal';
import { useItems } from '../../../components/admin/lists';
import { ShownOnce } from '../../../components/admin/ShownOnce';
import { HeaderCells } from '../../../components/admin/table';
import type { Editing } from '../../../components/ModalForm';
import { DeliveryLog } from './DeliveryLog';
import { WebhookForm, webhooksKey } from './WebhookForm';

type Secret = { name: string; secret: string };

function StateBadge({ hook }: { hook: Webhook }) {
  if (hook.enabled)
    return (
      <Badge variant="light" color={hook.failingSince ? 'orange' : 'green'}>
        {hook.failingSince ? 'Failing' : 'On'}
      </Badge>
    );
  return (
    <Stack gap={2}>
      <Badge variant="light" color="gray">
        Off
      </Badge>
      {hook.disabledReason && (
        <Text size="xs" c="red" lineClamp={2}>
          {hook.disabledReason}
        </Text>
      )}
    </Stack>
  );
}

export function WebhooksPage() {
  const hooks = useItems(webhooksKey, () => get('/webhooks'));
  const [editing, setEditing] = useState<Editing<Webhook>>(null);
  const [secret, setSecret] = useState<Secret | null>(null);
  const [log, setLog] = useState<Webhook | null>(null);
  const test = useAdminMutation({
    fn: (h: Webhook) => send('POST /webhooks/:id/test', { params: { id: h.id } }),
    invalidate: [webhooksKey, ['admin', 'webhooks']],
    success: (_r, h) => `Test sent to “${h.name}”: see its delivery log`,
  });
  const rotating = useConfirmedAct({
    fn: async (h: Webhook) => {
      const r = await send('POST /webhooks/:id/secret', { params: { id: h.id } });
      setSecret({ name: r.name, secret: r.secret });
      return r;
    },
    invalidate: [webhooksKey],
    success: (h) => `New secret for “${h.name}”`,
  });
  const removing = useConfirmedAct({
    fn: (h: Webhook) => send('DELETE /webhooks/:id', { params: { id: h.id } }),
    invalidate: [webhooksKey],
    success: (h) => `Webhook “${h.name}” deleted`,
  });

  return (
    <AdminPage
      maw={1100}
      title="Webhooks"
      description="Tessera posts ticket events to these URLs as they happen: signed JSON for your own systems, or messages for Slack, Microsoft Teams and Mattermost channels. Failed deliveries are tried again with growing pauses."
      action={<NewButton onClick={() => setEditing('new')}>New webhook</NewButton>}
    >
      {secret && (
        <ShownOnce
          title={`Signing secret of “${secret.name}”`}
          note="Copy it now: it is shown only this once. Receivers check the Tessera-Signature header with it."
          value={secret.secret}
          testId="webhook-secret"
          closeLabel="Dismiss the secret"
          onClose={() => setSecret(null)}
        />
      )}
      <AdminList
        query={hooks}
        items={hooks.data}
        empty={{
          icon: <IconWebhook aria-hidden />,
          title: 'No webhooks',
          description: 'Add one to tell another system, or a chat channel, about new tickets and replies.',
        }}
        minWidth={760}
        head={
          <HeaderCells
            columns={['Name', { label: 'Format', w: 130 }, 'Events', { label: 'State', w: 150 }]}
            actions
          />
        }
      >
        {(h) => (
          <Table.Tr key={h.id}>
            <Table.Td>
              <Text fw={500}>{h.name}</Text>
              <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                {h.url}
              </Text>
            </Table.Td>
            <Table.Td>
              {WEBHOOK_KIND_LABELS[h.kind]}
              {h.internal && (
                <Badge ml={4} size="xs" variant="outline">
                  internal
                </Badge>
              )}
            </Table.Td>
            <Table.Td>
              <Text size="xs">{h.events.join(', ')}</Text>
            </Table.Td>
            <Table.Td>
              <StateBadge hook={h} />
            </Table.Td>
            <Table.Td>
              <Group gap={6} wrap="wrap">
                <RowButton label={`Delivery log of ${h.name}`} onClick={() => setLog(h)}>
                  Delivery log
                </RowButton>
                <RowButton label={`Send test to ${h.name}`} onClick={() => test.mutate(h)}>
                  Send test
                </RowButton>
                <RowButton label={`Edit ${h.name}`} onClick={() => setEditing(h)} />
                <RowButton label={`New secret for ${h.name}`} onClick={() => rotating.ask(h)}>
                  New secret
                </RowButton>
                <DeleteRowButton name={h.name} onClick={() => removing.ask(h)} />
              </Group>
            </Table.Td>
          </Table.Tr>
        )}
      </AdminList>
      {editing !== null && (
        <WebhookForm
          editing={editing}
          onClose={() => setEditing(null)}
          onCreated={(h) => {
            setEditing(null);
            setSecret({ name: h.name, secret: h.secret });
          }}
        />
      )}
      {log && <DeliveryLog hook={log} onClose={() => setLog(null)} />}
      <ConfirmModal
        {...rotating.confirm}
        title="Replace the signing secret?"
        confirmLabel="Replace"
        color="red"
      >
        <Text size="sm">
          Receivers of <b>{rotating.asking?.name}</b> refuse its deliveries until they are given the new
          secret.
        </Text>
      </ConfirmModal>
      <ConfirmModal {...removing.confirm} title="Delete this webhook?" confirmLabel="Delete" color="red">
        <Text size="sm">
          <b>{removing.asking?.name}</b> and its delivery log are deleted; nothing more is sent to it.
        </Text>
      </ConfirmModal>
    </AdminPage>
  );
}
