import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { defineMessages, FormattedMessage, type MessageDescriptor, useIntl } from 'react-intl';
import { send } from '../../api/client';
import { keys } from '../../api/hooks';
import type { Ticket } from '../../api/types';
import { ErrorAlert } from '../../components/bits';
import { t as translate } from '../../i18n/t';
import { ticketRef } from '../../lib/format';

type Move = 'close' | 'reopen';

const TEXT = {
  close: defineMessages({
    button: { id: 'portal.move.close.button', defaultMessage: 'Close ticket' },
    title: { id: 'portal.move.close.title', defaultMessage: 'Close this ticket?' },
    hint: {
      id: 'portal.move.close.hint',
      defaultMessage: 'Close it when your question is answered. You can add a last word for the team.',
    },
    done: { id: 'portal.move.close.done', defaultMessage: '{ref} closed' },
  }),
  reopen: defineMessages({
    button: { id: 'portal.move.reopen.button', defaultMessage: 'Reopen ticket' },
    title: { id: 'portal.move.reopen.title', defaultMessage: 'Reopen this ticket?' },
    hint: {
      id: 'portal.move.reopen.hint',
      defaultMessage: 'Tell the team what is still not right, so they can pick it up again.',
    },
    done: { id: 'portal.move.reopen.done', defaultMessage: '{ref} reopened' },
  }),
} satisfies Record<Move, Record<string, MessageDescriptor>>;

/** The customer's own Close or Reopen button, where the workflow lets them (the ticket's abilities). */
export function CustomerMoveButtons({ ticket: t }: { ticket: Ticket }) {
  const [move, setMove] = useState<Move | null>(null);
  const moves = (['close', 'reopen'] as const).filter((m) => t.abilities[m]);
  if (moves.length === 0) return null;
  return (
    <Group gap="xs">
      {moves.map((m) => (
        <Button key={m} variant="default" size="xs" onClick={() => setMove(m)}>
          <FormattedMessage {...TEXT[m].button} />
        </Button>
      ))}
      {move && <MoveModal ticket={t} move={move} onClose={() => setMove(null)} />}
    </Group>
  );
}

function MoveModal({ ticket: t, move, onClose }: { ticket: Ticket; move: Move; onClose: () => void }) {
  const [comment, setComment] = useState('');
  const qc = useQueryClient();
  const intl = useIntl();
  const act = useMutation({
    mutationFn: () =>
      send(`POST /tickets/:number/${move}`, {
        params: { number: t.number },
        body: comment.trim() ? { comment: comment.trim() } : {},
      }),
    onSuccess: (ticket) => {
      qc.setQueryData(keys.ticket(t.number), ticket);
      void qc.invalidateQueries({ queryKey: keys.messages(t.number) });
      void qc.invalidateQueries({ queryKey: keys.events(t.number) });
      void qc.invalidateQueries({ queryKey: ['tickets'] });
      notifications.show({
        color: 'green',
        message: translate(TEXT[move].done, { ref: ticketRef(t.number) }),
      });
      onClose();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    act.mutate();
  };
  return (
    <Modal opened onClose={onClose} title={intl.formatMessage(TEXT[move].title)}>
      <form onSubmit={submit}>
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            <FormattedMessage {...TEXT[move].hint} />
          </Text>
          <Textarea
            label={intl.formatMessage({ id: 'portal.move.comment', defaultMessage: 'Comment (optional)' })}
            autosize
            minRows={3}
            maxLength={100_000}
            value={comment}
            onChange={(e) => setComment(e.currentTarget.value)}
          />
          {act.isError && <ErrorAlert error={act.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              <FormattedMessage id="common.cancel" defaultMessage="Cancel" />
            </Button>
            <Button type="submit" loading={act.isPending}>
              <FormattedMessage {...TEXT[move].button} />
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
