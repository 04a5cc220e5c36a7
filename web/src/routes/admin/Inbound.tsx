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
import { defineMessages, FormattedMessage, type MessageDescriptor, useIntl } from 'react-intl';
import { type InboundItem, REVIEWABLE_STATES } from '../../../../common/inbound';
import { ApiError, get, send } from '../../api/client';
import { useAdminMutation } from '../../components/admin';
import { usePages } from '../../components/admin/lists';
import { HeaderCells, LiveListPage, TimeCell } from '../../components/admin/table';
import { ModalButtons } from '../../components/ModalForm';
import { t } from '../../i18n/t';
import { formatBytes } from '../../lib/format';

// Admin › Inbound mail: what came in and became neither a reply nor a ticket, with the reason,
// a download of the message as received, and what an admin can do with it.

const FILTERS = defineMessages({
  quarantined: { id: 'admin.inbound.state.quarantined', defaultMessage: 'Quarantined' },
  ignored: { id: 'admin.inbound.state.ignored', defaultMessage: 'Ignored' },
  refused: { id: 'admin.inbound.state.refused', defaultMessage: 'Refused' },
  failed: { id: 'admin.inbound.state.failed', defaultMessage: 'Failed' },
  discarded: { id: 'admin.inbound.state.discarded', defaultMessage: 'Discarded' },
});
type Filter = keyof typeof FILTERS;

const EMPTY = defineMessages({
  quarantined: {
    id: 'admin.inbound.empty.quarantined',
    defaultMessage: 'No mail waits for review. Forged or unproven mail would be held here.',
  },
  ignored: {
    id: 'admin.inbound.empty.ignored',
    defaultMessage:
      'No mail was ignored. Auto-replies, bounces and mail from our own addresses would be listed here.',
  },
  refused: { id: 'admin.inbound.empty.refused', defaultMessage: 'No mail was refused.' },
  failed: { id: 'admin.inbound.empty.failed', defaultMessage: 'No mail failed to process.' },
  discarded: { id: 'admin.inbound.empty.discarded', defaultMessage: 'Nothing was discarded.' },
}) satisfies Record<Filter, MessageDescriptor>;

const reviewable = (i: InboundItem) => (REVIEWABLE_STATES as readonly string[]).includes(i.state);

