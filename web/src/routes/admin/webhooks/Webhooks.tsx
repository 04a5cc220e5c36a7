import { Badge, Group, Stack, Table, Text } from '@mantine/core';
import { IconWebhook } from '@tabler/icons-react';
import { useState } from 'react';
import { defineMessages, FormattedMessage } from 'react-intl';
import type { Webhook } from '../../../../../common/webhooks';
import { get, send } from '../../../api/client';
import { AdminList, useAdminMutation } from '../../../components/admin';
import { AdminPage } from '../../../components/admin/AdminPage';
import { DeleteRowButton, NewButton, RowButton } from '../../../components/admin/buttons';
import { ConfirmModal, useConfirmedAct } from '../../../components/admin/ConfirmModal';
import { useItems } from '../../../components/admin/lists';
import { ShownOnce } from '../../../components/admin/ShownOnce';
import { HeaderCells } from '../../../components/admin/table';
import type { Editing } from '../../../components/ModalForm';
import { t } from '../../../i18n/t';
import { DeliveryLog } from './DeliveryLog';
import { kindLabel, WebhookForm, webhooksKey } from './WebhookForm';

type Secret = { name: string; secret: string };

const m = defineMessages({
  failing: { id: 'webhooks.state.failing', defaultMessage: 'Failing' },
  on: { id: 'webhooks.state.on', defaultMessage: 'On' },
  off: { id: 'webhooks.state.off', defaultMessage: 'Off' },
  testSent: { id: 'webhooks.testSent', defaultMessage: 'Test sent to “{name}”: see its delivery log' },
  newSecretFor: { id: 'webhooks.newSecretFor', defaultMessage: 'New secret for “{name}”' },
  deleted: { id: 'webhooks.deleted', defaultMessage: 'Webhook “{name}” deleted' },
  title: { id: 'webhooks.title', defaultMessage: 'Webhooks' },
  description: {
    id: 'webhooks.description',
    defaultMessage:
      'Tessera posts ticket events to these URLs as they happen: signed JSON for your own systems, or messages for Slack, Microsoft Teams and Mattermost channels. Failed deliveries are tried again with growing pauses.',
  },
  new: { id: 'webhooks.new', defaultMessage: 'New webhook' },
  secretTitle: { id: 'webhooks.secret.title', defaultMessage: 'Signing secret of “{name}”' },
  secretNote: {
    id: 'webhooks.secret.note',
    defaultMessage:
      'Copy it now: it is shown only this once. Receivers check the Tessera-Signature header with it.',
  },
  secretDismiss: { id: 'webhooks.secret.dismiss', defaultMessage: 'Dismiss the secret' },
  emptyTitle: { id: 'webhooks.empty.title', defaultMessage: 'No webhooks' },
  emptyDescription: {
    id: 'webhooks.empty.description',
    defaultMessage: 'Add one to tell another system, or a chat channel, about new tickets and replies.',
  },
  name: { id: 'webhooks.column.name', defaultMessage: 'Name' },
  format: { id: 'webhooks.column.format', defaultMessage: 'Format' },
  events: { id: 'webhooks.column.events', defaultMessage: 'Events' },
  state: { id: 'webhooks.column.state', defaultMessage: 'State' },
  internal: { id: 'webhooks.internalBadge', defaultMessage: 'internal' },
  logOf: { id: 'webhooks.logOf', defaultMessage: 'Delivery log of {name}' },
  log: { id: 'webhooks.log', defaultMessage: 'Delivery log' },
  testTo: { id: 'webhooks.testTo', defaultMessage: 'Send test to {name}' },
  test: { id: 'webhooks.test', defaultMessage: 'Send test' },
  edit: { id: 'webhooks.edit', defaultMessage: 'Edit {name}' },
  newSecret: { id: 'webhooks.newSecret', defaultMessage: 'New secret' },
  rotateTitle: { id: 'webhooks.rotate.title', defaultMessage: 'Replace the signing secret?' },
  rotateConfirm: { id: 'webhooks.rotate.confirm', defaultMessage: 'Replace' },
  deleteTitle: { id: 'webhooks.delete.title', defaultMessage: 'Delete this webhook?' },
  deleteConfirm: { id: 'webhooks.delete.confirm', defaultMessage: 'Delete' },
});

