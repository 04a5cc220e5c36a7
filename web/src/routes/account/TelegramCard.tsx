import { Alert, Anchor, Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBrandTelegram, IconExternalLink } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { GetResponse } from '../../../../common/routes';
import { get, send } from '../../api/client';
import { keys } from '../../api/hooks';
import { ErrorAlert } from '../../components/bits';
import { formatDateTime } from '../../lib/format';

type TelegramStatus = GetResponse<'/me/telegram'>;

const telegramKey = ['me', 'telegram'] as const;
/** Only a Telegram address is offered as a link: the URL comes from the server, but is checked. */
const isTelegramUrl = (url: string) => /^https:\/\/t\.me\//.test(url);

type DeepLink = { url: string; expiresAt: string };

/**
 * The Telegram link state, and the actions on it: a new deep link (checked often while one is
 * open), and unlinking. Linking or unlinking refreshes the notification preferences, which may then
 * offer Telegram or not.
 */
function useTelegram() {
  const qc = useQueryClient();
  const intl = useIntl();
  const [link, setLink] = useState<DeepLink | null>(null);
  const status = useQuery({
    queryKey: telegramKey,
    queryFn: () => get('/me/telegram'),
    refetchInterval: (q) => (link && !q.state.data?.linked ? 5000 : false),
  });
  const create = useMutation({
    mutationFn: () => send('POST /me/telegram/link'),
    onSuccess: setLink,
  });
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
      notifications.show({
        color: 'green',
        message: intl.formatMessage({ id: 'account.telegram.unlinked', defaultMessage: 'Telegram unlinked' }),
      });
    },
  });
  // The deep link to show: one not used yet and not expired.
  const pending = link && !linked && new Date(link.expiresAt).getTime() > Date.now() ? link : null;
  return { status, create, unlink, pending };
}
type Telegram = ReturnType<typeof useTelegram>;

/**
 * “Link Telegram”: a single-use deep link into the bot; once the user presses Start there, the
 * chat is linked and notices can go to Telegram. While a link is open the state is checked often.
 */
export function TelegramCard() {
  const telegram = useTelegram();
  const { status, create, unlink } = telegram;
  const intl = useIntl();
  if (status.isPending) return null;
  if (status.isError)
    return (
      <ErrorAlert
        error={status.error}
        title={intl.formatMessage({
          id: 'account.telegram.loadError',
          defaultMessage: 'Cannot load the Telegram link',
        })}
      />
    );
  const s = status.data;
  return (
    <Card withBorder padding="lg" radius="md">
      <Group gap="xs" mb="xs">
        <IconBrandTelegram size={20} aria-hidden />
        <Title order={2} size="h4">
          Telegram
        </Title>
        {s.linked && (
          <Badge color={s.broken ? 'red' : 'green'} variant="light">
            {s.broken ? (
              <FormattedMessage id="account.telegram.notDelivering" defaultMessage="Not delivering" />
            ) : (
              <FormattedMessage id="account.telegram.linked" defaultMessage="Linked" />
            )}
          </Badge>
        )}
      </Group>
      {!s.available ? (
        <Text size="sm" c="dimmed">
          <FormattedMessage
            id="account.telegram.unavailable"
            defaultMessage="Telegram notices are not set up on this installation."
          />
        </Text>
      ) : s.linked ? (
        <Linked status={s} telegram={telegram} />
      ) : (
        <NotLinked telegram={telegram} />
      )}
      {(create.isError || unlink.isError) && (
        <ErrorAlert
          error={create.error ?? unlink.error}
          title={intl.formatMessage({ id: 'account.telegram.failed', defaultMessage: 'That did not work' })}
        />
      )}
    </Card>
  );
}

function Linked({ status: s, telegram }: { status: TelegramStatus; telegram: Telegram }) {
  const { create, unlink, pending } = telegram;
  const intl = useIntl();
  const since = s.linkedAt ? formatDateTime(s.linkedAt) : null;
  return (
    <Stack gap="sm">
      <Text size="sm">
        {s.username && since ? (
          <FormattedMessage
            id="account.telegram.linkedToSince"
            defaultMessage="Linked to @{username} since {date}. Notices you choose below are sent there."
            values={{ username: s.username, date: since }}
          />
        ) : s.username ? (
          <FormattedMessage
            id="account.telegram.linkedTo"
            defaultMessage="Linked to @{username}. Notices you choose below are sent there."
            values={{ username: s.username }}
          />
        ) : since ? (
          <FormattedMessage
            id="account.telegram.linkedChatSince"
            defaultMessage="Linked to your Telegram chat since {date}. Notices you choose below are sent there."
            values={{ date: since }}
          />
        ) : (
          <FormattedMessage
            id="account.telegram.linkedChat"
            defaultMessage="Linked to your Telegram chat. Notices you choose below are sent there."
          />
        )}
      </Text>
      {s.broken && (
        <Alert
          color="red"
          variant="light"
          title={intl.formatMessage({
            id: 'account.telegram.refused',
            defaultMessage: 'Telegram refused our last notice',
          })}
        >
          <Text size="sm">
            {s.brokenReason ? (
              <FormattedMessage
                id="account.telegram.refusedReason"
                defaultMessage="{reason} Link again to receive notices."
                values={{ reason: s.brokenReason }}
              />
            ) : (
              <FormattedMessage
                id="account.telegram.refusedBlocked"
                defaultMessage="The bot may have been blocked. Link again to receive notices."
              />
            )}
          </Text>
        </Alert>
      )}
      <Group gap="sm">
        {s.broken && (
          <Button size="sm" onClick={() => create.mutate()} loading={create.isPending}>
            <FormattedMessage id="account.telegram.linkAgain" defaultMessage="Link again" />
          </Button>
        )}
        <Button
          size="sm"
          variant="default"
          color="red"
          onClick={() => unlink.mutate()}
          loading={unlink.isPending}
        >
          <FormattedMessage id="account.telegram.unlink" defaultMessage="Unlink Telegram" />
        </Button>
      </Group>
      {pending && <TelegramDeepLink link={pending} />}
    </Stack>
  );
}

function NotLinked({ telegram: { create, pending } }: { telegram: Telegram }) {
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        <FormattedMessage
          id="account.telegram.intro"
          defaultMessage="Get notices about your tickets in Telegram. Not linked yet."
        />
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
            <FormattedMessage id="account.telegram.link" defaultMessage="Link Telegram" />
          </Button>
        </Group>
      )}
    </Stack>
  );
}

function TelegramDeepLink({ link }: { link: DeepLink }) {
  const intl = useIntl();
  return (
    <Alert
      color="blue"
      variant="light"
      title={intl.formatMessage({
        id: 'account.telegram.openTitle',
        defaultMessage: 'Open Telegram and press Start',
      })}
      role="status"
    >
      <Stack gap={6}>
        {isTelegramUrl(link.url) ? (
          <Anchor href={link.url} target="_blank" rel="noopener noreferrer" fw={600}>
            <Group gap={4} wrap="nowrap" component="span">
              <FormattedMessage
                id="account.telegram.openBot"
                defaultMessage="Open the Tessera bot in Telegram"
              />
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
          <FormattedMessage
            id="account.telegram.linkExpires"
            defaultMessage="The link works once, until {date}. This page updates when the chat is linked."
            values={{ date: formatDateTime(link.expiresAt) }}
          />
        </Text>
      </Stack>
    </Alert>
  );
}
