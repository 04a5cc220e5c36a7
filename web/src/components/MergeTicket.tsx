import { Alert, Button, Checkbox, Group, Modal, NumberInput, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconGitMerge } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
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
      Merged into{' '}
      <AnchorLink to="/agent/tickets/$number" params={{ number: String(number) }} size={size}>
        {ticketRef(number)}
      </AnchorLink>
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
        Merge…
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
        message: `${ticketRef(t.number)} merged into ${ticketRef(target.number)}`,
      });
      onClose();
      void navigate({ to: '/agent/tickets/$number', params: { number: String(target.number) } });
    },
  });
}

function MergeModal({ ticket: t, onClose }: { ticket: Ticket; onClose: () => void }) {
  const [into, setIntoValue] = useState<number | ''>('');
  const [reopen, setReopen] = useState(false);
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
    <Modal opened onClose={onClose} title={`Merge ${ticketRef(t.number)} into another ticket`}>
      <form onSubmit={submit}>
        <Stack gap="sm">
          <Text size="sm">
            Every message and file of {ticketRef(t.number)} moves to the ticket you choose;{' '}
            {ticketRef(t.number)} is closed and points there. The requester is told. This cannot be undone.
          </Text>
          {merge.isError && <ErrorAlert error={merge.error} title="Not merged" />}
          <NumberInput
            label="Merge into ticket number"
            description={
              t.organisation ? `A ticket of ${t.organisation.name}` : `A ticket of ${t.requester.name}`
            }
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
              label={`Reopen ${ticketRef(into)}: it is closed`}
              description="The conversation moves there and it opens again, so someone sees it."
              checked={reopen}
              onChange={(e) => setReopen(e.currentTarget.checked)}
            />
          )}
          {others.length > 0 && <Candidates ticket={t} others={others} into={into} setInto={setInto} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button
              type="submit"
              color="red"
              loading={merge.isPending}
              disabled={typeof into !== 'number' || into === t.number || (targetClosed && !reopen)}
            >
              Merge
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
        Recent tickets of the same {t.organisation ? 'organisation' : 'requester'}:
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
