import { Alert, Button, Group, Paper, Stack, Text, Textarea } from '@mantine/core';
import { useMergedRef } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconLock } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { forwardRef, type ReactNode, useEffect, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { isApiError } from '../api/client';
import { keys, useMe } from '../api/hooks';
import type { Message } from '../api/types';
import { t } from '../i18n/t';
import { AttachmentPicker, useAttachments } from './Attachments';
import { ErrorAlert } from './bits';
import { FormatToolbar } from './FormatToolbar';
import { useMentionSuggest } from './MentionSuggest';
import { NewerMessages } from './NewerMessages';
import { MacroChip, type PendingMacro, type ReplyExtra, SendAndSetMenu, useSendReply } from './ReplyExtras';
import { type DraftStatus, useServerDraft } from './serverDraft';

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
  /** Staff: keep what is written on the server as a draft, and ask before answering over new messages. */
  staff?: boolean;
  /** Told whether something is written in the box (what colleagues see as "drafting"). */
  onWriting?: (writing: boolean) => void;
  /** A macro to apply with the reply when it is sent, and what to do once it was. */
  macro?: PendingMacro | null;
  onMacroDone?: () => void;
  /** Statuses "Send and set status" offers beside Send (staff replies). */
  statuses?: { key: string; label: string }[];
  /** Put under a new public reply, where it can be edited before sending. */
  signature?: string;
};

/**
 * A public reply names the newest message its writer had on screen when they started writing; when
 * the server answers that newer ones came in (409 conflict), they are fetched and shown.
 */
function useNewerGuard(number: number, body: string, enabled: boolean) {
  const qc = useQueryClient();
  const me = useMe();
  const basedOn = useRef<string | undefined>(undefined);
  const thread = () => qc.getQueryData<Message[]>(keys.messages(number)) ?? [];
  const writing = body.trim() !== '';
  useEffect(() => {
    if (!writing) basedOn.current = undefined;
    else basedOn.current ??= qc.getQueryData<Message[]>(keys.messages(number))?.at(-1)?.id;
  }, [writing, qc, number]);
  const [newer, setNewer] = useState<Message[] | null>(null);
  const isConflict = (e: unknown) => isApiError(e, 409) && e.code === 'conflict';
  return {
    newer,
    meId: me.data?.id ?? '',
    isConflict,
    fields: () => (enabled && basedOn.current ? { seenUpTo: basedOn.current } : {}),
    async explain(e: unknown) {
      if (!isConflict(e)) return;
      await qc.refetchQueries({ queryKey: keys.messages(number) });
      const all = thread();
      const from = all.findIndex((m) => m.id === basedOn.current);
      setNewer(all.slice(from + 1).filter((m) => !m.internal && m.author?.id !== me.data?.id));
    },
    /** What came in has been read: the reply is now based on it. */
    seen() {
      basedOn.current = thread().at(-1)?.id;
      setNewer(null);
    },
  };
}

/**
 * What is being written, its files, and sending it: emptied, announced and `onSent` once sent.
 * `insert` puts text at the cursor of the box `own` points to. For staff the text is a draft kept
 * on the server, and a reply over newer messages asks first.
 */
