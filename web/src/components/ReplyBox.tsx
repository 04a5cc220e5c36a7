import { Alert, Button, Group, Paper, Stack, Text, Textarea } from '@mantine/core';
import { useMergedRef } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconLock } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { forwardRef, type ReactNode, useRef, useState } from 'react';
import { send } from '../api/client';
import { keys } from '../api/hooks';
import type { Message } from '../api/types';
import { AttachmentPicker, useAttachments } from './Attachments';
import { ErrorAlert } from './bits';

/** Sends a message on a ticket and refreshes what it changes (thread, ticket, timeline, lists). */
export function useSendMessage(number: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { body: string; internal: boolean; attachmentIds?: string[] }) =>
      send('POST /tickets/:number/messages', { params: { number }, body: input }),
    onSuccess: (message) => {
      qc.setQueryData<Message[]>(keys.messages(number), (old) => (old ? [...old, message] : [message]));
      void qc.invalidateQueries({ queryKey: keys.ticket(number) });
      void qc.invalidateQueries({ queryKey: ['tickets'] });
    },
  });
}

type Props = {
  number: number;
  internal?: boolean;
  /** Why replies are not possible; the form is shown disabled with this reason. */
  blockedReason?: string | null;
  blockedAction?: ReactNode;
  label?: string;
  placeholder?: string;
  onSent?: () => void;
  header?: ReactNode;
  /** Extra controls beside "Attach files"; `insert` puts text in the box at the cursor. */
  tools?: (insert: (text: string) => void) => ReactNode;
};

/**
 * What is being written, its files, and sending it: emptied, announced and `onSent` once sent.
 * `insert` puts text at the cursor of the box `own` points to.
 */
function useDraft(number: number, internal: boolean, blocked: boolean, onSent?: () => void) {
  const [body, setBody] = useState('');
  const own = useRef<HTMLTextAreaElement>(null);
  const insert = (text: string) => {
    const el = own.current;
    const at = el ? el.selectionStart : body.length;
    const end = el ? el.selectionEnd : body.length;
    const next = body.slice(0, at) + text + body.slice(end);
    setBody(next);
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(at + text.length, at + text.length);
    });
  };
  const send = useSendMessage(number);
  const attachments = useAttachments();
  const submit = () => {
    if (!body.trim() || blocked || send.isPending || attachments.uploading) return;
    send.mutate(
      { body, internal, ...(attachments.ids.length ? { attachmentIds: attachments.ids } : {}) },
      {
        onSuccess: () => {
          setBody('');
          attachments.clear();
          notifications.show({
            color: internal ? 'yellow' : 'green',
            message: internal ? 'Internal note added' : 'Reply sent',
          });
          onSent?.();
        },
      },
    );
  };
  return { body, setBody, own, insert, send, attachments, submit };
}

/** The reply form. Ctrl/⌘+Enter sends. Disabled, with the reason, where replying is not allowed. */
export const ReplyBox = forwardRef<HTMLTextAreaElement, Props>(function ReplyBox(
  { number, internal = false, blockedReason, blockedAction, label, placeholder, onSent, header, tools },
  ref,
) {
  const blocked = Boolean(blockedReason);
  const { body, setBody, own, insert, send, attachments, submit } = useDraft(
    number,
    internal,
    blocked,
    onSent,
  );
  const textareaRef = useMergedRef(ref, own);
  const fieldLabel = label ?? (internal ? 'Internal note' : 'Your reply');

  return (
    <Paper
      withBorder
      p="md"
      radius="md"
      bg={internal ? 'yellow.0' : undefined}
      style={internal ? { borderColor: 'var(--mantine-color-yellow-5)' } : undefined}
      data-testid="reply-box"
      data-mode={internal ? 'note' : 'reply'}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack gap="sm">
          {header}
          {blocked && (
            <Alert color="gray" variant="light" title="Replies are closed on this ticket" role="status">
              <Text size="sm">{blockedReason}</Text>
              {blockedAction}
            </Alert>
          )}
          {internal && <NoteNotice />}
          <Textarea
            ref={textareaRef}
            label={fieldLabel}
            placeholder={placeholder ?? (internal ? 'A note for your colleagues' : 'Write your reply')}
            autosize
            minRows={4}
            maxRows={16}
            value={body}
            onChange={(e) => setBody(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                e.preventDefault();
                submit();
              } else if (e.key === 'Escape') {
                e.currentTarget.blur();
              }
            }}
            disabled={blocked}
            styles={internal ? { input: { background: 'var(--mantine-color-yellow-0)' } } : undefined}
          />
          {!blocked && (
            <Group gap="xs" align="flex-start" wrap="wrap">
              <AttachmentPicker state={attachments} />
              {tools?.(insert)}
            </Group>
          )}
          {send.isError && (
            <ErrorAlert
              error={send.error}
              title={internal ? 'The note was not added' : 'The reply was not sent'}
            />
          )}
          <Group justify="space-between" gap="xs">
            <Text size="xs" c="dimmed" visibleFrom="sm">
              Ctrl + Enter to send
            </Text>
            <Button
              type="submit"
              color={internal ? 'yellow' : undefined}
              c={internal ? 'dark' : undefined}
              loading={send.isPending}
              disabled={blocked || !body.trim() || attachments.uploading}
              ml="auto"
            >
              {internal ? 'Add internal note' : 'Send reply'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
});

function NoteNotice() {
  return (
    <Group gap={6}>
      <IconLock size={14} aria-hidden />
      <Text size="xs" c="var(--tessera-note-ink)" fw={500}>
        Only staff see internal notes. They are never sent to the customer.
      </Text>
    </Group>
  );
}
