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
import { get } from '../../../api/client';
import { macroDoes } from '../../../components/CannedResponses';
import { useTagSuggestions } from '../ticket/TicketTags';
import type { BulkAction } from './BulkBar';

export type DialogKind = 'tags' | 'message' | 'macro' | 'merge' | 'delete';

const TITLES: Record<DialogKind, string> = {
  tags: 'Add or remove tags',
  message: 'Add a note or a reply',
  macro: 'Apply a macro',
  merge: 'Merge into one ticket',
  delete: 'Delete tickets',
};

type Props = { count: number; run: (a: BulkAction) => void; busy: boolean };

/** The bulk actions that need more than a click: what to add, where to merge, whether to delete. */
export function BulkDialog({
  kind,
  onClose,
  ...props
}: Props & { kind: DialogKind | null; onClose: () => void }) {
  return (
    <Modal opened={kind !== null} onClose={onClose} title={kind ? TITLES[kind] : ''}>
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
  const changes = {
    ...(add.length ? { addTags: add } : {}),
    ...(remove.length ? { removeTags: remove } : {}),
  };
  return (
    <Form onSubmit={() => run({ kind: 'update', changes })}>
      <TagsInput label="Add" value={add} onChange={setAdd} data={suggestions} onSearchChange={setQ} />
      <TagsInput
        label="Remove"
        value={remove}
        onChange={setRemove}
        data={suggestions}
        onSearchChange={setQ}
      />
      <Submit label={`Change ${count} tickets`} disabled={!add.length && !remove.length} busy={busy} />
    </Form>
  );
}

function MessageForm({ count, run, busy }: Props) {
  const [body, setBody] = useState('');
  const [internal, setInternal] = useState(true);
  return (
    <Form onSubmit={() => run({ kind: 'message', body, internal })}>
      <Switch
        label="Internal note (staff only)"
        checked={internal}
        onChange={(e) => setInternal(e.currentTarget.checked)}
      />
      <Textarea
        label={internal ? 'Note' : 'Reply to each customer'}
        description={internal ? undefined : 'Each ticket’s customer gets it, as if replied one by one.'}
        value={body}
        onChange={(e) => setBody(e.currentTarget.value)}
        autosize
        minRows={4}
        required
      />
      <Submit label={`Add to ${count} tickets`} disabled={!body.trim()} busy={busy} />
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
  const chosen = macros.data?.find((c) => c.id === id);
  const does = chosen ? [...(chosen.body ? ['reply to each customer'] : []), ...macroDoes(chosen)] : [];
  return (
    <Form onSubmit={() => id && run({ kind: 'macro', macroId: id })}>
      <Select
        label="Macro"
        searchable
        data={(macros.data ?? []).map((c) => ({ value: c.id, label: c.title }))}
        value={id}
        onChange={setId}
        nothingFoundMessage="No macro matches"
      />
      {chosen && (
        <Text size="sm">
          On each ticket: {does.join(', ')}. The reply is filled in for each ticket’s customer.
        </Text>
      )}
      <Submit label={`Apply to ${count} tickets`} disabled={!id} busy={busy} />
    </Form>
  );
}

function MergeForm({ count, run, busy }: Props) {
  const [into, setInto] = useState<number | string>('');
  return (
    <Form onSubmit={() => run({ kind: 'merge', into: Number(into) })}>
      <Text size="sm">
        Every selected ticket’s conversation moves into the ticket below; each is closed and points to it.
        Tickets of another customer or organisation are skipped.
      </Text>
      <NumberInput
        label="Ticket number to merge into"
        value={into}
        onChange={setInto}
        min={1}
        allowDecimal={false}
      />
      <Submit label={`Merge ${count} tickets`} disabled={!into} busy={busy} />
    </Form>
  );
}

function DeleteForm({ count, run, busy }: Props) {
  return (
    <Form onSubmit={() => run({ kind: 'delete' })}>
      <Text size="sm">
        {count} tickets and their conversations are deleted for good. Their numbers are never used again.
      </Text>
      <Submit label={`Delete ${count} tickets`} busy={busy} color="red" />
    </Form>
  );
}
