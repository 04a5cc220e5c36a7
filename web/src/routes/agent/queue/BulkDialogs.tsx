import {
  Button,
  Group,
  Modal,
  NumberInput,
  Select,
  Stack,
  Switch,
  TagsInput,
  Text,
  Textarea,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { defineMessages, FormattedMessage, useIntl } from 'react-intl';
import { get } from '../../../api/client';
import { macroDoes } from '../../../components/CannedResponses';
import { useTagSuggestions } from '../ticket/TicketTags';
import type { BulkAction } from './BulkBar';

export type DialogKind = 'tags' | 'message' | 'macro' | 'merge' | 'delete';

const TITLES = defineMessages({
  tags: { id: 'agent.bulk.dialog.tags', defaultMessage: 'Add or remove tags' },
  message: { id: 'agent.bulk.dialog.message', defaultMessage: 'Add a note or a reply' },
  macro: { id: 'agent.bulk.dialog.macro', defaultMessage: 'Apply a macro' },
  merge: { id: 'agent.bulk.dialog.merge', defaultMessage: 'Merge into one ticket' },
  delete: { id: 'agent.bulk.dialog.delete', defaultMessage: 'Delete tickets' },
} satisfies Record<DialogKind, unknown>);

type Props = { count: number; run: (a: BulkAction) => void; busy: boolean };

/** The bulk actions that need more than a click: what to add, where to merge, whether to delete. */
export function BulkDialog({
  kind,
  onClose,
  ...props
}: Props & { kind: DialogKind | null; onClose: () => void }) {
  const intl = useIntl();
  return (
    <Modal opened={kind !== null} onClose={onClose} title={kind ? intl.formatMessage(TITLES[kind]) : ''}>
      {kind === 'tags' && <TagsForm {...props} />}
      {kind === 'message' && <MessageForm {...props} />}
      {kind === 'macro' && <MacroForm {...props} />}
      {kind === 'merge' && <MergeForm {...props} />}
      {kind === 'delete' && <DeleteForm {...props} />}
    </Modal>
  );
}

function Submit({
  label,
  disabled,
  busy,
  color,
}: {
  label: string;
  disabled?: boolean;
  busy: boolean;
  color?: string;
}) {
  return (
    <Group justify="flex-end">
      <Button type="submit" disabled={disabled} loading={busy} color={color}>
        {label}
      </Button>
    </Group>
  );
}

function Form({ onSubmit, children }: { onSubmit: () => void; children: ReactNode }) {
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      <Stack gap="sm">{children}</Stack>
    </form>
  );
}

function TagsForm({ count, run, busy }: Props) {
  const [add, setAdd] = useState<string[]>([]);
  const [remove, setRemove] = useState<string[]>([]);
  const [q, setQ] = useState('');
  const suggestions = useTagSuggestions(q);
  const intl = useIntl();
  const changes = {
    ...(add.length ? { addTags: add } : {}),
    ...(remove.length ? { removeTags: remove } : {}),
  };
  return (
    <Form onSubmit={() => run({ kind: 'update', changes })}>
      <TagsInput
        label={intl.formatMessage({ id: 'agent.bulk.tags.add', defaultMessage: 'Add' })}
        value={add}
        onChange={setAdd}
        data={suggestions}
        onSearchChange={setQ}
      />
      <TagsInput
        label={intl.formatMessage({ id: 'agent.bulk.tags.remove', defaultMessage: 'Remove' })}
        value={remove}
        onChange={setRemove}
        data={suggestions}
        onSearchChange={setQ}
      />
      <Submit
        label={intl.formatMessage(
          {
            id: 'agent.bulk.tags.submit',
            defaultMessage: '{count, plural, one {Change # ticket} other {Change # tickets}}',
          },
          { count },
        )}
        disabled={!add.length && !remove.length}
        busy={busy}
      />
    </Form>
  );
}

