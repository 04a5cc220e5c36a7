import { Badge, Box, Button, Card, Group, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { defineMessages, FormattedMessage, useIntl } from 'react-intl';
import { get, send } from '../../api/client';
import { fieldErrorOf, MutationForm, newPasswordHelp } from '../../components/AuthCard';
import { ErrorAlert } from '../../components/bits';
import { t } from '../../i18n/t';
import { formatDateTime } from '../../lib/format';

const sessionsKey = ['me', 'sessions'] as const;
const rowBorder = { borderTop: '1px solid var(--mantine-color-gray-3)' };

/** The two fields of a password change, as the API names them. */
const LABELS = defineMessages({
  current: { id: 'account.password.current', defaultMessage: 'Current password' },
  new: { id: 'account.password.new', defaultMessage: 'New password' },
});
const passwordFields = () =>
  [
    { key: 'currentPassword', label: t(LABELS.current), autoComplete: 'current-password' },
    { key: 'password', label: t(LABELS.new), autoComplete: 'new-password', description: newPasswordHelp() },
  ] as const;

/** Changing one's password: the current one first; every other session ends with the change. */
export function PasswordCard() {
  const qc = useQueryClient();
  const empty = { currentPassword: '', password: '' };
  const [values, setValues] = useState(empty);
  const intl = useIntl();
  const change = useMutation({
    mutationFn: () => send('PUT /me/password', { body: values }),
    onSuccess: () => {
      setValues(empty);
      void qc.invalidateQueries({ queryKey: sessionsKey });
      notifications.show({
        color: 'green',
        message: t({
          id: 'account.password.changed',
          defaultMessage: 'Password changed; you are signed out everywhere else',
        }),
      });
    },
  });
  const fieldError = fieldErrorOf(change.error);
  return (
    <Card withBorder padding="lg" radius="md">
      <Title order={2} size="h4" mb="sm">
        <FormattedMessage id="auth.field.password" defaultMessage="Password" />
      </Title>
      <Box maw={380}>
        <MutationForm
          mutation={change}
          submit={{
            label: intl.formatMessage({ id: 'account.password.change', defaultMessage: 'Change password' }),
            disabled: !values.currentPassword || !values.password,
          }}
        >
          {change.isError && !fieldError('currentPassword') && !fieldError('password') && (
            <ErrorAlert
              error={change.error}
              title={intl.formatMessage({
                id: 'account.password.failed',
                defaultMessage: 'Cannot change the password',
              })}
            />
          )}
          {passwordFields().map((f) => (
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
  if (!userAgent) return t({ id: 'account.sessions.unknownDevice', defaultMessage: 'Unknown device' });
  const browser = /Edg\//.test(userAgent)
    ? 'Edge'
    : (['Firefox', 'Chrome', 'Safari'].find((b) => userAgent.includes(b)) ??
      t({ id: 'account.sessions.aBrowser', defaultMessage: 'A browser' }));
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
  return os
    ? t({ id: 'account.sessions.browserOn', defaultMessage: '{browser} on {os}' }, { browser, os })
    : browser;
}

/** Where one is signed in: this browser and every other; end one, or all but this. */
export function SessionsCard() {
  const qc = useQueryClient();
  const sessions = useQuery({ queryKey: sessionsKey, queryFn: () => get('/me/sessions') });
  const refresh = () => qc.invalidateQueries({ queryKey: sessionsKey });
  const intl = useIntl();
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
        message: t(
          {
            id: 'account.sessions.endedOthers',
            defaultMessage: 'Signed out of {count, plural, one {# other session} other {# other sessions}}',
          },
          { count: ended },
        ),
      });
    },
  });
  if (sessions.isPending) return null;
  if (sessions.isError)
    return (
      <ErrorAlert
        error={sessions.error}
        title={intl.formatMessage({
          id: 'account.sessions.loadError',
          defaultMessage: 'Cannot load your sessions',
        })}
      />
    );
  const others = sessions.data.items.filter((s) => !s.current).length;
  return (
    <Card withBorder padding="lg" radius="md">
      <Group justify="space-between" mb="sm" wrap="wrap">
        <Title order={2} size="h4">
          <FormattedMessage id="account.sessions.title" defaultMessage="Where you are signed in" />
        </Title>
        <Button
          variant="light"
          size="xs"
          disabled={others === 0}
          loading={endOthers.isPending}
          onClick={() => endOthers.mutate()}
        >
          <FormattedMessage id="account.sessions.endOthers" defaultMessage="Sign out everywhere else" />
        </Button>
      </Group>
      {(end.isError || endOthers.isError) && <ErrorAlert error={end.error ?? endOthers.error} />}
      <Stack
        gap={0}
        component="ul"
        aria-label={intl.formatMessage({ id: 'account.sessions.list', defaultMessage: 'Your sessions' })}
        p={0}
        m={0}
        style={{ listStyle: 'none' }}
      >
        {sessions.data.items.map((s) => (
          <Group key={s.id} component="li" justify="space-between" wrap="nowrap" py="xs" style={rowBorder}>
            <Box miw={0}>
              <Text size="sm" fw={500}>
                {deviceName(s.userAgent)}
              </Text>
              <Text size="xs" c="dimmed">
                {s.ip ? (
                  <FormattedMessage
                    id="account.sessions.ipLastSeen"
                    defaultMessage="{ip} · last seen {date}"
                    values={{ ip: s.ip, date: formatDateTime(s.lastSeenAt) }}
                  />
                ) : (
                  <FormattedMessage
                    id="account.sessions.lastSeen"
                    defaultMessage="last seen {date}"
                    values={{ date: formatDateTime(s.lastSeenAt) }}
                  />
                )}
              </Text>
            </Box>
            {s.current ? (
              <Badge variant="light" style={{ flexShrink: 0 }}>
                <FormattedMessage id="account.sessions.thisBrowser" defaultMessage="This browser" />
              </Badge>
            ) : (
              <Button
                size="xs"
                variant="subtle"
                color="red"
                style={{ flexShrink: 0 }}
                aria-label={intl.formatMessage(
                  { id: 'account.sessions.endOne', defaultMessage: 'Sign out {device}, last seen {date}' },
                  { device: deviceName(s.userAgent), date: formatDateTime(s.lastSeenAt) },
                )}
                loading={end.isPending && end.variables === s.id}
                onClick={() => end.mutate(s.id)}
              >
                <FormattedMessage id="common.userMenu.signOut" defaultMessage="Sign out" />
              </Button>
            )}
          </Group>
        ))}
      </Stack>
    </Card>
  );
}
