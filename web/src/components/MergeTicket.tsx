import { Alert, Button, Checkbox, Group, Modal, NumberInput, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconGitMerge } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { ApiError, send } from '../api/client';
import { keys, useTicketList } from '../api/hooks';
import type { Ticket } from '../api/types';
import { ticketRef } from '../lib/format';
import { ErrorAlert } from './bits';
import { AnchorLink } from './links';

/** “Merged into #N”, linking to where the conversation went. */
export function MergedInto({ number, size = 'sm' }: { number: number; size?: 'xs' | 'sm' }) {
  return (
    <Text size={size} c="dimmed" span>
      <FormattedMessage
        id="common.merge.mergedInto"
        defaultMessage="Merged into <link>{ref}</link>"
        values={{
          ref: ticketRef(number),
          link: (chunks) => (
            <AnchorLink to="/agent/tickets/$number" params={{ number: String(number) }} size={size}>
              {chunks}
            </AnchorLink>
          ),
        }}
      />
    </Text>
  );
}

/**
 * Merges this ticket into another of the same organisation (or requester): its messages and files
 * move there, and this one is closed and points to it. Then opens the ticket merged into.
 */
export function MergeTicketButton({ ticket: t }: { ticket: Ticket }) {
  const [opened, setOpened] = useState(false);
  return (
    <>
      <Button
        variant="default"
        size="xs"
        leftSection={<IconGitMerge size={14} aria-hidden />}
        onClick={() => setOpened(true)}
      >
        <FormattedMessage id="common.merge.open" defaultMessage="Merge…" />
      </Button>
      {opened && <MergeModal ticket={t} onClose={() => setOpened(false)} />}
    </>
  );
}

/** Other tickets of the same organisation, or of the same requester, not merged themselves. */
function useCandidates(t: Ticket) {
  const candidates = useTicketList(
    t.organisation ? { organisationId: t.organisation.id } : { requesterId: t.requester.id },
    { limit: 20 },
  );
  return (candidates.data?.pages.flatMap((p) => p.items) ?? []).filter(
    (c) => c.number !== t.number && c.mergedInto === null,
  );
}

/** The merge; once done, what it changed is refreshed, it is announced and the target opens. */
function useMerge(t: Ticket, reopen: boolean, onClose: () => void) {
  const qc = useQueryClient();
  const navigate = useNavigate();
  const intl = useIntl();
  return useMutation({
    mutationFn: (target: number) =>
      send('POST /tickets/:number/merge', {
        params: { number: t.number },
        body: { into: target, ...(reopen ? { reopen: true } : {}) },
      }),
    onSuccess: (target) => {
      void qc.invalidateQueries({ queryKey: ['tickets'] });
      void qc.invalidateQueries({ queryKey: keys.ticket(t.number) });
      qc.setQueryData(keys.ticket(target.number), target);
      void qc.invalidateQueries({ queryKey: keys.messages(target.number) });
      void qc.invalidateQueries({ queryKey: keys.events(target.number) });
      notifications.show({
        color: 'green',
        message: intl.formatMessage(
          { id: 'common.merge.done', defaultMessage: '{from} merged into {to}' },
          { from: ticketRef(t.number), to: ticketRef(target.number) },
        ),
      });
      onClose();
      void navigate({ to: '/agent/tickets/$number', params: { number: String(target.number) } });
    },
  });
}

