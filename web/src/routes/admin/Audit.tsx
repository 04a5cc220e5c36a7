import { Code, Select, Table, Text } from '@mantine/core';
import { IconShieldCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { defineMessages, type MessageDescriptor, useIntl } from 'react-intl';
import { AUDIT_ACTIONS } from '../../../../common/audit';
import { get } from '../../api/client';
import { usePages } from '../../components/admin/lists';
import { HeaderCells, LiveListPage } from '../../components/admin/table';
import { t } from '../../i18n/t';
import { formatDateTime } from '../../lib/format';

type Action = (typeof AUDIT_ACTIONS)[number];

const ACTION_LABEL = defineMessages({
  sign_in: { id: 'admin.audit.action.signIn', defaultMessage: 'Signed in' },
  sign_in_failed: { id: 'admin.audit.action.signInFailed', defaultMessage: 'Sign-in failed' },
  password_changed: { id: 'admin.audit.action.passwordChanged', defaultMessage: 'Changed their password' },
  password_reset: { id: 'admin.audit.action.passwordReset', defaultMessage: 'Reset their password' },
  password_reset_requested: {
    id: 'admin.audit.action.passwordResetRequested',
    defaultMessage: 'Password reset asked for',
  },
  password_reset_suppressed: {
    id: 'admin.audit.action.passwordResetSuppressed',
    defaultMessage: 'Password reset held back (limit)',
  },
  password_set_by_admin: {
    id: 'admin.audit.action.passwordSetByAdmin',
    defaultMessage: 'Password set by an administrator',
  },
  invitation_sent: { id: 'admin.audit.action.invitationSent', defaultMessage: 'Invited' },
  invitation_revoked: { id: 'admin.audit.action.invitationRevoked', defaultMessage: 'Invitation withdrawn' },
  invitation_accepted: {
    id: 'admin.audit.action.invitationAccepted',
    defaultMessage: 'Accepted an invitation',
  },
  user_created: { id: 'admin.audit.action.userCreated', defaultMessage: 'User created' },
  user_updated: { id: 'admin.audit.action.userUpdated', defaultMessage: 'User changed' },
  sessions_ended: { id: 'admin.audit.action.sessionsEnded', defaultMessage: 'Signed out sessions' },
  token_created: { id: 'admin.audit.action.tokenCreated', defaultMessage: 'API token created' },
  token_revoked: { id: 'admin.audit.action.tokenRevoked', defaultMessage: 'API token revoked' },
  second_factor_enabled: {
    id: 'admin.audit.action.secondFactorEnabled',
    defaultMessage: 'Turned two-factor sign-in on',
  },
  second_factor_disabled: {
    id: 'admin.audit.action.secondFactorDisabled',
    defaultMessage: 'Turned two-factor sign-in off',
  },
  second_factor_reset: {
    id: 'admin.audit.action.secondFactorReset',
    defaultMessage: 'Two-factor sign-in reset by an administrator',
  },
  settings_changed: { id: 'admin.audit.action.settingsChanged', defaultMessage: 'Settings changed' },
  sign_up_requested: { id: 'admin.audit.action.signUpRequested', defaultMessage: 'Sign-up asked for' },
  sign_up_suppressed: {
    id: 'admin.audit.action.signUpSuppressed',
    defaultMessage: 'Sign-up mail held back (limit)',
  },
  sign_up_existing_account: {
    id: 'admin.audit.action.signUpExistingAccount',
    defaultMessage: 'Sign-up for an address with an account',
  },
  sign_up_verified: {
    id: 'admin.audit.action.signUpVerified',
    defaultMessage: 'Signed up (address confirmed)',
  },
  profile_updated: { id: 'admin.audit.action.profileUpdated', defaultMessage: 'Changed their profile' },
  customer_merged: { id: 'admin.audit.action.customerMerged', defaultMessage: 'Customer records merged' },
  customer_note_added: {
    id: 'admin.audit.action.customerNoteAdded',
    defaultMessage: 'Note about a customer added',
  },
  customer_note_changed: {
    id: 'admin.audit.action.customerNoteChanged',
    defaultMessage: 'Note about a customer changed',
  },
  customer_note_deleted: {
    id: 'admin.audit.action.customerNoteDeleted',
    defaultMessage: 'Note about a customer deleted',
  },
  data_exported: { id: 'admin.audit.action.dataExported', defaultMessage: 'Data exported' },
  import_started: { id: 'admin.audit.action.importStarted', defaultMessage: 'Import started' },
}) satisfies Record<Action, MessageDescriptor>;

const label = (action: string) => {
  const message = ACTION_LABEL[action as Action];
  return message ? t(message) : action;
};

/** `role: agent → admin, active: true → false`, or the details as they are. */
function describe(action: string, details: Record<string, unknown>): string {
  const entries = Object.entries(details);
  if (action === 'user_updated' || action === 'profile_updated') {
    return entries
      .map(([k, v]) => (Array.isArray(v) ? `${k}: ${JSON.stringify(v[0])} → ${JSON.stringify(v[1])}` : k))
      .join(', ');
  }
  return entries.map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`).join(', ');
}

/** Admin › Audit: the security events, newest first; read-only. */
export function AuditPage() {
  const [action, setAction] = useState<Action | null>(null);
  const intl = useIntl();
  const events = usePages(['admin', 'audit', action], (cursor) =>
    get('/admin/audit', { query: { limit: 50, cursor, action } }),
  );
  return (
    <LiveListPage
      query={events}
      title={intl.formatMessage({ id: 'admin.audit.title', defaultMessage: 'Audit trail' })}
      description={intl.formatMessage({
        id: 'admin.audit.description',
        defaultMessage:
          'Sign-ins, passwords, invitations, changes to who may do what, and API tokens: who, to whom, when and from where. Nothing here can be changed or deleted.',
      })}
      filter={
        <Select
          label={intl.formatMessage({ id: 'admin.audit.event', defaultMessage: 'Event' })}
          placeholder={intl.formatMessage({ id: 'admin.audit.everyEvent', defaultMessage: 'Every event' })}
          data={AUDIT_ACTIONS.map((a) => ({ value: a, label: intl.formatMessage(ACTION_LABEL[a]) }))}
          value={action}
          onChange={(v) => setAction(v as Action | null)}
          clearable
          w={280}
        />
      }
      empty={{
        icon: <IconShieldCheck aria-hidden />,
        title: intl.formatMessage({ id: 'admin.audit.emptyTitle', defaultMessage: 'No events yet' }),
      }}
      minWidth={720}
      head={
        <HeaderCells
          columns={[
            { label: intl.formatMessage({ id: 'admin.audit.when', defaultMessage: 'When' }), w: 150 },
            intl.formatMessage({ id: 'admin.audit.event', defaultMessage: 'Event' }),
            intl.formatMessage({ id: 'admin.audit.by', defaultMessage: 'By' }),
            intl.formatMessage({ id: 'admin.audit.concerning', defaultMessage: 'Concerning' }),
            intl.formatMessage({ id: 'admin.audit.address', defaultMessage: 'Address' }),
          ]}
        />
      }
    >
      {(e) => (
        <Table.Tr key={e.id}>
          <Table.Td>
            <Text size="sm">{formatDateTime(e.at)}</Text>
          </Table.Td>
          <Table.Td>
            <Text size="sm" fw={500}>
              {label(e.action)}
            </Text>
            {Object.keys(e.details).length > 0 && (
              <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                {describe(e.action, e.details)}
              </Text>
            )}
          </Table.Td>
          <Table.Td>
            <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
              {e.actor?.email ?? '—'}
            </Text>
          </Table.Td>
          <Table.Td>
            <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
              {e.subject?.email ?? '—'}
            </Text>
          </Table.Td>
          <Table.Td>{e.ip ? <Code>{e.ip}</Code> : '—'}</Table.Td>
        </Table.Tr>
      )}
    </LiveListPage>
  );
}
