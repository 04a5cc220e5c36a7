import { Alert, Anchor, Badge, Button, Card, Group, Stack, Switch, Table, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconBrandTelegram, IconExternalLink } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { PREFERENCE_EVENTS } from '../../../common/notifications';
import { get, send } from '../api/client';
import {
  keys,
  type NotificationPreferences,
  useMe,
  useMySubscriptions,
  useNotificationPreferences,
  useOrganisation,
  useSubscriptionsEnabled,
} from '../api/hooks';
import { ErrorAlert, PageLoader } from '../components/bits';
import { SubscriptionRow } from '../components/Subscriptions';
import { formatDate, formatDateTime } from '../lib/format';

const ROLE_LABEL = { customer: 'Customer', agent: 'Agent', admin: 'Administrator' } as const;

export function AccountPage() {
  useDocumentTitle('Account settings · Tessera');
  const me = useMe();
  const org = useOrganisation(me.data?.organisationId);
  if (!me.data) return <PageLoader />;
  const u = me.data;
  return (
    <Stack gap="md" maw={760}>
      <Title order={1} size="h2">
        Account settings
      </Title>
      <Card withBorder padding="lg" radius="md">
        <Title order={2} size="h4" mb="sm">
          Profile
        </Title>
        <Stack gap="sm" component="dl" m={0}>
          <Row label="Name">{u.name}</Row>
          <Row label="Email">{u.email}</Row>
          <Row label="Role">
            <Badge variant="light">{ROLE_LABEL[u.role]}</Badge>
          </Row>
          {u.organisationId && <Row label="Organisation">{org.data?.name ?? '…'}</Row>}
          {u.phone && <Row label="Phone">{u.phone}</Row>}
          <Row label="Member since">{formatDate(u.createdAt)}</Row>
        </Stack>
        <Text size="xs" c="dimmed" mt="md">
          To change your name or email, ask your support team or administrator.
        </Text>
      </Card>
      {u.role === 'customer' && <SubscriptionsCard />}
      <TelegramCard />
      <NotificationPreferencesCard />
    </Stack>
  );
}

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Group gap="md" wrap="nowrap" align="baseline">
      <Text component="dt" size="sm" c="dimmed" w={{ base: 96, sm: 130 }} style={{ flexShrink: 0 }}>
        {label}
      </Text>
      <Text component="dd" size="sm" m={0} style={{ overflowWrap: 'anywhere', minWidth: 0, flex: 1 }}>
        {children}
      </Text>
    </Group>
  );
}

/** A record of records of booleans: `{ event: { channel: on } }`, as the API gives it. */
function asPreferences(v: unknown): NotificationPreferences | null {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return null;
  for (const channels of Object.values(v as Record<string, unknown>)) {
    if (!channels || typeof channels !== 'object' || Array.isArray(channels)) return null;
    if (!Object.values(channels).every((b) => typeof b === 'boolean')) return null;
  }
  return v as NotificationPreferences;
}

