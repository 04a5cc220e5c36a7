import { Badge, Box, Button, Card, Group, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { get, send } from '../../api/client';
import { fieldErrorOf, MutationForm, NEW_PASSWORD_HELP } from '../../components/AuthCard';
import { ErrorAlert } from '../../components/bits';
import { formatDateTime } from '../../lib/format';

const sessionsKey = ['me', 'sessions'] as const;
const rowBorder = { borderTop: '1px solid var(--mantine-color-gray-3)' };

/** The two fields of a password change, as the API names them. */
const PASSWORD_FIELDS = [
  { key: 'currentPassword', label: 'Current password', autoComplete: 'current-password' },
  { key: 'password', label: 'New password', autoComplete: 'new-password', description: NEW_PASSWORD_HELP },
] as const;

/** Changing one's password: the current one first; every other session ends with the change. */
export function PasswordCard() {
  const qc = useQueryClient();
  const empty = { currentPassword: '', password: '' };
  const [values, setValues] = useState(empty);
  const change = useMutation({
    mutationFn: () => send('PUT /me/password', { body: values }),
    onSuccess: () => {
      setValues(empty);
      void qc.invalidateQueries({ queryKey: sessionsKey });
      notifications.show({ color: 'green', message: 'Password changed; you are signed out everywhere else' });
    },
  });
  const fieldError = fieldErrorOf(change.error);
  return (
    <Card withBorder padding="lg" radius="md">
      <Title order={2} size="h4" mb="sm">
        Password
      </Title>
      <Box maw={380}>
        <MutationForm
          mutation={change}
          submit={{ label: 'Change password', disabled: !values.currentPassword || !values.password }}
        >
          {change.isError && !fieldError('currentPassword') && !fieldError('password') && (
            <ErrorAlert error={change.error} title="Cannot change the password" />
          )}
          {PASSWORD_FIELDS.map((f) => (
            <PasswordInput
              key={f.key}
              label={f.label}
              description={'description' in f ? f.description : undefined}
              name={f.autoComplete}
              autoComplete={f.autoComplete}
              value={values[f.key]}
              error={fieldError(f.key)}
              onChange={(e) => setValues({ ...values, [f.key]: e.currentTarget.value })}
            />
          ))}
        </MutationForm>
      </Box>
    </Card>
  );
}

/** A short name for a browser's user agent: "Firefox on Linux". */
export function deviceName(userAgent: string | null): string {
  if (!userAgent) return 'Unknown device';
  const browser = /Edg\//.test(userAgent)
    ? 'Edge'
    : (['Firefox', 'Chrome', 'Safari'].find((b) => userAgent.includes(b)) ?? 'A browser');
  const os = (
    [
      ['Windows', 'Windows'],
      ['Android', 'Android'],
      ['iPhone', 'iOS'],
      ['iPad', 'iPadOS'],
      ['Mac OS X', 'macOS'],
      ['Linux', 'Linux'],
    ] as const
  ).find(([needle]) => userAgent.includes(needle))?.[1];
  return os ? `${browser} on ${os}` : browser;
}

/** Where one is signed in: this browser and every other; end one, or all but this. */
export function SessionsCard() {
  const qc = useQueryClient();
  const sessions = useQuery({ queryKey: sessionsKey, queryFn: () => get('/me/sessions') });
  const refresh = () => qc.invalidateQueries({ queryKey: sessionsKey });
  const end = useMutation({
    mutationFn: (id: string) => send('DELETE /me/sessions/:id', { params: { id } }),
    onSuccess: refresh,
  });
  const endOthers = useMutation({
    mutationFn: () => send('DELETE /me/sessions'),
    onSuccess: ({ ended }) => {
      void refresh();
      notifications.show({
        color: 'green',
        message: `Signed out of ${ended} other session${ended === 1 ? '' : 's'}`,
      });
    },
  });
  if (sessions.isPending) return null;
  if (sessions.isError) return <ErrorAlert error={sessions.error} title="Cannot load your sessions" />;
  const others = sessions.data.items.filter((s) => !s.current).length;
  return (
    <Card withBorder padding="lg" radius="md">
      <Group justify="space-between" mb="sm" wrap="wrap">
        <Title order={2} size="h4">
          Where you are signed in
        </Title>
        <Button
          variant="light"
          size="xs"
          disabled={others === 0}
          loading={endOthers.isPending}
          onClick={() => endOthers.mutate()}
        >
          Sign out everywhere else
        </Button>
      </Group>
      {(end.isError || endOthers.isError) && <ErrorAlert error={end.error ?? endOthers.error} />}
      <Stack gap={0} component="ul" aria-label="Your sessions" p={0} m={0} style={{ listStyle: 'none' }}>
        {sessions.data.items.map((s) => (
          <Group key={s.id} component="li" justify="space-between" wrap="nowrap" py="xs" style={rowBorder}>
            <Box miw={0}>
              <Text size="sm" fw={500}>
                {deviceName(s.userAgent)}
              </Text>
              <Text size="xs" c="dimmed">
                {s.ip ? `${s.ip} · ` : ''}last seen {formatDateTime(s.lastSeenAt)}
              </Text>
            </Box>
            {s.current ? (
              <Badge variant="light" style={{ flexShrink: 0 }}>
                This browser
              </Badge>
            ) : (
              <Button
                size="xs"
                variant="subtle"
                color="red"
                style={{ flexShrink: 0 }}
                aria-label={`Sign out ${deviceName(s.userAgent)}, last seen ${formatDateTime(s.lastSeenAt)}`}
                loading={end.isPending && end.variables === s.id}
                onClick={() => end.mutate(s.id)}
              >
                Sign out
              </Button>
            )}
          </Group>
        ))}
      </Stack>
    </Card>
  );
}