function MergeModal({ ticket: t, onClose }: { ticket: Ticket; onClose: () => void }) {
  const [into, setIntoValue] = useState<number | ''>('');
  const [reopen, setReopen] = useState(false);
  const intl = useIntl();
  const setInto = (n: number | '') => {
    setIntoValue(n);
    setReopen(false);
  };
  const others = useCandidates(t);
  const merge = useMerge(t, reopen, onClose);
  // A closed ticket takes a conversation only when the agent chooses to reopen it: the server
  // refuses otherwise, and the dialog asks before it is refused where it knows the status.
  const chosen = others.find((c) => c.number === into);
  const refusedClosed = merge.error instanceof ApiError && merge.error.fieldError('reopen') !== undefined;
  const targetClosed = chosen?.status.category === 'closed' || refusedClosed;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (typeof into === 'number') merge.mutate(into);
  };
  return (
    <Modal
      opened
      onClose={onClose}
      title={intl.formatMessage(
        { id: 'common.merge.title', defaultMessage: 'Merge {ref} into another ticket' },
        { ref: ticketRef(t.number) },
      )}
    >
      <form onSubmit={submit}>
        <Stack gap="sm">
          <Text size="sm">
            <FormattedMessage
              id="common.merge.explain"
              defaultMessage="Every message and file of {ref} moves to the ticket you choose; {ref} is closed and points there. The requester is told. This cannot be undone."
              values={{ ref: ticketRef(t.number) }}
            />
          </Text>
          {merge.isError && (
            <ErrorAlert
              error={merge.error}
              title={intl.formatMessage({ id: 'common.merge.failed', defaultMessage: 'Not merged' })}
            />
          )}
          <NumberInput
            label={intl.formatMessage({
              id: 'common.merge.into',
              defaultMessage: 'Merge into ticket number',
            })}
            description={intl.formatMessage(
              { id: 'common.merge.ticketOf', defaultMessage: 'A ticket of {name}' },
              { name: t.organisation ? t.organisation.name : t.requester.name },
            )}
            min={1}
            allowDecimal={false}
            allowNegative={false}
            prefix="#"
            required
            value={into}
            onChange={(v) => setInto(typeof v === 'number' ? v : '')}
            data-autofocus
          />
          {targetClosed && typeof into === 'number' && (
            <Checkbox
              label={intl.formatMessage(
                { id: 'common.merge.reopen', defaultMessage: 'Reopen {ref}: it is closed' },
                { ref: ticketRef(into) },
              )}
              description={intl.formatMessage({
                id: 'common.merge.reopenHint',
                defaultMessage: 'The conversation moves there and it opens again, so someone sees it.',
              })}
              checked={reopen}
              onChange={(e) => setReopen(e.currentTarget.checked)}
            />
          )}
          {others.length > 0 && <Candidates ticket={t} others={others} into={into} setInto={setInto} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              <FormattedMessage id="common.merge.cancel" defaultMessage="Cancel" />
            </Button>
            <Button
              type="submit"
              color="red"
              loading={merge.isPending}
              disabled={typeof into !== 'number' || into === t.number || (targetClosed && !reopen)}
            >
              <FormattedMessage id="common.merge.submit" defaultMessage="Merge" />
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Recent tickets to merge into, one click each. */
function Candidates({
  ticket: t,
  others,
  into,
  setInto,
}: {
  ticket: Ticket;
  others: Ticket[];
  into: number | '';
  setInto: (n: number) => void;
}) {
  return (
    <Alert variant="light" color="gray" p="xs">
      <Text size="xs" c="dimmed" mb={4} id="merge-candidates">
        {t.organisation ? (
          <FormattedMessage
            id="common.merge.recentOfOrganisation"
            defaultMessage="Recent tickets of the same organisation:"
          />
        ) : (
          <FormattedMessage
            id="common.merge.recentOfRequester"
            defaultMessage="Recent tickets of the same requester:"
          />
        )}
      </Text>
      <Group gap={6} aria-labelledby="merge-candidates" role="group">
        {others.slice(0, 8).map((c) => (
          <Button
            key={c.number}
            size="compact-xs"
            variant={into === c.number ? 'filled' : 'default'}
            onClick={() => setInto(c.number)}
            title={c.subject}
            aria-label={`${ticketRef(c.number)} ${c.subject}`}
          >
            {ticketRef(c.number)}
          </Button>
        ))}
      </Group>
    </Alert>
  );
}