function useDraft(number: number, internal: boolean, blocked: boolean, p: Props) {
  const [body, setText] = useState('');
  const server = useServerDraft(number, internal ? 'note' : 'reply', Boolean(p.staff), setText);
  const guard = useNewerGuard(number, body, Boolean(p.staff) && !internal);
  const setBody = (text: string) => {
    setText(text);
    server.changed(text);
  };
  // A box holding only the signature is not being written in.
  const writing = body.trim() !== '' && body.trim() !== p.signature?.trim();
  const { onWriting } = p;
  useEffect(() => onWriting?.(writing), [writing, onWriting]);
  const own = useRef<HTMLTextAreaElement>(null);
  const insert = (text: string) => {
    const el = own.current;
    const at = el ? el.selectionStart : body.length;
    const end = el ? el.selectionEnd : body.length;
    setBody(body.slice(0, at) + text + body.slice(end));
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(at + text.length, at + text.length);
    });
  };
  const send = useSendReply(number);
  const attachments = useAttachments();
  // What the last send carried besides its text, for sending it again over newer messages.
  const lastExtra = useRef<ReplyExtra | undefined>(undefined);
  const submit = (confirm = false, status?: string) => {
    if (!body.trim() || blocked || send.isPending || attachments.uploading) return;
    const extra: ReplyExtra | undefined = confirm
      ? lastExtra.current
      : p.macro || status
        ? { ...(p.macro && { macroId: p.macro.id }), ...(status && { changes: { status } }) }
        : undefined;
    lastExtra.current = extra;
    const input = {
      body,
      format: 'markdown' as const,
      internal,
      ...(attachments.ids.length ? { attachmentIds: attachments.ids } : {}),
      ...(internal ? {} : guard.fields()),
      ...(confirm ? { confirm: true } : {}),
    };
    send.mutate(
      { input, extra },
      {
        onSuccess: () => {
          setText('');
          server.sent();
          guard.seen();
          attachments.clear();
          notifications.show({
            color: internal ? 'yellow' : 'green',
            message: internal
              ? t({ id: 'common.reply.noteAdded', defaultMessage: 'Internal note added' })
              : t({ id: 'common.reply.sent', defaultMessage: 'Reply sent' }),
          });
          if (extra?.macroId) p.onMacroDone?.();
          p.onSent?.();
        },
        onError: (e) => void guard.explain(e),
      },
    );
  };
  /** The signature under an empty public reply, the cursor above it. */
  const sign = () => {
    if (body !== '' || internal || !p.signature) return;
    setBody(`\n\n${p.signature}`);
    requestAnimationFrame(() => own.current?.setSelectionRange(0, 0));
  };
  const discard = () => {
    setText('');
    server.discard();
  };
  return { body, setBody, own, insert, send, attachments, submit, server, guard, discard, sign };
}

