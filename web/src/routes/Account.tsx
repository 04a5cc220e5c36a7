import { Card, Stack, Switch, Table, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { defineMessages, FormattedMessage, type MessageDescriptor, useIntl } from 'react-intl';
import { send } from '../api/client';
import {
  keys,
  type NotificationPreferences,
  useMe,
  useMySubscriptions,
  useNotificationPreferences,
  useSubscriptionsEnabled,
} from '../api/hooks';
import { ErrorAlert, PageLoader } from '../components/bits';
import { SignatureCard } from '../components/SignatureEditor';
import { SubscriptionRow } from '../components/Subscriptions';
import { t } from '../i18n/t';
import { LanguageCard } from './account/LanguageCard';
import { ProfileCard } from './account/ProfileCard';
import { SecondFactorCard } from './account/SecondFactorCard';
import { PasswordCard, SessionsCard } from './account/SecurityCards';
import { TelegramCard } from './account/TelegramCard';

export function AccountPage() {
  const intl = useIntl();
  useDocumentTitle(
    intl.formatMessage({ id: 'account.documentTitle', defaultMessage: 'Account settings · Tessera' }),
  );
  const me = useMe();
  if (!me.data) return <PageLoader />;
  const u = me.data;
  return (
    <Stack gap="md" maw={760}>
      <Title order={1} size="h2">
        <FormattedMessage id="common.nav.accountSettings" defaultMessage="Account settings" />
      </Title>
      <ProfileCard me={u} />
      <LanguageCard me={u} />
      {u.role === 'customer' && <SubscriptionsCard />}
      {u.role !== 'customer' && <SignatureCard />}
      <PasswordCard />
      <SecondFactorCard />
      <SessionsCard />
      <TelegramCard />
      <NotificationPreferencesCard />
    </Stack>
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
const EVENT_LABEL: Record<string, MessageDescriptor> = defineMessages({
  'ticket.created': { id: 'account.notify.event.created', defaultMessage: 'New ticket in my departments' },
  'ticket.customer_reply': { id: 'account.notify.event.customerReply', defaultMessage: 'Customer reply' },
  'ticket.assigned': { id: 'account.notify.event.assigned', defaultMessage: 'Ticket assigned to me' },
  'ticket.urgent': { id: 'account.notify.event.urgent', defaultMessage: 'Urgent ticket' },
  'ticket.mentioned': { id: 'account.notify.event.mentioned', defaultMessage: 'Mentioned in a note' },
  'ticket.sla_warning': {
    id: 'account.notify.event.slaWarning',
    defaultMessage: 'Service-level target close',
  },
  'ticket.sla_breach': {
    id: 'account.notify.event.slaBreach',
    defaultMessage: 'Service-level target missed',
  },
  'ticket.staff_reply': { id: 'account.notify.event.staffReply', defaultMessage: 'Staff reply' },
  'ticket.waiting_on_customer': { id: 'account.notify.event.waitingOnYou', defaultMessage: 'Waiting on you' },
  'ticket.reminder': { id: 'account.notify.event.reminder', defaultMessage: 'Reminder' },
  'ticket.resolved': { id: 'account.notify.event.resolved', defaultMessage: 'Ticket resolved or closed' },
  'ticket.survey': { id: 'account.notify.event.survey', defaultMessage: 'Satisfaction survey' },
});
const eventLabel = (event: string) => {
  const label = EVENT_LABEL[event];
  return label ? t(label) : words(event);
};
const CHANNEL_MESSAGES = defineMessages({
  email: { id: 'common.channel.email', defaultMessage: 'Email' },
  in_app: { id: 'account.notify.channel.inApp', defaultMessage: 'In the app' },
});
const channelName = (c: string) => {
  if (c === 'telegram') return 'Telegram';
  if (c === 'whatsapp') return 'WhatsApp';
  if (c === 'email' || c === 'in_app') return t(CHANNEL_MESSAGES[c]);
  return words(c);
};

/**
 * Per-event, per-channel switches (on unless turned off). Shown only where the server has the
 * endpoint: on a server without it (404) the card is left out rather than offering dead switches.
 */
function NotificationPreferencesCard() {
  const prefs = useNotificationPreferences();
  const qc = useQueryClient();
  const intl = useIntl();
  const save = useMutation({
    mutationFn: (change: Record<string, Record<string, boolean>>) =>
      send('PUT /me/notification-preferences', { body: change }),
    onSuccess: (saved) => {
      qc.setQueryData(keys.notificationPreferences, saved);
      notifications.show({
        color: 'green',
        message: t({ id: 'account.notify.saved', defaultMessage: 'Notification preferences saved' }),
      });
    },
  });
  if (prefs.isPending || prefs.data === null) return null;
  if (prefs.isError)
    return (
      <ErrorAlert
        error={prefs.error}
        title={intl.formatMessage({
          id: 'account.notify.loadError',
          defaultMessage: 'Cannot load notification preferences',
        })}
      />
    );
  const data = asPreferences(prefs.data);
  if (!data || Object.keys(data).length === 0) return null;
  const channels = [...new Set(Object.values(data).flatMap((c) => Object.keys(c)))];
  return (
    <Card withBorder padding="lg" radius="md">
      <Title order={2} size="h4">
        <FormattedMessage id="account.notify.title" defaultMessage="Notification preferences" />
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        <FormattedMessage
          id="account.notify.intro"
          defaultMessage="What we tell you about, and how. Changes are saved at once."
        />
      </Text>
      {save.isError && (
        <ErrorAlert
          error={save.error}
          title={intl.formatMessage({ id: 'account.notSaved', defaultMessage: 'Not saved' })}
        />
      )}
      <Table.ScrollContainer minWidth={300}>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">
                <FormattedMessage id="account.notify.about" defaultMessage="Notify me about" />
              </Table.Th>
              {channels.map((c) => (
                <Table.Th key={c} scope="col" w={90}>
                  {channelName(c)}
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
                        aria-label={intl.formatMessage(
                          { id: 'account.notify.switch', defaultMessage: '{event} by {channel}' },
                          { event: eventLabel(event), channel: channelName(c) },
                        )}
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
        <FormattedMessage id="account.subscriptions.title" defaultMessage="Subscriptions" />
      </Title>
      {subs.isPending ? (
        <PageLoader />
      ) : subs.isError ? (
        <ErrorAlert error={subs.error} />
      ) : subs.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          <FormattedMessage
            id="account.subscriptions.none"
            defaultMessage="You have no subscription. You need an active one to open tickets; ask us to set one up."
          />
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
