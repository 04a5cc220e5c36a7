import { Badge, Button, Group, Text } from '@mantine/core';
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
        Deactivated
      </Badge>
    );
  if (u.invitedUntil)
    return (
      <>
        <Badge variant="dot" color="blue">
          Invited
        </Badge>
        <Text size="xs" c="dimmed" mt={2}>
          until {formatDateTime(u.invitedUntil)}
        </Text>
      </>
    );
  if (!u.credentialsSet)
    return (
      <Badge variant="dot" color="yellow">
        No password
      </Badge>
    );
  return (
    <Badge variant="dot" color="green">
      Active
    </Badge>
  );
}

/** For a user who cannot sign in yet: (re)send the invitation, or withdraw an open one. */
export function InvitationActions({ user: u }: { user: User }) {
  const resend = useAdminMutation({
    fn: () => send('POST /users/:id/invitation', { params: { id: u.id } }),
    invalidate: [['users']],
    success: () => `Invitation sent to ${u.email}`,
  });
  const withdraw = useAdminMutation({
    fn: () => send('DELETE /users/:id/invitation', { params: { id: u.id } }),
    invalidate: [['users']],
    success: () => `Invitation to ${u.email} withdrawn`,
  });
  if (!u.active || u.credentialsSet) return null;
  return (
    <Group gap={4} wrap="nowrap">
      <Button
        size="compact-xs"
        variant="subtle"
        aria-label={`${u.invitedUntil ? 'Resend the invitation to' : 'Invite'} ${u.email}`}
        loading={resend.isPending}
        onClick={() => resend.mutate(undefined)}
      >
        {u.invitedUntil ? 'Resend' : 'Invite'}
      </Button>
      {u.invitedUntil && (
        <Button
          size="compact-xs"
          variant="subtle"
          color="red"
          aria-label={`Withdraw the invitation to ${u.email}`}
          loading={withdraw.isPending}
          onClick={() => withdraw.mutate(undefined)}
        >
          Withdraw
        </Button>
      )}
    </Group>
  );
}

/** For someone who lost their phone: their sign-in stops asking for an app's code (on the audit trail). */
export function ResetSecondFactor({ user: u }: { user: User }) {
  const reset = useAdminMutation({
    fn: () => send('DELETE /users/:id/second-factor', { params: { id: u.id } }),
    invalidate: [['users']],
    success: () => `${u.name} signs in with the password alone until they set up an app again`,
  });
  if (reset.isSuccess) return null;
  return (
    <Group gap="sm" wrap="nowrap">
      <Text size="sm" c="dimmed">
        Signs in with an authenticator app.
      </Text>
      <Button
        size="compact-sm"
        variant="light"
        color="red"
        loading={reset.isPending}
        onClick={() => reset.mutate(undefined)}
      >
        Reset two-factor sign-in
      </Button>
    </Group>
  );
}
