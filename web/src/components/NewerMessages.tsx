import { Button, Group, Modal, ScrollArea, Stack, Text } from '@mantine/core';
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
  return (
    <Modal
      opened={messages !== null}
      onClose={onClose}
      title={count === 1 ? 'A new message came in' : `${count} new messages came in`}
      size="lg"
      data-testid="newer-messages"
    >
      <Stack gap="md">
        <Text size="sm">
          {count === 1 ? 'It arrived' : 'They arrived'} while you were writing. Read{' '}
          {count === 1 ? 'it' : 'them'} before you send your reply.
        </Text>
        <ScrollArea.Autosize mah="50vh">
          <Thread messages={messages ?? []} meId={meId} />
        </ScrollArea.Autosize>
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            Back to my reply
          </Button>
          <Button onClick={onSend} loading={sending}>
            Send anyway
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