export function InboundPage() {
  const [filter, setFilter] = useState<Filter>('quarantined');
  const [attaching, setAttaching] = useState<InboundItem | null>(null);
  const mail = usePages(['admin', 'inbound', filter], (cursor) =>
    get('/admin/inbound', { query: { state: filter, limit: 50, cursor } }),
  );
  const review = useReview();
  const intl = useIntl();

  return (
    <>
      <LiveListPage
        query={mail}
        maw={1200}
        title={intl.formatMessage({ id: 'admin.inbound.title', defaultMessage: 'Inbound mail' })}
        description={intl.formatMessage({
          id: 'admin.inbound.description',
          defaultMessage:
            'Mail that became neither a reply nor a ticket: held for review (forged or unproven senders), ignored (robots, loops) or refused. Download it as received, open a ticket from it, attach it to a ticket, or discard it.',
        })}
        filter={
          // Five states do not fit a phone's width: the choice scrolls, the page does not.
          <ScrollArea type="auto" scrollbarSize={6} offsetScrollbars="x">
            <SegmentedControl
              aria-label={intl.formatMessage({ id: 'admin.inbound.show', defaultMessage: 'Show' })}
              value={filter}
              onChange={(v) => setFilter(v as Filter)}
              data={(Object.keys(FILTERS) as Filter[]).map((value) => ({
                value,
                label: intl.formatMessage(FILTERS[value]),
              }))}
            />
          </ScrollArea>
        }
        empty={{
          icon: <IconInboxOff aria-hidden />,
          title: intl.formatMessage({ id: 'admin.inbound.emptyTitle', defaultMessage: 'Nothing here' }),
          description: intl.formatMessage(EMPTY[filter]),
        }}
        minWidth={900}
        head={
          <HeaderCells
            columns={[
              {
                label: intl.formatMessage({ id: 'admin.inbound.received', defaultMessage: 'Received' }),
                w: 110,
              },
              intl.formatMessage({ id: 'admin.inbound.fromAndSubject', defaultMessage: 'From and subject' }),
              intl.formatMessage({ id: 'admin.inbound.reason', defaultMessage: 'Reason' }),
              { label: intl.formatMessage({ id: 'admin.inbound.size', defaultMessage: 'Size' }), w: 80 },
            ]}
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
    success: (r) =>
      t(
        { id: 'admin.inbound.ticketOpened', defaultMessage: 'Ticket #{number} opened' },
        { number: r.ticketNumber },
      ),
  });
  const discard = useAdminMutation({
    fn: (i: InboundItem) => send('POST /admin/inbound/:id/discard', { params: { id: i.id } }),
    invalidate,
    success: (_r, i) =>
      t(
        { id: 'admin.inbound.discarded', defaultMessage: '“{subject}” discarded' },
        { subject: i.subject ?? t({ id: 'admin.inbound.mail', defaultMessage: 'Mail' }) },
      ),
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
  const intl = useIntl();
  return (
    <Table.Tr>
      <TimeCell iso={i.receivedAt} />
      <Table.Td>
        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
          {i.sender ?? <FormattedMessage id="admin.inbound.noSender" defaultMessage="No sender" />}
        </Text>
        <Text size="xs" c="dimmed" lineClamp={2} style={{ overflowWrap: 'anywhere' }}>
          {i.subject ?? <FormattedMessage id="admin.inbound.noSubjectParen" defaultMessage="(no subject)" />}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="xs" lineClamp={3} style={{ overflowWrap: 'anywhere' }}>
          {i.detail ?? <FormattedMessage id="admin.inbound.noReason" defaultMessage="No reason recorded" />}
        </Text>
        {i.autoReply === 'suppressed' && (
          <Badge size="xs" color="orange" variant="light" mt={4}>
            <FormattedMessage
              id="admin.inbound.answerSuppressed"
              defaultMessage="Answer suppressed (limit on automatic mail)"
            />
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
            aria-label={intl.formatMessage(
              { id: 'admin.inbound.downloadNamed', defaultMessage: 'Download “{subject}” as received' },
              { subject: i.subject ?? t({ id: 'admin.inbound.noSubject', defaultMessage: 'no subject' }) },
            )}
          >
            <Group gap={2} wrap="nowrap">
              <IconDownload size={14} aria-hidden />
              <FormattedMessage id="admin.inbound.download" defaultMessage="Download" />
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
                aria-label={intl.formatMessage(
                  { id: 'admin.inbound.newTicketNamed', defaultMessage: 'New ticket from “{subject}”' },
                  {
                    subject: i.subject ?? t({ id: 'admin.inbound.noSubject', defaultMessage: 'no subject' }),
                  },
                )}
              >
                <FormattedMessage id="admin.inbound.newTicket" defaultMessage="New ticket" />
              </Button>
              <Button
                size="xs"
                variant="light"
                disabled={review.busy(i)}
                onClick={onAttach}
                aria-label={intl.formatMessage(
                  { id: 'admin.inbound.attachNamed', defaultMessage: 'Attach “{subject}” to a ticket' },
                  {
                    subject: i.subject ?? t({ id: 'admin.inbound.noSubject', defaultMessage: 'no subject' }),
                  },
                )}
              >
                <FormattedMessage id="admin.inbound.attach" defaultMessage="Attach" />
              </Button>
              <Button
                size="xs"
                variant="subtle"
                color="red"
                disabled={review.busy(i)}
                loading={review.discard.isPending && review.discard.variables?.id === i.id}
                onClick={() => review.discard.mutate(i)}
                aria-label={intl.formatMessage(
                  { id: 'admin.inbound.discardNamed', defaultMessage: 'Discard “{subject}”' },
                  {
                    subject: i.subject ?? t({ id: 'admin.inbound.noSubject', defaultMessage: 'no subject' }),
                  },
                )}
              >
                <FormattedMessage id="admin.inbound.discard" defaultMessage="Discard" />
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
  const intl = useIntl();
  const attach = useAdminMutation({
    fn: (input: { id: string; ticket: number }) =>
      send('POST /admin/inbound/:id/attach', { params: { id: input.id }, body: { ticket: input.ticket } }),
    invalidate: [['admin', 'inbound']],
    success: (r) =>
      intl.formatMessage(
        { id: 'admin.inbound.attached', defaultMessage: 'Attached to ticket #{number}' },
        { number: r.ticketNumber },
      ),
    onSuccess: onClose,
    quietErrors: true,
  });
  const error =
    attach.error instanceof ApiError ? (attach.error.fieldError('ticket') ?? attach.error.detail) : undefined;
  return (
    <Modal
      opened={item !== null}
      onClose={onClose}
      title={intl.formatMessage({ id: 'admin.inbound.attachTitle', defaultMessage: 'Attach to a ticket' })}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (item && typeof ticket === 'number') attach.mutate({ id: item.id, ticket });
        }}
      >
        <Stack gap="sm">
          <Text size="sm">
            <FormattedMessage
              id="admin.inbound.attachBody"
              defaultMessage="A customer who may see the ticket becomes the author of the reply; anyone else’s mail is added as an internal note that names the sender. Nothing is sent to the customer."
            />
          </Text>
          <NumberInput
            label={intl.formatMessage({ id: 'admin.inbound.ticketNumber', defaultMessage: 'Ticket number' })}
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
              <FormattedMessage id="admin.inbound.attach" defaultMessage="Attach" />
            </Button>
          </ModalButtons>
        </Stack>
      </form>
    </Modal>
  );
}
