import {
  ActionIcon,
  Box,
  Button,
  Group,
  Indicator,
  Popover,
  ScrollArea,
  Stack,
  Text,
  Tooltip,
  UnstyledButton,
} from '@mantine/core';
import { IconBell } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { defineMessages, FormattedMessage, type MessageDescriptor, useIntl } from 'react-intl';
import type { InAppNotification } from '../../../common/notifications';
import { get, send } from '../api/client';
import { t } from '../i18n/t';
import { formatDateTime, formatRelative } from '../lib/format';
import { ErrorAlert } from './bits';

const KEY = ['notifications'] as const;
/** Read again this often, and whenever the window comes back into focus. */
const POLL_MS = 30_000;

/** What happened, as the bell says it with the person's name. */
const BY = defineMessages({
  'ticket.mentioned': { id: 'common.bell.by.mentioned', defaultMessage: '{name} mentioned you in a note' },
  'ticket.assigned': { id: 'common.bell.by.assigned', defaultMessage: '{name} assigned a ticket to you' },
  'ticket.customer_reply': { id: 'common.bell.by.customerReply', defaultMessage: '{name} replied' },
  'ticket.reopened': { id: 'common.bell.by.reopened', defaultMessage: '{name} reopened a ticket' },
  'ticket.urgent': { id: 'common.bell.by.urgent', defaultMessage: '{name} opened an urgent ticket' },
  'ticket.sla_warning': {
    id: 'common.bell.by.slaWarning',
    defaultMessage: '{name}: a ticket is close to missing its service level',
  },
  'ticket.sla_breach': {
    id: 'common.bell.by.slaBreach',
    defaultMessage: '{name}: a ticket missed its service level',
  },
  other: { id: 'common.bell.by.other', defaultMessage: '{name} updated a ticket' },
});

/** What happened, as the bell says it without a person. */
const ALONE = defineMessages({
  'ticket.mentioned': { id: 'common.bell.alone.mentioned', defaultMessage: 'Mentioned you in a note' },
  'ticket.assigned': { id: 'common.bell.alone.assigned', defaultMessage: 'Assigned a ticket to you' },
  'ticket.customer_reply': { id: 'common.bell.alone.customerReply', defaultMessage: 'Replied' },
  'ticket.reopened': { id: 'common.bell.alone.reopened', defaultMessage: 'Reopened a ticket' },
  'ticket.urgent': { id: 'common.bell.alone.urgent', defaultMessage: 'Opened an urgent ticket' },
  'ticket.sla_warning': {
    id: 'common.bell.alone.slaWarning',
    defaultMessage: 'A ticket is close to missing its service level',
  },
  'ticket.sla_breach': {
    id: 'common.bell.alone.slaBreach',
    defaultMessage: 'A ticket missed its service level',
  },
  other: { id: 'common.bell.alone.other', defaultMessage: 'Updated a ticket' },
});

function describe(n: InAppNotification): string {
  if (n.actor)
    return t((BY as Record<string, MessageDescriptor>)[n.event] ?? BY.other, { name: n.actor.name });
  return t((ALONE as Record<string, MessageDescriptor>)[n.event] ?? ALONE.other);
}

/**
 * The bell in the staff header: how many in-app notifications are unread, and a list of the latest;
 * opening one marks it read and goes to its ticket.
 */
export function NotificationBell() {
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [opened, setOpened] = useState(false);
  const intl = useIntl();
  const count = useQuery({
    queryKey: [...KEY, 'unread'],
    queryFn: () => get('/notifications/unread-count'),
    refetchInterval: POLL_MS,
  });
  const list = useQuery({
    queryKey: [...KEY, 'list'],
    queryFn: () => get('/notifications', { query: { limit: 20 } }),
    enabled: opened,
  });
  const refresh = () => qc.invalidateQueries({ queryKey: KEY });
  const read = useMutation({
    mutationFn: (id: string) => send('POST /notifications/:id/read', { params: { id } }),
    onSettled: refresh,
  });
  const readAll = useMutation({ mutationFn: () => send('POST /notifications/read-all'), onSettled: refresh });
  const unread = count.data?.unread ?? 0;
  const open = (n: InAppNotification) => {
    setOpened(false);
    if (!n.readAt) read.mutate(n.id);
    void navigate({ to: '/agent/tickets/$number', params: { number: String(n.ticket.number) } });
  };
  const title = intl.formatMessage({ id: 'common.bell.title', defaultMessage: 'Notifications' });
  const label =
    unread > 0
      ? intl.formatMessage(
          { id: 'common.bell.unread', defaultMessage: '{count, plural, other {Notifications, # unread}}' },
          { count: unread },
        )
      : title;

  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-end" width={360} shadow="md" withinPortal>
      <Popover.Target>
        <Tooltip label={title} disabled={opened}>
          <Indicator
            label={unread > 99 ? '99+' : unread}
            size={16}
            disabled={unread === 0}
            offset={6}
            data-testid="bell-count"
            data-count={unread}
          >
            <ActionIcon
              variant="subtle"
              color="gray"
              size="lg"
              onClick={() => setOpened((o) => !o)}
              aria-label={label}
              aria-expanded={opened}
            >
              <IconBell size={20} aria-hidden />
            </ActionIcon>
          </Indicator>
        </Tooltip>
      </Popover.Target>
      <Popover.Dropdown p={0} aria-label={title}>
        <Group justify="space-between" px="sm" py="xs">
          <Text fw={600} size="sm">
            {title}
          </Text>
          <Button
            variant="subtle"
            size="compact-xs"
            disabled={unread === 0}
            loading={readAll.isPending}
            onClick={() => readAll.mutate()}
          >
            <FormattedMessage id="common.bell.markAllRead" defaultMessage="Mark all read" />
          </Button>
        </Group>
        {list.isError && (
          <ErrorAlert
            error={list.error}
            title={intl.formatMessage({
              id: 'common.bell.loadError',
              defaultMessage: 'Cannot load notifications',
            })}
          />
        )}
        <ScrollArea.Autosize mah={420}>
          <Stack gap={0} role="list" aria-label={title}>
            {list.data?.items.length === 0 && (
              <Text size="sm" c="dimmed" px="sm" pb="sm">
                <FormattedMessage
                  id="common.bell.empty"
                  defaultMessage="Nothing yet. Mentions, assignments and replies on your tickets show here."
                />
              </Text>
            )}
            {list.data?.items.map((n) => (
              <Box key={n.id} role="listitem">
                <UnstyledButton
                  w="100%"
                  onClick={() => open(n)}
                  px="sm"
                  py={8}
                  data-unread={n.readAt ? undefined : true}
                  style={{
                    borderTop: '1px solid var(--mantine-color-default-border)',
                    background: n.readAt ? undefined : 'var(--mantine-color-blue-light)',
                  }}
                >
                  <Text size="sm" fw={n.readAt ? 400 : 600}>
                    {describe(n)}
                  </Text>
                  <Text size="sm" lineClamp={1}>
                    #{n.ticket.number} {n.ticket.subject}
                  </Text>
                  <Text size="xs" c="dimmed">
                    <time dateTime={n.createdAt} title={formatDateTime(n.createdAt)}>
                      {formatRelative(n.createdAt)}
                    </time>
                  </Text>
                </UnstyledButton>
              </Box>
            ))}
          </Stack>
        </ScrollArea.Autosize>
      </Popover.Dropdown>
    </Popover>
  );
}
