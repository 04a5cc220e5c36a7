import { Badge, Button, Card, Group, PasswordInput, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ApiError, get, send } from '../../api/client';
import { ErrorAlert } from '../../components/bits';
import { formatDateTime } from '../../lib/format';

const sessionsKey = ['me', 'sessions'] as const;

/** Changing one's password: the current one first; every other session ends with the change. */
export function PasswordCard() {
  const qc = useQueryClient();
  const [currentPassword, setCurrent] = useState('');
  const [password, setPassword] = useState('');
  const change = useMutation({
    mutationFn: () => send('PUT /me/password', { body: { currentPassword, password } }),
    onSuccess: () => {
      setCurrent('');
      setPassword('');
      void qc.invalidateQueries({ queryKey: sessionsKey });
      notifications.show({ color: 'green', message: 'Password changed; you are signed out everywhere else' });
    },
  });
  const fieldError = (f: string) =>
    change.error instanceof ApiError ? change.error.fieldError(f) : undefined;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    change.mutate();
  };
  return (
    <Card withBorder padding="lg" radius="md">
      <Title order={2} size="h4" mb="sm">
        Password
      </Title>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm" maw={380}>
          {change.isError && !fieldError('currentPassword') && !fieldError('password') && (
            <ErrorAlert error={change.error} title="Cannot change the password" />
          )}
          <PasswordInput
            label="Current password"
            name="current-password"
            autoComplete="current-password"
            value={currentPassword}
            error={fieldError('currentPassword')}
            onChange={(e) => setCurrent(e.currentTarget.value)}
          />
          <PasswordInput
            label="New password"
            description="8 characters or more; very common passwords are refused"
            name="new-password"
            autoComplete="new-password"
            value={password}
            error={fieldError('password')}
            onChange={(e) => setPassword(e.currentTarget.value)}
          />
          <Group>
            <Button type="submit" loading={change.isPending} disabled={!currentPassword || !password}>
              Change password
            </Button>
          </Group>
        </Stack>
      </form>
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
      <Table.ScrollContainer minWidth={320}>
        <Table verticalSpacing="xs" aria-label="Your sessions">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Device</Table.Th>
              <Table.Th>Last seen</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sessions.data.items.map((s) => (
              <Table.Tr key={s.id}>
                <Table.Td>
                  <Text size="sm">{deviceName(s.userAgent)}</Text>
                  <Text size="xs" c="dimmed">
                    {s.ip ? `${s.ip} · ` : ''}signed in {formatDateTime(s.createdAt)}
                  </Text>
                </Table.Td>
                <Table.Td>{formatDateTime(s.lastSeenAt)}</Table.Td>
                <Table.Td ta="right">
                  {s.current ? (
                    <Badge variant="light">This browser</Badge>
                  ) : (
                    <Button
                      size="xs"
                      variant="subtle"
                      color="red"
                      loading={end.isPending && end.variables === s.id}
                      onClick={() => end.mutate(s.id)}
                    >
                      Sign out
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Card>
  );
}