const words = (key: string) => {
  const s = key.replace(/^ticket\./, '').replace(/[._]/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
};
const eventLabel = (event: string) =>
  (PREFERENCE_EVENTS as Record<string, { label: string } | undefined>)[event]?.label ?? words(event);
const CHANNEL_NAME: Record<string, string> = { email: 'Email', telegram: 'Telegram', whatsapp: 'WhatsApp' };

/**
 * Per-event, per-channel switches (on unless turned off). Shown only where the server has the
 * endpoint: on a server without it (404) the card is left out rather than offering dead switches.
 */
function NotificationPreferencesCard() {
  const prefs = useNotificationPreferences();
  const qc = useQueryClient();
  const save = useMutation({
    mutationFn: (change: Record<string, Record<string, boolean>>) =>
      send('PUT /me/notification-preferences', { body: change }),
    onSuccess: (saved) => {
      qc.setQueryData(keys.notificationPreferences, saved);
      notifications.show({ color: 'green', message: 'Notification preferences saved' });
    },
  });
  if (prefs.isPending || prefs.data === null) return null;
  if (prefs.isError) return <ErrorAlert error={prefs.error} title="Cannot load notification preferences" />;
  const data = asPreferences(prefs.data);
  if (!data || Object.keys(data).length === 0) return null;
  const channels = [...new Set(Object.values(data).flatMap((c) => Object.keys(c)))];
  return (
    <Card withBorder padding="lg" radius="md">
      <Title order={2} size="h4">
        Notification preferences
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        What we tell you about, and how. Changes are saved at once.
      </Text>
      {save.isError && <ErrorAlert error={save.error} title="Not saved" />}
      <Table.ScrollContainer minWidth={300}>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Notify me about</Table.Th>
              {channels.map((c) => (
                <Table.Th key={c} scope="col" w={90}>
                  {CHANNEL_NAME[c] ?? words(c)}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {Object.entries(data).map(([event, byChannel]) => (
              <Table.Tr key={event}>
                <Table.Th scope="row" fw={400}>
                  {eventLabel(event)}
                </Table.Th>
                {channels.map((c) => (
                  <Table.Td key={c}>
                    {c in byChannel ? (
                      <Switch
                        aria-label={`${eventLabel(event)} by ${CHANNEL_NAME[c] ?? words(c)}`}
                        checked={byChannel[c]}
                        disabled={save.isPending}
                        onChange={(e) => save.mutate({ [event]: { [c]: e.currentTarget.checked } })}
                      />
                    ) : null}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Card>
  );
}

function SubscriptionsCard() {
  const enabled = useSubscriptionsEnabled();
  const subs = useMySubscriptions(enabled.data === true);
  if (enabled.data !== true) return null;
  return (
    <Card withBorder padding="lg" radius="md">
      <Title order={2} size="h4" mb="sm">
        Subscriptions
      </Title>
      {subs.isPending ? (
        <PageLoader />
      ) : subs.isError ? (
        <ErrorAlert error={subs.error} />
      ) : subs.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          You have no subscription. You need an active one to open tickets; ask us to set one up.
        </Text>
      ) : (
        <Stack gap="md">
          {subs.data.map((s) => (
            <SubscriptionRow key={s.id} s={s} />
          ))}
        </Stack>
      )}
    </Card>
  );
}

const telegramKey = ['me', 'telegram'] as const;
/** Only a Telegram address is offered as a link: the URL comes from the server, but is checked. */
const isTelegramUrl = (url: string) => /^https:\/\/t\.me\//.test(url);

/**
 * “Link Telegram”: a single-use deep link into the bot; once the user presses Start there, the
 * chat is linked and notices can go to Telegram. While a link is open the state is checked often.
 */
function TelegramCard() {
  const qc = useQueryClient();
  const [link, setLink] = useState<{ url: string; expiresAt: string } | null>(null);
  const status = useQuery({
    queryKey: telegramKey,
    queryFn: () => get('/me/telegram'),
    refetchInterval: (q) => (link && !q.state.data?.linked ? 5000 : false),
  });
  const create = useMutation({
    mutationFn: () => send('POST /me/telegram/link'),
    onSuccess: setLink,
  });
  // Once linked, the notification preferences may offer Telegram too.
  const linked = status.data?.linked;
  const wasLinked = useRef(linked);
  useEffect(() => {
    if (wasLinked.current !== undefined && linked !== wasLinked.current)
      void qc.invalidateQueries({ queryKey: keys.notificationPreferences });
    wasLinked.current = linked;
  }, [linked, qc]);
  const unlink = useMutation({
    mutationFn: () => send('DELETE /me/telegram'),
    onSuccess: () => {
      setLink(null);
      void qc.invalidateQueries({ queryKey: telegramKey });
      void qc.invalidateQueries({ queryKey: keys.notificationPreferences });
      notifications.show({ color: 'green', message: 'Telegram unlinked' });
    },
  });
  if (status.isPending) return null;
  if (status.isError) return <ErrorAlert error={status.error} title="Cannot load the Telegram link" />;
  const s = status.data;
  const pending = link && !s.linked && new Date(link.expiresAt).getTime() > Date.now() ? link : null;
  return (
    <Card withBorder padding="lg" radius="md">
      <Group gap="xs" mb="xs">
        <IconBrandTelegram size={20} aria-hidden />
        <Title order={2} size="h4">
          Telegram
        </Title>
        {s.linked && (
          <Badge color={s.broken ? 'red' : 'green'} variant="light">
            {s.broken ? 'Not delivering' : 'Linked'}
          </Badge>
        )}
      </Group>
      {!s.available ? (
        <Text size="sm" c="dimmed">
          Telegram notices are not set up on this installation.
        </Text>
      ) : s.linked ? (
        <Stack gap="sm">
          <Text size="sm">
            Linked to {s.username ? `@${s.username}` : 'your Telegram chat'}
            {s.linkedAt ? ` since ${formatDateTime(s.linkedAt)}` : ''}. Notices you choose below are sent
            there.
          </Text>
          {s.broken && (
            <Alert color="red" variant="light" title="Telegram refused our last notice">
              <Text size="sm">
                {s.brokenReason ?? 'The bot may have been blocked.'} Link again to receive notices.
              </Text>
            </Alert>
          )}
          <Group gap="sm">
            {s.broken && (
              <Button size="sm" onClick={() => create.mutate()} loading={create.isPending}>
                Link again
              </Button>
            )}
            <Button
              size="sm"
              variant="default"
              color="red"
              onClick={() => unlink.mutate()}
              loading={unlink.isPending}
            >
              Unlink Telegram
            </Button>
          </Group>
          {pending && <TelegramDeepLink link={pending} />}
        </Stack>
      ) : (
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            Get notices about your tickets in Telegram. Not linked yet.
          </Text>
          {pending ? (
            <TelegramDeepLink link={pending} />
          ) : (
            <Group>
              <Button
                size="sm"
                leftSection={<IconBrandTelegram size={16} aria-hidden />}
                onClick={() => create.mutate()}
                loading={create.isPending}
              >
                Link Telegram
              </Button>
            </Group>
          )}
        </Stack>
      )}
      {(create.isError || unlink.isError) && (
        <ErrorAlert error={create.error ?? unlink.error} title="That did not work" />
      )}
    </Card>
  );
}

function TelegramDeepLink({ link }: { link: { url: string; expiresAt: string } }) {
  return (
    <Alert color="blue" variant="light" title="Open Telegram and press Start" role="status">
      <Stack gap={6}>
        {isTelegramUrl(link.url) ? (
          <Anchor href={link.url} target="_blank" rel="noopener noreferrer" fw={600}>
            <Group gap={4} wrap="nowrap" component="span">
              Open the Tessera bot in Telegram
              <IconExternalLink size={14} aria-hidden />
            </Group>
          </Anchor>
        ) : (
          <Text size="sm">{link.url}</Text>
        )}
        <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
          {link.url}
        </Text>
        <Text size="xs" c="dimmed">
          The link works once, until {formatDateTime(link.expiresAt)}. This page updates when the chat is
          linked.
        </Text>
      </Stack>
    </Alert>
  );
}
