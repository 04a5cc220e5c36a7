import { Card, Radio, Stack, Switch, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { AccountSettings } from '../../../../../common/accounts';
import { get, send } from '../../../api/client';
import { useAdminMutation } from '../../../components/admin';
import { ErrorAlert } from '../../../components/bits';

export const accountSettingsKey = ['settings', 'accounts'] as const;

const REQUIRE_LABELS: Record<AccountSettings['requireSecondFactor'], string> = {
  off: 'Nobody: each person chooses',
  admins: 'Administrators',
  staff: 'All staff (administrators and agents)',
};

/**
 * Two settings of how accounts are run, each saved as soon as it is changed: who must sign in with
 * an authenticator app, and whether agents may invite customers.
 */
export function AccountsCard() {
  const qc = useQueryClient();
  const settings = useQuery({ queryKey: accountSettingsKey, queryFn: () => get('/settings/accounts') });
  const save = useAdminMutation({
    fn: (body: AccountSettings) => send('PUT /settings/accounts', { body }),
    invalidate: [],
    success: () => 'Account settings saved',
    onSuccess: (saved) => qc.setQueryData(accountSettingsKey, saved),
  });
  if (settings.isError) return <ErrorAlert error={settings.error} title="Cannot load the account settings" />;
  // While a change saves, it is shown as made.
  const value = save.isPending ? save.variables : settings.data;
  const busy = !value || save.isPending;
  const change = (patch: Partial<AccountSettings>) => value && save.mutate({ ...value, ...patch });
  return (
    <Card withBorder radius="md" padding="md">
      <Title order={2} size="h4" mb="sm">
        Accounts
      </Title>
      <Stack gap="lg">
        <Radio.Group
          label="Two-factor sign-in is required of"
          description="Those it is required of set up an authenticator app at their next sign-in, before they can do anything else, and cannot turn it off."
          value={value?.requireSecondFactor ?? 'off'}
          onChange={(v) => change({ requireSecondFactor: v as AccountSettings['requireSecondFactor'] })}
        >
          <Stack gap={6} mt="xs">
            {Object.entries(REQUIRE_LABELS).map(([v, label]) => (
              <Radio key={v} value={v} label={label} disabled={busy} />
            ))}
          </Stack>
        </Radio.Group>
        <Switch
          label="Agents invite customers"
          description="Agents can invite customers by email into the organisations whose tickets their departments handle."
          checked={value?.agentsInviteCustomers ?? false}
          disabled={busy}
          onChange={(e) => change({ agentsInviteCustomers: e.currentTarget.checked })}
        />
        <Text size="xs" c="dimmed">
          Every change is recorded on the audit trail.
        </Text>
      </Stack>
    </Card>
  );
}
