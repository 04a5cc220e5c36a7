import {
  Anchor,
  Badge,
  Button,
  Group,
  Modal,
  NumberInput,
  ScrollArea,
  SegmentedControl,
  Stack,
  Table,
  Text,
} from '@mantine/core';
import { IconDownload, IconInboxOff } from '@tabler/icons-react';
import { useState } from 'react';
import { type InboundItem, REVIEWABLE_STATES } from '../../../../common/inbound';
import { ApiError, get, send } from '../../api/client';
import { useAdminMutation } from '../../components/admin';
import { usePages } from '../../components/admin/lists';
import { HeaderCells, LiveListPage, TimeCell } from '../../components/admin/table';
import { ModalButtons } from '../../components/ModalForm';
import { formatBytes } from '../../lib/format';

// Admin › Inbound mail: what came in and became neither a reply nor a ticket, with the reason,
// a download of the message as received, and what an admin can do with it.

const FILTERS = [
  { value: 'quarantined', label: 'Quarantined' },
  { value: 'ignored', label: 'Ignored' },
  { value: 'refused', label: 'Refused' },
  { value: 'failed', label: 'Failed' },
  { value: 'discarded', label: 'Discarded' },
] as const;
type Filter = (typeof FILTERS)[number]['value'];

const EMPTY: Record<Filter, string> = {
  quarantined: 'No mail waits for review. Forged or unproven mail would be held here.',
  ignored: 'No mail was ignored. Auto-replies, bounces and mail from our own addresses would be listed here.',
  refused: 'No mail was refused.',
  failed: 'No mail failed to process.',
  discarded: 'Nothing was discarded.',
};

const reviewable = (i: InboundItem) => (REVIEWABLE_STATES as readonly string[]).includes(i.state);

export function InboundPage() {
  const [filter, setFilter] = useState<Filter>('quarantined');
  const [attaching, setAttaching] = useState<InboundItem | null>(null);
  const mail = usePages(['admin', 'inbound', filter], (cursor) =>
    get('/admin/inbound', { query: { state: filter, limit: 50, cursor } }),
  );
  const review = useReview();

  return (
    <>
      <LiveListPage
        query={mail}
        maw={1200}
        title="Inbound mail"
        description="Mail that became neither a reply nor a ticket: held for review (forged or unproven senders), ignored (robots, loops) or refused. Download it as received, open a ticket from it, attach it to a ticket, or discard it."
        filter={
          // Five states do not fit a phone's width: the choice scrolls, the page does not.
          <ScrollArea type="auto" scrollbarSize={6} offsetScrollbars="x">
            <SegmentedControl
              aria-label="Show"
              value={filter}
              onChange={(v) => setFilter(v as Filter)}
              data={[...FILTERS]}
            />
          </ScrollArea>
        }
        empty={{ icon: <IconInboxOff aria-hidden />, title: 'Nothing here', description: EMPTY[filter] }}
        minWidth={900}
        head={
          <HeaderCells
            columns={[{ label: 'Received', w: 110 }, 'From and subject', 'Reason', { label: 'Size', w: 80 }]}
            actions={300}
          />
        }
      >
        {(i) => <InboundRow key={i.id} item={i} review={review} onAttach={() => setAttaching(i)} />}
      </LiveListPage>
      <AttachModal key={attaching?.id ?? 'closed'} item={attaching} onClose={() => setAttaching(null)} />
    </>
  );
}

/** What can be done with mail held for review, one action at a time for each mail. */
function useReview() {
  const invalidate = [['admin', 'inbound']];
  const process = useAdminMutation({
    fn: (i: InboundItem) => send('POST /admin/inbound/:id/process', { params: { id: i.id } }),
    invalidate,
    success: (r) => `Ticket #${r.ticketNumber} opened`,
  });
  const discard = useAdminMutation({
    fn: (i: InboundItem) => send('POST /admin/inbound/:id/discard', { params: { id: i.id } }),
    invalidate,
    success: (_r, i) => `“${i.subject ?? 'Mail'}” discarded`,
  });
  const busy = (i: InboundItem) =>
    (process.isPending && process.variables?.id === i.id) ||
    (discard.isPending && discard.variables?.id === i.id);
  return { process, discard, busy };
}

