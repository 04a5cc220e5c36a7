import { Badge, Button, Table, Text } from '@mantine/core';
import { IconKey } from '@tabler/icons-react';
import { useState } from 'react';
import { createTokenBody } from '../../../../common/api';
import { send } from '../../api/client';
import { keys, useTokens } from '../../api/hooks';
import type { ApiToken, CreatedToken } from '../../api/types';
import { AdminList } from '../../components/admin';
import { AdminPage } from '../../components/admin/AdminPage';
import { NewButton } from '../../components/admin/buttons';
import { ConfirmModal, useConfirmedAct } from '../../components/admin/ConfirmModal';
import { LabeledSegments, NameInput, useModalSave } from '../../components/admin/forms';
import { ShownOnce } from '../../components/admin/ShownOnce';
import { HeaderCells } from '../../components/admin/table';
import { Time } from '../../components/bits';
import { ModalForm, useContractForm } from '../../components/ModalForm';
import { formatDate } from '../../lib/format';

const SCOPE_LABEL = { all: 'Full access', billing: 'Billing only' } as const;

export function TokensPage() {
  const tokens = useTokens();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const revoking = useConfirmedAct({
    fn: (t: ApiToken) => send('DELETE /tokens/:id', { params: { id: t.id } }),
    invalidate: [keys.tokens],
    success: (t) => `Token “${t.name}” revoked`,
  });

  return (
    <AdminPage
      maw={960}
      title="API tokens"
      description="A token acts as you, with your permissions, for integrations calling the REST API (Authorization: Bearer …). A billing-only token may only write subscriptions."
      action={<NewButton onClick={() => setCreating(true)}>New token</NewButton>}
    >
      {created && (
        <ShownOnce
          title={`Token “${created.name}” created`}
          note="Copy it now: it is shown only this once and cannot be read again."
          value={created.token}
          testId="new-token"
          onClose={() => setCreated(null)}
        />
      )}
      <AdminList
        query={tokens}
        items={tokens.data}
        empty={{
          icon: <IconKey aria-hidden />,
          title: 'No API tokens',
          description: 'Create one for each integration, so each can be revoked on its own.',
        }}
        minWidth={560}
        head={<HeaderCells columns={['Name', 'Access', 'Created', 'Last used']} actions />}
      >
        {(t) => (
          <Table.Tr key={t.id}>
            <Table.Td fw={500}>{t.name}</Table.Td>
            <Table.Td>
              <Badge variant="light" color={t.scope === 'billing' ? 'orange' : 'indigo'}>
                {SCOPE_LABEL[t.scope] ?? t.scope}
              </Badge>
            </Table.Td>
            <Table.Td>{formatDate(t.createdAt)}</Table.Td>
            <Table.Td>
              {t.lastUsedAt ? (
                <Time iso={t.lastUsedAt} />
              ) : (
                <Text c="dimmed" size="sm">
                  Never
                </Text>
              )}
            </Table.Td>
            <Table.Td>
              <Button
                size="xs"
                color="red"
                variant="light"
                onClick={() => revoking.ask(t)}
                aria-label={`Revoke ${t.name}`}
              >
                Revoke
              </Button>
            </Table.Td>
          </Table.Tr>
        )}
      </AdminList>
      {creating && (
        <CreateTokenModal
          onClose={() => setCreating(false)}
          onCreated={(t) => {
            setCreating(false);
            setCreated(t);
          }}
        />
      )}
      <ConfirmModal
        {...revoking.confirm}
        title="Revoke this token?"
        cancelLabel="Keep it"
        confirmLabel="Revoke"
        color="red"
      >
        <Text size="sm">
          Anything that uses <b>{revoking.asking?.name}</b> stops working at once. This cannot be undone.
        </Text>
      </ConfirmModal>
    </AdminPage>
  );
}

function CreateTokenModal({
  onClose,
  onCreated,
}: {
  onClose: () => void;
  onCreated: (t: CreatedToken) => void;
}) {
  const form = useContractForm(createTokenBody, { name: '', scope: 'all' as 'all' | 'billing' });
  const create = useModalSave({
    fn: (body: { name: string; scope: 'all' | 'billing' }) => send('POST /tokens', { body }),
    invalidate: [keys.tokens],
    onClose: onCreated,
  });
  return (
    <ModalForm
      opened
      onClose={onClose}
      title="New API token"
      form={form}
      save={create}
      toBody={(v) => ({ name: v.name.trim(), scope: v.scope })}
      submitLabel="Create token"
      errorTitle="Not created"
      canSubmit={form.values.name.trim() !== ''}
    >
      <NameInput form={form} description="What uses it, such as “CRM sync”" maxLength={200} />
      <LabeledSegments
        id="scope-label"
        label="Access"
        {...form.getInputProps('scope')}
        data={[
          { value: 'all', label: SCOPE_LABEL.all },
          { value: 'billing', label: SCOPE_LABEL.billing },
        ]}
      />
    </ModalForm>
  );
}