function StateBadge({ hook }: { hook: Webhook }) {
  if (hook.enabled)
    return (
      <Badge variant="light" color={hook.failingSince ? 'orange' : 'green'}>
        {hook.failingSince ? t(m.failing) : t(m.on)}
      </Badge>
    );
  return (
    <Stack gap={2}>
      <Badge variant="light" color="gray">
        {t(m.off)}
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
    success: (_r, h) => t(m.testSent, { name: h.name }),
  });
  const rotating = useConfirmedAct({
    fn: async (h: Webhook) => {
      const r = await send('POST /webhooks/:id/secret', { params: { id: h.id } });
      setSecret({ name: r.name, secret: r.secret });
      return r;
    },
    invalidate: [webhooksKey],
    success: (h) => t(m.newSecretFor, { name: h.name }),
  });
  const removing = useConfirmedAct({
    fn: (h: Webhook) => send('DELETE /webhooks/:id', { params: { id: h.id } }),
    invalidate: [webhooksKey],
    success: (h) => t(m.deleted, { name: h.name }),
  });

  return (
    <AdminPage
      maw={1100}
      title={t(m.title)}
      description={t(m.description)}
      action={<NewButton onClick={() => setEditing('new')}>{t(m.new)}</NewButton>}
    >
      {secret && (
        <ShownOnce
          title={t(m.secretTitle, { name: secret.name })}
          note={t(m.secretNote)}
          value={secret.secret}
          testId="webhook-secret"
          closeLabel={t(m.secretDismiss)}
          onClose={() => setSecret(null)}
        />
      )}
      <AdminList
        query={hooks}
        items={hooks.data}
        empty={{
          icon: <IconWebhook aria-hidden />,
          title: t(m.emptyTitle),
          description: t(m.emptyDescription),
        }}
        minWidth={760}
        head={
          <HeaderCells
            columns={[t(m.name), { label: t(m.format), w: 130 }, t(m.events), { label: t(m.state), w: 150 }]}
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
              {kindLabel(h.kind)}
              {h.internal && (
                <Badge ml={4} size="xs" variant="outline">
                  {t(m.internal)}
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
                <RowButton label={t(m.logOf, { name: h.name })} onClick={() => setLog(h)}>
                  {t(m.log)}
                </RowButton>
                <RowButton label={t(m.testTo, { name: h.name })} onClick={() => test.mutate(h)}>
                  {t(m.test)}
                </RowButton>
                <RowButton label={t(m.edit, { name: h.name })} onClick={() => setEditing(h)} />
                <RowButton label={t(m.newSecretFor, { name: h.name })} onClick={() => rotating.ask(h)}>
                  {t(m.newSecret)}
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
        title={t(m.rotateTitle)}
        confirmLabel={t(m.rotateConfirm)}
        color="red"
      >
        <Text size="sm">
          <FormattedMessage
            id="webhooks.rotate.body"
            defaultMessage="Receivers of <b>{name}</b> refuse its deliveries until they are given the new secret."
            values={{ name: rotating.asking?.name ?? '', b: (c) => <b>{c}</b> }}
          />
        </Text>
      </ConfirmModal>
      <ConfirmModal
        {...removing.confirm}
        title={t(m.deleteTitle)}
        confirmLabel={t(m.deleteConfirm)}
        color="red"
      >
        <Text size="sm">
          <FormattedMessage
            id="webhooks.delete.body"
            defaultMessage="<b>{name}</b> and its delivery log are deleted; nothing more is sent to it."
            values={{ name: removing.asking?.name ?? '', b: (c) => <b>{c}</b> }}
          />
        </Text>
      </ConfirmModal>
    </AdminPage>
  );
}