function InboundRow({
  item: i,
  review,
  onAttach,
}: {
  item: InboundItem;
  review: ReturnType<typeof useReview>;
  onAttach: () => void;
}) {
  return (
    <Table.Tr>
      <TimeCell iso={i.receivedAt} />
      <Table.Td>
        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
          {i.sender ?? 'No sender'}
        </Text>
        <Text size="xs" c="dimmed" lineClamp={2} style={{ overflowWrap: 'anywhere' }}>
          {i.subject ?? '(no subject)'}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="xs" lineClamp={3} style={{ overflowWrap: 'anywhere' }}>
          {i.detail ?? 'No reason recorded'}
        </Text>
        {i.autoReply === 'suppressed' && (
          <Badge size="xs" color="orange" variant="light" mt={4}>
            Answer suppressed (limit on automatic mail)
          </Badge>
        )}
      </Table.Td>
      <Table.Td>
        <Text size="xs">{i.size === null ? '—' : formatBytes(i.size)}</Text>
      </Table.Td>
      <Table.Td>
        <Group gap={6} justify="flex-end" wrap="nowrap">
          <Anchor
            href={`/api/v1/admin/inbound/${i.id}/raw`}
            download
            size="xs"
            aria-label={`Download “${i.subject ?? 'no subject'}” as received`}
          >
            <Group gap={2} wrap="nowrap">
              <IconDownload size={14} aria-hidden />
              Download
            </Group>
          </Anchor>
          {reviewable(i) && (
            <>
              <Button
                size="xs"
                variant="light"
                disabled={!i.sender || review.busy(i)}
                loading={review.process.isPending && review.process.variables?.id === i.id}
                onClick={() => review.process.mutate(i)}
                aria-label={`New ticket from “${i.subject ?? 'no subject'}”`}
              >
                New ticket
              </Button>
              <Button
                size="xs"
                variant="light"
                disabled={review.busy(i)}
                onClick={onAttach}
                aria-label={`Attach “${i.subject ?? 'no subject'}” to a ticket`}
              >
                Attach
              </Button>
              <Button
                size="xs"
                variant="subtle"
                color="red"
                disabled={review.busy(i)}
                loading={review.discard.isPending && review.discard.variables?.id === i.id}
                onClick={() => review.discard.mutate(i)}
                aria-label={`Discard “${i.subject ?? 'no subject'}”`}
              >
                Discard
              </Button>
            </>
          )}
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

function AttachModal({ item, onClose }: { item: InboundItem | null; onClose: () => void }) {
  const [ticket, setTicket] = useState<number | ''>('');
  const attach = useAdminMutation({
    fn: (input: { id: string; ticket: number }) =>
      send('POST /admin/inbound/:id/attach', { params: { id: input.id }, body: { ticket: input.ticket } }),
    invalidate: [['admin', 'inbound']],
    success: (r) => `Attached to ticket #${r.ticketNumber}`,
    onSuccess: onClose,
    quietErrors: true,
  });
  const error =
    attach.error instanceof ApiError ? (attach.error.fieldError('ticket') ?? attach.error.detail) : undefined;
  return (
    <Modal opened={item !== null} onClose={onClose} title="Attach to a ticket">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (item && typeof ticket === 'number') attach.mutate({ id: item.id, ticket });
        }}
      >
        <Stack gap="sm">
          <Text size="sm">
            A customer who may see the ticket becomes the author of the reply; anyone else’s mail is added as
            an internal note that names the sender. Nothing is sent to the customer.
          </Text>
          <NumberInput
            label="Ticket number"
            min={1}
            allowDecimal={false}
            allowNegative={false}
            value={ticket}
            onChange={(v) => setTicket(typeof v === 'number' ? v : '')}
            error={error}
            data-autofocus
            required
          />
          <ModalButtons onCancel={onClose}>
            <Button type="submit" loading={attach.isPending} disabled={ticket === ''}>
              Attach
            </Button>
          </ModalButtons>
        </Stack>
      </form>
    </Modal>
  );
}