/** The reply form. Ctrl/⌘+Enter sends. Disabled, with the reason, where replying is not allowed. */
export const ReplyBox = forwardRef<HTMLTextAreaElement, Props>(function ReplyBox(props, ref) {
  const { number, internal = false, blockedReason, blockedAction, label, placeholder, header, tools } = props;
  const blocked = Boolean(blockedReason);
  const draft = useDraft(number, internal, blocked, props);
  const { body, setBody, own, insert, send, attachments, submit, guard, sign } = draft;
  const textareaRef = useMergedRef(ref, own);
  const mention = useMentionSuggest({ number, enabled: internal && !blocked, body, setBody, box: own });
  const intl = useIntl();
  const fieldLabel =
    label ??
    (internal
      ? intl.formatMessage({ id: 'common.thread.internalNote', defaultMessage: 'Internal note' })
      : intl.formatMessage({ id: 'common.reply.label', defaultMessage: 'Your reply' }));

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
      <NewerMessages
        messages={guard.newer}
        meId={guard.meId}
        sending={send.isPending}
        onClose={guard.seen}
        onSend={() => {
          guard.seen();
          submit(true);
        }}
      />
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack gap="sm">
          {header}
          {blocked && (
            <Alert
              color="gray"
              variant="light"
              title={intl.formatMessage({
                id: 'common.reply.closed',
                defaultMessage: 'Replies are closed on this ticket',
              })}
              role="status"
            >
              <Text size="sm">{blockedReason}</Text>
              {blockedAction}
            </Alert>
          )}
          {internal && <NoteNotice />}
          <FormatToolbar textarea={own} onChange={setBody} attachments={attachments} disabled={blocked} />
          <Textarea
            {...mention.boxProps}
            ref={textareaRef}
            label={fieldLabel}
            placeholder={
              placeholder ??
              (internal
                ? intl.formatMessage({
                    id: 'common.reply.notePlaceholder',
                    defaultMessage: 'A note for your colleagues',
                  })
                : intl.formatMessage({ id: 'common.reply.placeholder', defaultMessage: 'Write your reply' }))
            }
            autosize
            minRows={4}
            maxRows={16}
            value={body}
            onFocus={sign}
            onChange={(e) => setBody(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (mention.onKeyDown(e)) return;
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
          {mention.list}
          {props.macro && !internal && (
            <MacroChip macro={props.macro} onClear={() => props.onMacroDone?.()} />
          )}
          {!blocked && (
            <Group gap="xs" align="flex-start" wrap="wrap">
              <AttachmentPicker state={attachments} />
              {tools?.(insert)}
            </Group>
          )}
          {send.isError && !guard.isConflict(send.error) && (
            <ErrorAlert
              error={send.error}
              title={
                internal
                  ? intl.formatMessage({
                      id: 'common.reply.noteFailed',
                      defaultMessage: 'The note was not added',
                    })
                  : intl.formatMessage({
                      id: 'common.reply.failed',
                      defaultMessage: 'The reply was not sent',
                    })
              }
            />
          )}
          <SendBar
            draft={draft}
            internal={internal}
            blocked={blocked}
            staff={Boolean(props.staff)}
            statuses={internal ? [] : (props.statuses ?? [])}
          />
        </Stack>
      </form>
    </Paper>
  );
});

/** Ctrl + Enter, whether the draft is kept, Discard, and the send button. */
function SendBar({
  draft: { body, server, send, attachments, discard, submit },
  internal,
  blocked,
  staff,
  statuses,
}: {
  draft: ReturnType<typeof useDraft>;
  internal: boolean;
  blocked: boolean;
  staff: boolean;
  statuses: { key: string; label: string }[];
}) {
  const discardable = staff && body.trim() !== '';
  const cannotSend = blocked || !body.trim() || attachments.uploading;
  return (
    <Group justify="space-between" gap="xs">
      <Text size="xs" c="dimmed" visibleFrom="sm">
        <FormattedMessage id="common.reply.shortcut" defaultMessage="Ctrl + Enter to send" />
      </Text>
      {staff && <DraftState status={server.status} restoredAt={server.restoredAt} />}
      {discardable && (
        <Button variant="subtle" color="gray" size="compact-sm" onClick={discard} ms="auto">
          <FormattedMessage id="common.reply.discard" defaultMessage="Discard" />
        </Button>
      )}
      <Button
        type="submit"
        color={internal ? 'yellow' : undefined}
        c={internal ? 'dark' : undefined}
        loading={send.isPending}
        disabled={cannotSend}
        ms={discardable ? undefined : 'auto'}
      >
        {internal ? (
          <FormattedMessage id="common.reply.addNote" defaultMessage="Add internal note" />
        ) : (
          <FormattedMessage id="common.reply.send" defaultMessage="Send reply" />
        )}
      </Button>
      <SendAndSetMenu
        statuses={statuses}
        disabled={cannotSend || send.isPending}
        onPick={(status) => submit(false, status)}
      />
    </Group>
  );
}

/** Whether the draft is kept: said quietly, as a mail app does. */
function DraftState({ status, restoredAt }: { status: DraftStatus; restoredAt: string | null }) {
  const intl = useIntl();
  const text = {
    idle: restoredAt
      ? intl.formatMessage({ id: 'common.draft.restored', defaultMessage: 'Draft restored' })
      : '',
    saving: intl.formatMessage({ id: 'common.draft.saving', defaultMessage: 'Saving draft…' }),
    saved: intl.formatMessage({ id: 'common.draft.saved', defaultMessage: 'Draft saved' }),
    error: intl.formatMessage({ id: 'common.draft.error', defaultMessage: 'The draft was not saved' }),
  }[status];
  if (!text) return null;
  return (
    <Text size="xs" c={status === 'error' ? 'red' : 'dimmed'} role="status" data-testid="draft-state">
      {text}
    </Text>
  );
}

function NoteNotice() {
  return (
    <Group gap={6}>
      <IconLock size={14} aria-hidden />
      <Text size="xs" c="var(--tessera-note-ink)" fw={500}>
        <FormattedMessage
          id="common.reply.noteNotice"
          defaultMessage="Only staff see internal notes. They are never sent to the customer."
        />
      </Text>
    </Group>
  );
}
