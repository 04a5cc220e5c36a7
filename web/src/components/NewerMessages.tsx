import { Button, Group, Modal, ScrollArea, Stack, Text } from '@mantine/core';
import { FormattedMessage, useIntl } from 'react-intl';
import type { Message } from '../api/types';
import { Thread } from './Thread';

/**
 * Asked before a reply goes out when new messages came in since its writer started: shows them,
 * and sends only when told to. Nothing is locked; reading them first is the point.
 */
export function NewerMessages({
  messages,
  meId,
  sending,
  onSend,
  onClose,
}: {
  messages: Message[] | null;
  meId: string;
  sending: boolean;
  onSend: () => void;
  onClose: () => void;
}) {
  const count = messages?.length ?? 0;
  const intl = useIntl();
  return (
    <Modal
      opened={messages !== null}
      onClose={onClose}
      title={intl.formatMessage(
        {
          id: 'common.newer.title',
          defaultMessage: '{count, plural, one {A new message came in} other {# new messages came in}}',
        },
        { count },
      )}
      size="lg"
      data-testid="newer-messages"
    >
      <Stack gap="md">
        <Text size="sm">
          <FormattedMessage
            id="common.newer.text"
            defaultMessage="{count, plural, one {It arrived while you were writing. Read it before you send your reply.} other {They arrived while you were writing. Read them before you send your reply.}}"
            values={{ count }}
          />
        </Text>
        <ScrollArea.Autosize mah="50vh">
          <Thread messages={messages ?? []} meId={meId} />
        </ScrollArea.Autosize>
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            <FormattedMessage id="common.newer.back" defaultMessage="Back to my reply" />
          </Button>
          <Button onClick={onSend} loading={sending}>
            <FormattedMessage id="common.newer.send" defaultMessage="Send anyway" />
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
