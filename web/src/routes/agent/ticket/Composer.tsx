import { Group, SegmentedControl, Stack } from '@mantine/core';
import { IconLock, IconMessage } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { forwardRef, useState } from 'react';
import { useIntl } from 'react-intl';
import { get } from '../../../api/client';
import { useStaffWorkflow } from '../../../api/hooks';
import { usePresence } from '../../../api/live';
import type { Ticket } from '../../../api/types';
import { CannedResponsePicker } from '../../../components/CannedResponses';
import { ReplyBox } from '../../../components/ReplyBox';
import type { PendingMacro } from '../../../components/ReplyExtras';
import { InsertArticle } from './InsertArticle';
import { Presence } from './Presence';

export type ComposeMode = 'reply' | 'note';

/**
 * The reply box of the agent's ticket page: a reply to the requester, or an internal note, each
 * with its own draft (the box is made anew for each mode). Above it, who else is on the ticket;
 * this page tells them in turn that it is here and whether it is writing.
 */
export const Composer = forwardRef<
  HTMLTextAreaElement,
  { ticket: Ticket; mode: ComposeMode; setMode: (m: ComposeMode) => void }
>(function Composer({ ticket: t, mode, setMode }, ref) {
  const [writing, setWriting] = useState(false);
  const [macro, setMacro] = useState<PendingMacro | null>(null);
  const viewers = usePresence(t.number, writing ? mode : null);
  const extras = useReplyExtras(t, mode === 'reply');
  const intl = useIntl();
  return (
    <ReplyBox
      key={mode}
      ref={ref}
      staff
      onWriting={setWriting}
      number={t.number}
      internal={mode === 'note'}
      blockedReason={
        mode === 'reply' && !t.canReply
          ? (t.replyBlockedReason ??
            intl.formatMessage({
              id: 'agent.composer.blocked',
              defaultMessage: 'Replies are not possible now.',
            }))
          : null
      }
      header={
        <Stack gap="xs">
          <Presence viewers={viewers} />
          <SegmentedControl
            value={mode}
            onChange={(v) => setMode(v as ComposeMode)}
            aria-label={intl.formatMessage({ id: 'agent.composer.kind', defaultMessage: 'Message kind' })}
            data={[
              {
                value: 'reply',
                label: (
                  <ModeLabel
                    icon={IconMessage}
                    text={intl.formatMessage({ id: 'agent.composer.replyMode', defaultMessage: 'Reply (r)' })}
                  />
                ),
              },
              {
                value: 'note',
                label: (
                  <ModeLabel
                    icon={IconLock}
                    text={intl.formatMessage({
                      id: 'agent.composer.noteMode',
                      defaultMessage: 'Internal note (n)',
                    })}
                  />
                ),
              },
            ]}
            color={mode === 'note' ? 'yellow' : undefined}
            autoContrast
            fullWidth
          />
        </Stack>
      }
      label={
        mode === 'note'
          ? intl.formatMessage({ id: 'agent.composer.note', defaultMessage: 'Internal note' })
          : intl.formatMessage(
              { id: 'agent.composer.replyTo', defaultMessage: 'Reply to {name}' },
              { name: t.requester.name },
            )
      }
      macro={macro}
      onMacroDone={() => setMacro(null)}
      statuses={extras.statuses}
      signature={extras.signature}
      tools={(insert) => (
        <>
          <CannedResponsePicker
            ticketNumber={t.number}
            departmentId={t.department.id}
            insert={insert}
            onMacro={setMacro}
          />
          <InsertArticle ticketNumber={t.number} insert={insert} internal={mode === 'note'} />
        </>
      )}
    />
  );
});

/** For a public reply: the statuses "send and set" offers (set by hand, not the current one) and the signature. */
function useReplyExtras(t: Ticket, reply: boolean) {
  const workflow = useStaffWorkflow(reply);
  const signature = useQuery({
    queryKey: ['ticket-signature', t.number],
    queryFn: () => get('/tickets/:number/signature', { params: { number: t.number } }),
    enabled: reply,
    staleTime: 60_000,
  });
  const statuses = (workflow.data?.statuses ?? [])
    .filter((s) => s.manual && s.key !== t.status.key)
    .map((s) => ({ key: s.key, label: s.staffLabel }));
  return { statuses, signature: signature.data?.body || undefined };
}

function ModeLabel({ icon: Icon, text }: { icon: typeof IconMessage; text: string }) {
  return (
    <Group gap={6} wrap="nowrap" justify="center">
      <Icon size={14} aria-hidden />
      <span>{text}</span>
    </Group>
  );
}
