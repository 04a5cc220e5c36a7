import { Group, SegmentedControl } from '@mantine/core';
import { IconLock, IconMessage } from '@tabler/icons-react';
import { forwardRef } from 'react';
import type { Ticket } from '../../../api/types';
import { CannedResponsePicker } from '../../../components/CannedResponses';
import { ReplyBox } from '../../../components/ReplyBox';

export type ComposeMode = 'reply' | 'note';

/** The reply box of the agent's ticket page: a reply to the requester, or an internal note. */
export const Composer = forwardRef<
  HTMLTextAreaElement,
  { ticket: Ticket; mode: ComposeMode; setMode: (m: ComposeMode) => void }
>(function Composer({ ticket: t, mode, setMode }, ref) {
  return (
    <ReplyBox
      ref={ref}
      number={t.number}
      internal={mode === 'note'}
      blockedReason={
        mode === 'reply' && !t.canReply ? (t.replyBlockedReason ?? 'Replies are not possible now.') : null
      }
      header={
        <SegmentedControl
          value={mode}
          onChange={(v) => setMode(v as ComposeMode)}
          aria-label="Message kind"
          data={[
            { value: 'reply', label: <ModeLabel icon={IconMessage} text="Reply (r)" /> },
            { value: 'note', label: <ModeLabel icon={IconLock} text="Internal note (n)" /> },
          ]}
          color={mode === 'note' ? 'yellow' : undefined}
          autoContrast
          fullWidth
        />
      }
      label={mode === 'note' ? 'Internal note' : `Reply to ${t.requester.name}`}
      tools={(insert) => (
        <CannedResponsePicker ticketNumber={t.number} departmentId={t.department.id} insert={insert} />
      )}
    />
  );
});

function ModeLabel({ icon: Icon, text }: { icon: typeof IconMessage; text: string }) {
  return (
    <Group gap={6} wrap="nowrap" justify="center">
      <Icon size={14} aria-hidden />
      <span>{text}</span>
    </Group>
  );
}