function MessageForm({ count, run, busy }: Props) {
  const [body, setBody] = useState('');
  const [internal, setInternal] = useState(true);
  const intl = useIntl();
  return (
    <Form onSubmit={() => run({ kind: 'message', body, internal })}>
      <Switch
        label={intl.formatMessage({
          id: 'agent.bulk.message.internal',
          defaultMessage: 'Internal note (staff only)',
        })}
        checked={internal}
        onChange={(e) => setInternal(e.currentTarget.checked)}
      />
      <Textarea
        label={
          internal
            ? intl.formatMessage({ id: 'agent.bulk.message.note', defaultMessage: 'Note' })
            : intl.formatMessage({ id: 'agent.bulk.message.reply', defaultMessage: 'Reply to each customer' })
        }
        description={
          internal
            ? undefined
            : intl.formatMessage({
                id: 'agent.bulk.message.replyHelp',
                defaultMessage: 'Each ticket’s customer gets it, as if replied one by one.',
              })
        }
        value={body}
        onChange={(e) => setBody(e.currentTarget.value)}
        autosize
        minRows={4}
        required
      />
      <Submit
        label={intl.formatMessage(
          {
            id: 'agent.bulk.message.submit',
            defaultMessage: '{count, plural, one {Add to # ticket} other {Add to # tickets}}',
          },
          { count },
        )}
        disabled={!body.trim()}
        busy={busy}
      />
    </Form>
  );
}

function MacroForm({ count, run, busy }: Props) {
  const [id, setId] = useState<string | null>(null);
  const macros = useQuery({
    queryKey: ['canned-responses', 'bulk'],
    queryFn: async () => (await get('/canned-responses')).items,
    staleTime: 60_000,
  });
  const intl = useIntl();
  const chosen = macros.data?.find((c) => c.id === id);
  const replies = intl.formatMessage({
    id: 'agent.bulk.macro.replies',
    defaultMessage: 'reply to each customer',
  });
  const does = chosen ? [...(chosen.body ? [replies] : []), ...macroDoes(chosen)] : [];
  return (
    <Form onSubmit={() => id && run({ kind: 'macro', macroId: id })}>
      <Select
        label={intl.formatMessage({ id: 'agent.bulk.macro.label', defaultMessage: 'Macro' })}
        searchable
        data={(macros.data ?? []).map((c) => ({ value: c.id, label: c.title }))}
        value={id}
        onChange={setId}
        nothingFoundMessage={intl.formatMessage({
          id: 'agent.bulk.macro.noMatch',
          defaultMessage: 'No macro matches',
        })}
      />
      {chosen && (
        <Text size="sm">
          <FormattedMessage
            id="agent.bulk.macro.does"
            defaultMessage="On each ticket: {actions}. The reply is filled in for each ticket’s customer."
            values={{ actions: intl.formatList(does, { type: 'unit', style: 'short' }) }}
          />
        </Text>
      )}
      <Submit
        label={intl.formatMessage(
          {
            id: 'agent.bulk.macro.submit',
            defaultMessage: '{count, plural, one {Apply to # ticket} other {Apply to # tickets}}',
          },
          { count },
        )}
        disabled={!id}
        busy={busy}
      />
    </Form>
  );
}

function MergeForm({ count, run, busy }: Props) {
  const [into, setInto] = useState<number | string>('');
  const intl = useIntl();
  return (
    <Form onSubmit={() => run({ kind: 'merge', into: Number(into) })}>
      <Text size="sm">
        <FormattedMessage
          id="agent.bulk.merge.help"
          defaultMessage="Every selected ticket’s conversation moves into the ticket below; each is closed and points to it. Tickets of another customer or organisation are skipped."
        />
      </Text>
      <NumberInput
        label={intl.formatMessage({
          id: 'agent.bulk.merge.into',
          defaultMessage: 'Ticket number to merge into',
        })}
        value={into}
        onChange={setInto}
        min={1}
        allowDecimal={false}
      />
      <Submit
        label={intl.formatMessage(
          {
            id: 'agent.bulk.merge.submit',
            defaultMessage: '{count, plural, one {Merge # ticket} other {Merge # tickets}}',
          },
          { count },
        )}
        disabled={!into}
        busy={busy}
      />
    </Form>
  );
}

function DeleteForm({ count, run, busy }: Props) {
  const intl = useIntl();
  return (
    <Form onSubmit={() => run({ kind: 'delete' })}>
      <Text size="sm">
        <FormattedMessage
          id="agent.bulk.delete.help"
          defaultMessage="{count, plural, one {# ticket and its conversation are deleted for good. Its number is never used again.} other {# tickets and their conversations are deleted for good. Their numbers are never used again.}}"
          values={{ count }}
        />
      </Text>
      <Submit
        label={intl.formatMessage(
          {
            id: 'agent.bulk.delete.submit',
            defaultMessage: '{count, plural, one {Delete # ticket} other {Delete # tickets}}',
          },
          { count },
        )}
        busy={busy}
        color="red"
      />
    </Form>
  );
}
