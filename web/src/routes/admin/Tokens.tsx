import { Badge, Button, Table, Text } from '@mantine/core';
import { IconKey } from '@tabler/icons-react';
import { useState } from 'react';
import { defineMessages, FormattedMessage, useIntl } from 'react-intl';
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

const SCOPE_LABEL = defineMessages({
  all: { id: 'admin.tokens.scope.all', defaultMessage: 'Full access' },
  billing: { id: 'admin.tokens.scope.billing', defaultMessage: 'Billing only' },
});

export function TokensPage() {
  const tokens = useTokens();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const intl = useIntl();
  const revoking = useConfirmedAct({
    fn: (t: ApiToken) => send('DELETE /tokens/:id', { params: { id: t.id } }),
    invalidate: [keys.tokens],
    success: (t) =>
      intl.formatMessage(
        { id: 'admin.tokens.revoked', defaultMessage: 'Token “{name}” revoked' },
        { name: t.name },
      ),
  });

  return (
    <AdminPage
      maw={960}
      title={intl.formatMessage({ id: 'admin.tokens.title', defaultMessage: 'API tokens' })}
      description={intl.formatMessage({
        id: 'admin.tokens.description',
        defaultMessage:
          'A token acts as you, with your permissions, for integrations calling the REST API (Authorization: Bearer …). A billing-only token may only write subscriptions.',
      })}
      action={
        <NewButton onClick={() => setCreating(true)}>
          <FormattedMessage id="admin.tokens.new" defaultMessage="New token" />
        </NewButton>
      }
    >
      {created && (
        <ShownOnce
          title={intl.formatMessage(
            { id: 'admin.tokens.created', defaultMessage: 'Token “{name}” created' },
            { name: created.name },
          )}
          note={intl.formatMessage({
            id: 'admin.tokens.copyNow',
            defaultMessage: 'Copy it now: it is shown only this once and cannot be read again.',
          })}
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
          title: intl.formatMessage({ id: 'admin.tokens.emptyTitle', defaultMessage: 'No API tokens' }),
          description: intl.formatMessage({
            id: 'admin.tokens.emptyDescription',
            defaultMessage: 'Create one for each integration, so each can be revoked on its own.',
          }),
        }}
        minWidth={560}
        head={
          <HeaderCells
            columns={[
              intl.formatMessage({ id: 'admin.name', defaultMessage: 'Name' }),
              intl.formatMessage({ id: 'admin.tokens.access', defaultMessage: 'Access' }),
              intl.formatMessage({ id: 'admin.created', defaultMessage: 'Created' }),
              intl.formatMessage({ id: 'admin.tokens.lastUsed', defaultMessage: 'Last used' }),
            ]}
            actions
          />
        }
      >
        {(t) => (
          <Table.Tr key={t.id}>
            <Table.Td fw={500}>{t.name}</Table.Td>
            <Table.Td>
              <Badge variant="light" color={t.scope === 'billing' ? 'orange' : 'indigo'}>
                {t.scope in SCOPE_LABEL ? intl.formatMessage(SCOPE_LABEL[t.scope]) : t.scope}
              </Badge>
            </Table.Td>
            <Table.Td>{formatDate(t.createdAt)}</Table.Td>
            <Table.Td>
              {t.lastUsedAt ? (
                <Time iso={t.lastUsedAt} />
              ) : (
                <Text c="dimmed" size="sm">
                  <FormattedMessage id="admin.tokens.never" defaultMessage="Never" />
                </Text>
              )}
            </Table.Td>
            <Table.Td>
              <Button
                size="xs"
                color="red"
                variant="light"
                onClick={() => revoking.ask(t)}
                aria-label={intl.formatMessage(
                  { id: 'admin.tokens.revokeNamed', defaultMessage: 'Revoke {name}' },
                  { name: t.name },
                )}
              >
                <FormattedMessage id="admin.tokens.revoke" defaultMessage="Revoke" />
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
        title={intl.formatMessage({ id: 'admin.tokens.revokeTitle', defaultMessage: 'Revoke this token?' })}
        cancelLabel={intl.formatMessage({ id: 'admin.tokens.keep', defaultMessage: 'Keep it' })}
        confirmLabel={intl.formatMessage({ id: 'admin.tokens.revoke', defaultMessage: 'Revoke' })}
        color="red"
      >
        <Text size="sm">
          <FormattedMessage
            id="admin.tokens.revokeBody"
            defaultMessage="Anything that uses <b>{name}</b> stops working at once. This cannot be undone."
            values={{ name: revoking.asking?.name, b: (c) => <b>{c}</b> }}
          />
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
  const intl = useIntl();
  const create = useModalSave({
    fn: (body: { name: string; scope: 'all' | 'billing' }) => send('POST /tokens', { body }),
    invalidate: [keys.tokens],
    onClose: onCreated,
  });
  return (
    <ModalForm
      opened
      onClose={onClose}
      title={intl.formatMessage({ id: 'admin.tokens.newTitle', defaultMessage: 'New API token' })}
      form={form}
      save={create}
      toBody={(v) => ({ name: v.name.trim(), scope: v.scope })}
      submitLabel={intl.formatMessage({ id: 'admin.tokens.create', defaultMessage: 'Create token' })}
      errorTitle={intl.formatMessage({ id: 'admin.notCreated', defaultMessage: 'Not created' })}
      canSubmit={form.values.name.trim() !== ''}
    >
      <NameInput
        form={form}
        description={intl.formatMessage({
          id: 'admin.tokens.nameHelp',
          defaultMessage: 'What uses it, such as “CRM sync”',
        })}
        maxLength={200}
      />
      <LabeledSegments
        id="scope-label"
        label={intl.formatMessage({ id: 'admin.tokens.access', defaultMessage: 'Access' })}
        {...form.getInputProps('scope')}
        data={[
          { value: 'all', label: intl.formatMessage(SCOPE_LABEL.all) },
          { value: 'billing', label: intl.formatMessage(SCOPE_LABEL.billing) },
        ]}
      />
    </ModalForm>
  );
}
