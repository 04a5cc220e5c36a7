import { Card, Radio, Stack, Switch, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { defineMessages, FormattedMessage, type MessageDescriptor, useIntl } from 'react-intl';
import type { AccountSettings } from '../../../../../common/accounts';
import { get, send } from '../../../api/client';
import { useAdminMutation } from '../../../components/admin';
import { ErrorAlert } from '../../../components/bits';

export const accountSettingsKey = ['settings', 'accounts'] as const;

const REQUIRE_LABELS = defineMessages({
  off: { id: 'admin.signIn.require.off', defaultMessage: 'Nobody: each person chooses' },
  admins: { id: 'admin.signIn.require.admins', defaultMessage: 'Administrators' },
  staff: { id: 'admin.signIn.require.staff', defaultMessage: 'All staff (administrators and agents)' },
}) satisfies Record<AccountSettings['requireSecondFactor'], MessageDescriptor>;

/**
 * Two settings of how accounts are run, each saved as soon as it is changed: who must sign in with
 * an authenticator app, and whether agents may invite customers.
 */
export function AccountsCard() {
  const qc = useQueryClient();
  const intl = useIntl();
  const settings = useQuery({ queryKey: accountSettingsKey, queryFn: () => get('/settings/accounts') });
  const save = useAdminMutation({
    fn: (body: AccountSettings) => send('PUT /settings/accounts', { body }),
    invalidate: [],
    success: () =>
      intl.formatMessage({ id: 'admin.signIn.accountsSaved', defaultMessage: 'Account settings saved' }),
    onSuccess: (saved) => qc.setQueryData(accountSettingsKey, saved),
  });
  if (settings.isError)
    return (
      <ErrorAlert
        error={settings.error}
        title={intl.formatMessage({
          id: 'admin.signIn.accountsLoadError',
          defaultMessage: 'Cannot load the account settings',
        })}
      />
    );
  // While a change saves, it is shown as made.
  const value = save.isPending ? save.variables : settings.data;
  const busy = !value || save.isPending;
  const change = (patch: Partial<AccountSettings>) => value && save.mutate({ ...value, ...patch });
  return (
    <Card withBorder radius="md" padding="md">
      <Title order={2} size="h4" mb="sm">
        <FormattedMessage id="admin.signIn.accounts" defaultMessage="Accounts" />
      </Title>
      <Stack gap="lg">
        <Radio.Group
          label={intl.formatMessage({
            id: 'admin.signIn.requireLabel',
            defaultMessage: 'Two-factor sign-in is required of',
          })}
          description={intl.formatMessage({
            id: 'admin.signIn.requireHelp',
            defaultMessage:
              'Those it is required of set up an authenticator app at their next sign-in, before they can do anything else, and cannot turn it off.',
          })}
          value={value?.requireSecondFactor ?? 'off'}
          onChange={(v) => change({ requireSecondFactor: v as AccountSettings['requireSecondFactor'] })}
        >
          <Stack gap={6} mt="xs">
            {Object.entries(REQUIRE_LABELS).map(([v, label]) => (
              <Radio key={v} value={v} label={intl.formatMessage(label)} disabled={busy} />
            ))}
          </Stack>
        </Radio.Group>
        <Switch
          label={intl.formatMessage({
            id: 'admin.signIn.agentsInvite',
            defaultMessage: 'Agents invite customers',
          })}
          description={intl.formatMessage({
            id: 'admin.signIn.agentsInviteHelp',
            defaultMessage:
              'Agents can invite customers by email into the organisations whose tickets their departments handle.',
          })}
          checked={value?.agentsInviteCustomers ?? false}
          disabled={busy}
          onChange={(e) => change({ agentsInviteCustomers: e.currentTarget.checked })}
        />
        <Text size="xs" c="dimmed">
          <FormattedMessage
            id="admin.signIn.audited"
            defaultMessage="Every change is recorded on the audit trail."
          />
        </Text>
      </Stack>
    </Card>
  );
}
