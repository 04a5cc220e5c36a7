import { Code, Select, Table, Text } from '@mantine/core';
import { IconShieldCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { AUDIT_ACTIONS } from '../../../../common/audit';
import { get } from '../../api/client';
import { usePages } from '../../components/admin/lists';
import { HeaderCells, LiveListPage } from '../../components/admin/table';
import { formatDateTime } from '../../lib/format';

type Action = (typeof AUDIT_ACTIONS)[number];

const ACTION_LABEL: Record<Action, string> = {
  sign_in: 'Signed in',
  sign_in_failed: 'Sign-in failed',
  password_changed: 'Changed their password',
  password_reset: 'Reset their password',
  password_reset_requested: 'Password reset asked for',
  password_reset_suppressed: 'Password reset held back (limit)',
  password_set_by_admin: 'Password set by an administrator',
  invitation_sent: 'Invited',
  invitation_revoked: 'Invitation withdrawn',
  invitation_accepted: 'Accepted an invitation',
  user_created: 'User created',
  user_updated: 'User changed',
  sessions_ended: 'Signed out sessions',
  token_created: 'API token created',
  token_revoked: 'API token revoked',
  second_factor_enabled: 'Turned two-factor sign-in on',
  second_factor_disabled: 'Turned two-factor sign-in off',
  second_factor_reset: 'Two-factor sign-in reset by an administrator',
  settings_changed: 'Settings changed',
  sign_up_requested: 'Sign-up asked for',
  sign_up_suppressed: 'Sign-up mail held back (limit)',
  sign_up_existing_account: 'Sign-up for an address with an account',
  sign_up_verified: 'Signed up (address confirmed)',
  profile_updated: 'Changed their profile',
  customer_merged: 'Customer records merged',
  customer_note_added: 'Note about a customer added',
  customer_note_changed: 'Note about a customer changed',
  customer_note_deleted: 'Note about a customer deleted',
  data_exported: 'Data exported',
  import_started: 'Import started',
};

const label = (action: string) => ACTION_LABEL[action as Action] ?? action;

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
  const events = usePages(['admin', 'audit', action], (cursor) =>
    get('/admin/audit', { query: { limit: 50, cursor, action } }),
  );
  return (
    <LiveListPage
      query={events}
      title="Audit trail"
      description="Sign-ins, passwords, invitations, changes to who may do what, and API tokens: who, to whom, when and from where. Nothing here can be changed or deleted."
      filter={
        <Select
          label="Event"
          placeholder="Every event"
          data={AUDIT_ACTIONS.map((a) => ({ value: a, label: ACTION_LABEL[a] }))}
          value={action}
          onChange={(v) => setAction(v as Action | null)}
          clearable
          w={280}
        />
      }
      empty={{ icon: <IconShieldCheck aria-hidden />, title: 'No events yet' }}
      minWidth={720}
      head={<HeaderCells columns={[{ label: 'When', w: 150 }, 'Event', 'By', 'Concerning', 'Address']} />}
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
