import { Anchor, Avatar, Badge, Box, Group, Paper, Stack, Text } from '@mantine/core';
import { IconLock, IconPaperclip } from '@tabler/icons-react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { Message } from '../api/types';
import { channelLabel, formatBytes, initials } from '../lib/format';
import { Time } from './bits';
import classes from './Thread.module.css';

export type ThreadNote = { id: string; createdAt: string; text: string };

/**
 * A conversation, oldest first. Staff messages carry a blue "Support" label, the reader's own
 * "You" (seed 000); internal notes (staff only) are yellow with an "Internal note" badge. Bodies
 * are shown as the server rendered and sanitised them (`html`): the web never renders markup itself.
 */
export function Thread({
  messages,
  meId,
  notes = [],
}: {
  messages: Message[];
  meId: string;
  /** Small lines between messages, such as "Status changed to Resolved". */
  notes?: ThreadNote[];
}) {
  const items = [
    ...messages.map((m) => ({ kind: 'message' as const, at: m.createdAt, m })),
    ...notes.map((n) => ({ kind: 'note' as const, at: n.createdAt, n })),
  ].sort((a, b) => a.at.localeCompare(b.at));
  const intl = useIntl();

  return (
    <Stack
      gap="sm"
      component="ol"
      className={classes.list}
      aria-label={intl.formatMessage({ id: 'common.thread.label', defaultMessage: 'Conversation' })}
    >
      {items.map((item) =>
        item.kind === 'note' ? (
          <li key={`n-${item.n.id}`} className={classes.note}>
            <Text size="xs" c="dimmed" ta="center">
              {item.n.text} · <Time iso={item.n.createdAt} />
            </Text>
          </li>
        ) : (
          <MessageItem key={item.m.id} message={item.m} mine={item.m.author?.id === meId} />
        ),
      )}
    </Stack>
  );
}

function MessageItem({ message, mine }: { message: Message; mine: boolean }) {
  const staff = message.author?.role === 'agent' || message.author?.role === 'admin';
  // A note without an author is a trigger's (its timeline event names the trigger).
  const intl = useIntl();
  const name =
    message.author?.name ??
    (message.internal
      ? intl.formatMessage({ id: 'common.thread.automation', defaultMessage: 'Automation' })
      : intl.formatMessage({ id: 'common.thread.unknownSender', defaultMessage: 'Unknown sender' }));
  const kind = message.internal ? 'internal' : staff ? 'staff' : 'customer';
  return (
    <Paper
      component="li"
      withBorder
      p="md"
      radius="md"
      className={classes.message}
      data-kind={kind}
      data-testid="message"
      aria-label={intl.formatMessage(
        {
          id: 'common.thread.messageLabel',
          defaultMessage:
            '{internal, select, true {Internal note} other {Message}} from {mine, select, true {you} other {{name}}}',
        },
        { internal: String(message.internal), mine: String(mine), name },
      )}
    >
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs" mb="xs">
        <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
          <Avatar radius="xl" size="md" color={staff ? 'blue' : 'gray'} aria-hidden>
            {initials(name)}
          </Avatar>
          <Box style={{ minWidth: 0 }}>
            <Group gap={6} wrap="wrap">
              <Text fw={600} size="sm" truncate>
                {name}
              </Text>
              {message.internal && (
                <Badge
                  color="yellow"
                  variant="filled"
                  c="dark"
                  leftSection={<IconLock size={12} aria-hidden />}
                >
                  <FormattedMessage id="common.thread.internalNote" defaultMessage="Internal note" />
                </Badge>
              )}
              {staff && !message.internal && (
                <Badge color="blue" variant="filled">
                  <FormattedMessage id="common.thread.support" defaultMessage="Support" />
                </Badge>
              )}
              {mine && (
                <Badge color="teal" variant="light">
                  <FormattedMessage id="common.thread.you" defaultMessage="You" />
                </Badge>
              )}
            </Group>
            <Text size="xs" c="dimmed">
              <FormattedMessage
                id="common.thread.timeVia"
                defaultMessage="{time} · via {channel}"
                values={{ time: <Time iso={message.createdAt} />, channel: channelLabel(message.channel) }}
              />
            </Text>
          </Box>
        </Group>
      </Group>
      <Box
        className={classes.body}
        fz="sm"
        data-testid="message-body"
        // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised on the server with one allow-list (src/lib/format.ts)
        dangerouslySetInnerHTML={{ __html: message.html }}
      />
      {message.attachments.length > 0 && (
        <Stack
          gap={4}
          mt="sm"
          component="ul"
          className={classes.attachments}
          aria-label={intl.formatMessage({ id: 'common.thread.attachments', defaultMessage: 'Attachments' })}
        >
          {message.attachments.map((a) => (
            <li key={a.id}>
              <Group gap={6} wrap="nowrap">
                <IconPaperclip size={14} aria-hidden />
                <Anchor href={`/api/v1/attachments/${a.id}`} size="sm" download={a.filename}>
                  {a.filename}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {formatBytes(a.size)}
                </Text>
              </Group>
            </li>
          ))}
        </Stack>
      )}
    </Paper>
  );
}
