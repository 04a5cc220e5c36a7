import { ActionIcon, Alert, Group, Menu, Text } from '@mantine/core';
import { IconChevronDown, IconWand } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { FormattedMessage, useIntl } from 'react-intl';
import { type SendBody, send } from '../api/client';
import { keys } from '../api/hooks';
import type { Message } from '../api/types';

// What a public reply may carry beyond its text, applied with it in one transaction by POST
// /tickets/:number/actions: a macro's note and changes, or a status to set ("send and resolve").

/** A macro waiting in the reply box: applied when the reply is sent. */
export type PendingMacro = { id: string; title: string; does: string[] };
export type ReplyExtra = { macroId?: string; changes?: { status: string } };

type Input = SendBody<'POST /tickets/:number/messages'>;

/**
 * Sends a message on a ticket and refreshes what it changes (thread, ticket, timeline, lists); a
 * reply with extras goes through the actions endpoint, which answers with the ticket.
 */
export function useSendReply(number: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ input, extra }: { input: Input; extra?: ReplyExtra }) => {
      if (!extra || input.internal)
        return send('POST /tickets/:number/messages', { params: { number }, body: input });
      const { body, format, attachmentIds, seenUpTo, confirm } = input;
      await send('POST /tickets/:number/actions', {
        params: { number },
        body: { reply: body, format, attachmentIds, seenUpTo, confirm, ...extra },
      });
      return null;
    },
    onSuccess: (message) => {
      if (message)
        qc.setQueryData<Message[]>(keys.messages(number), (old) => (old ? [...old, message] : [message]));
      else {
        void qc.invalidateQueries({ queryKey: keys.messages(number) });
        void qc.invalidateQueries({ queryKey: keys.events(number) });
      }
      void qc.invalidateQueries({ queryKey: keys.ticket(number) });
      void qc.invalidateQueries({ queryKey: ['tickets'] });
    },
  });
}

/** "Macro X: on send, also …", with a way to drop it and keep the text. */
export function MacroChip({ macro, onClear }: { macro: PendingMacro; onClear: () => void }) {
  const intl = useIntl();
  return (
    <Alert
      variant="light"
      color="grape"
      icon={<IconWand size={16} aria-hidden />}
      withCloseButton
      closeButtonLabel={intl.formatMessage(
        { id: 'common.macro.drop', defaultMessage: 'Do not apply {macro}' },
        { macro: macro.title },
      )}
      onClose={onClear}
      p="xs"
      data-testid="pending-macro"
    >
      <Text size="sm">
        {macro.does.length > 0 ? (
          <FormattedMessage
            id="common.macro.does"
            defaultMessage="<b>{macro}</b>: on send, also {does}"
            values={{ macro: macro.title, does: intl.formatList(macro.does), b: (c) => <b>{c}</b> }}
          />
        ) : (
          <b>{macro.title}</b>
        )}
      </Text>
    </Alert>
  );
}

/** Beside Send: send the reply and set the ticket's status in one go. */
export function SendAndSetMenu({
  statuses,
  disabled,
  onPick,
}: {
  statuses: { key: string; label: string }[];
  disabled: boolean;
  onPick: (status: string) => void;
}) {
  const intl = useIntl();
  if (statuses.length === 0) return null;
  const label = intl.formatMessage({ id: 'common.reply.sendAndSet', defaultMessage: 'Send and set status' });
  return (
    <Menu position="top-end" withinPortal>
      <Menu.Target>
        <ActionIcon variant="default" size="lg" disabled={disabled} aria-label={label}>
          <IconChevronDown size={16} aria-hidden />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{label}</Menu.Label>
        {statuses.map((s) => (
          <Menu.Item key={s.key} onClick={() => onPick(s.key)}>
            <Group gap={4}>
              <FormattedMessage
                id="common.reply.sendAndSetTo"
                defaultMessage="Send and set {status}"
                values={{ status: s.label }}
              />
            </Group>
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
