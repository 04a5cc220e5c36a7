import { Badge, Button, Group, Text } from '@mantine/core';
import { FormattedMessage, useIntl } from 'react-intl';
import { send } from '../../../api/client';
import type { User } from '../../../api/types';
import { useAdminMutation } from '../../../components/admin';
import { formatDateTime } from '../../../lib/format';

// Whether a user can sign in yet, and the invitation that lets them: its state in the users list,
// and sending it again or withdrawing it.

/** Active, Deactivated, Invited (until when), or No password (cannot sign in yet). */
export function UserState({ user: u }: { user: User }) {
  if (!u.active)
    return (
      <Badge variant="dot" color="gray">
        <FormattedMessage id="admin.users.state.deactivated" defaultMessage="Deactivated" />
      </Badge>
    );
  if (u.invitedUntil)
    return (
      <>
        <Badge variant="dot" color="blue">
          <FormattedMessage id="admin.users.state.invited" defaultMessage="Invited" />
        </Badge>
        <Text size="xs" c="dimmed" mt={2}>
          <FormattedMessage
            id="admin.users.state.invitedUntil"
            defaultMessage="until {date}"
            values={{ date: formatDateTime(u.invitedUntil) }}
          />
        </Text>
      </>
    );
  if (!u.credentialsSet)
    return (
      <Badge variant="dot" color="yellow">
        <FormattedMessage id="admin.users.state.noPassword" defaultMessage="No password" />
      </Badge>
    );
  return (
    <Badge variant="dot" color="green">
      <FormattedMessage id="admin.users.state.active" defaultMessage="Active" />
    </Badge>
  );
}

/** For a user who cannot sign in yet: (re)send the invitation, or withdraw an open one. */
export function InvitationActions({ user: u }: { user: User }) {
  const intl = useIntl();
  const resend = useAdminMutation({
    fn: () => send('POST /users/:id/invitation', { params: { id: u.id } }),
    invalidate: [['users']],
    success: () =>
      intl.formatMessage(
        { id: 'admin.users.invitationSent', defaultMessage: 'Invitation sent to {email}' },
        { email: u.email },
      ),
  });
  const withdraw = useAdminMutation({
    fn: () => send('DELETE /users/:id/invitation', { params: { id: u.id } }),
    invalidate: [['users']],
    success: () =>
      intl.formatMessage(
        { id: 'admin.users.invitationWithdrawn', defaultMessage: 'Invitation to {email} withdrawn' },
        { email: u.email },
      ),
  });
  if (!u.active || u.credentialsSet) return null;
  return (
    <Group gap={4} wrap="nowrap">
      <Button
        size="compact-xs"
        variant="subtle"
        aria-label={
          u.invitedUntil
            ? intl.formatMessage(
                { id: 'admin.users.resendTo', defaultMessage: 'Resend the invitation to {email}' },
                { email: u.email },
              )
            : intl.formatMessage(
                { id: 'admin.users.inviteNamed', defaultMessage: 'Invite {email}' },
                { email: u.email },
              )
        }
        loading={resend.isPending}
        onClick={() => resend.mutate(undefined)}
      >
        {u.invitedUntil ? (
          <FormattedMessage id="admin.users.resend" defaultMessage="Resend" />
        ) : (
          <FormattedMessage id="admin.users.invite" defaultMessage="Invite" />
        )}
      </Button>
      {u.invitedUntil && (
        <Button
          size="compact-xs"
          variant="subtle"
          color="red"
          aria-label={intl.formatMessage(
            { id: 'admin.users.withdrawTo', defaultMessage: 'Withdraw the invitation to {email}' },
            { email: u.email },
          )}
          loading={withdraw.isPending}
          onClick={() => withdraw.mutate(undefined)}
        >
          <FormattedMessage id="admin.users.withdraw" defaultMessage="Withdraw" />
        </Button>
      )}
    </Group>
  );
}

/** For someone who lost their phone: their sign-in stops asking for an app's code (on the audit trail). */
export function ResetSecondFactor({ user: u }: { user: User }) {
  const intl = useIntl();
  const reset = useAdminMutation({
    fn: () => send('DELETE /users/:id/second-factor', { params: { id: u.id } }),
    invalidate: [['users']],
    success: () =>
      intl.formatMessage(
        {
          id: 'admin.users.secondFactorReset',
          defaultMessage: '{name} signs in with the password alone until they set up an app again',
        },
        { name: u.name },
      ),
  });
  if (reset.isSuccess) return null;
  return (
    <Group gap="sm" wrap="nowrap">
      <Text size="sm" c="dimmed">
        <FormattedMessage
          id="admin.users.usesAuthenticator"
          defaultMessage="Signs in with an authenticator app."
        />
      </Text>
      <Button
        size="compact-sm"
        variant="light"
        color="red"
        loading={reset.isPending}
        onClick={() => reset.mutate(undefined)}
      >
        <FormattedMessage id="admin.users.resetSecondFactor" defaultMessage="Reset two-factor sign-in" />
      </Button>
    </Group>
  );
}
