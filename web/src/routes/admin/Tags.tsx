import { Group, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch, IconTags } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { z } from 'zod';
import { tagRenameBody, type tagSchema } from '../../../../common/tags';
import { get, send } from '../../api/client';
import { AdminList } from '../../components/admin';
import { AdminPage } from '../../components/admin/AdminPage';
import { RowButton } from '../../components/admin/buttons';
import { ConfirmModal, useConfirmedAct } from '../../components/admin/ConfirmModal';
import { type ItemModalProps, NameInput, useModalSave } from '../../components/admin/forms';
import { HeaderCells } from '../../components/admin/table';
import { ModalForm, useContractForm, useEditing } from '../../components/ModalForm';

type Tag = z.infer<typeof tagSchema>;
const plural = (n: number) => `${n} ticket${n === 1 ? '' : 's'}`;

/** Admin › Tags: the tags in use, most used first; rename (or merge into another) and remove across tickets. */
export function TagsPage() {
  const [typed, setTyped] = useState('');
  const [prefix] = useDebouncedValue(typed.trim(), 200);
  const list = useQuery({
    queryKey: ['tags', 'all', prefix],
    queryFn: () => get('/tags', { query: { q: prefix, limit: 500 } }),
  });
  const edit = useEditing<Tag>((t) => t.name);
  const removal = useConfirmedAct({
    fn: (t: Tag) => send('DELETE /tags/:name', { params: { name: t.name } }),
    invalidate: [['tags'], ['tickets']],
    success: (t) => `“${t.name}” removed from ${plural(t.tickets)}`,
  });
  return (
    <AdminPage
      maw={760}
      title="Tags"
      description="Agents tag tickets on the ticket page, and filter the queue by tag. Rename a tag to fix or merge it, or remove it from every ticket."
    >
      <TextInput
        label="Find a tag"
        placeholder="The start of its name"
        leftSection={<IconSearch size={16} aria-hidden />}
        value={typed}
        onChange={(e) => setTyped(e.currentTarget.value)}
        maw={320}
      />
      <AdminList
        query={list}
        items={list.data?.items}
        empty={{
          icon: <IconTags aria-hidden />,
          title: prefix ? 'No tag starts so' : 'No tags yet',
          description: prefix
            ? undefined
            : 'Tags added to tickets are listed here, with how many tickets carry each.',
        }}
        minWidth={420}
        head={<HeaderCells columns={['Tag', { label: 'Tickets', w: 100 }]} actions={200} />}
      >
        {(t) => (
          <Table.Tr key={t.name}>
            <Table.Td fw={500}>{t.name}</Table.Td>
            <Table.Td>{t.tickets}</Table.Td>
            <Table.Td>
              <Group gap="xs" wrap="nowrap">
                <RowButton label={`Rename ${t.name}`} onClick={() => edit.setEditing(t)}>
                  Rename
                </RowButton>
                <RowButton label={`Remove ${t.name}`} onClick={() => removal.ask(t)}>
                  Remove
                </RowButton>
              </Group>
            </Table.Td>
          </Table.Tr>
        )}
      </AdminList>
      <RenameModal key={edit.key} editing={edit.editing} onClose={edit.close} />
      <ConfirmModal
        {...removal.confirm}
        title={`Remove “${removal.asking?.name ?? ''}”`}
        confirmLabel="Remove the tag"
        color="red"
      >
        <Text size="sm">
          The tag is taken off {plural(removal.asking?.tickets ?? 0)}. The tickets themselves stay as they
          are.
        </Text>
      </ConfirmModal>
    </AdminPage>
  );
}

function RenameModal({ editing, onClose }: ItemModalProps<Tag>) {
  const current = editing === 'new' ? null : editing;
  const form = useContractForm(tagRenameBody, { name: current?.name ?? '' });
  const save = useModalSave({
    fn: (body: { name: string }) =>
      send('PATCH /tags/:name', { params: { name: current?.name ?? '' }, body }),
    invalidate: [['tags'], ['tickets']],
    success: (t) => `Renamed; ${plural(t.tickets)} now carry “${t.name}”`,
    onClose,
  });
  return (
    <ModalForm
      opened={current !== null}
      onClose={onClose}
      title={`Rename “${current?.name ?? ''}”`}
      form={form}
      save={save}
      toBody={(v) => (v.name.trim().toLowerCase() === current?.name ? null : { name: v.name })}
      submitLabel="Rename"
      canSubmit={form.values.name.trim() !== ''}
    >
      <NameInput
        form={form}
        label="New name"
        description="The name of another tag merges the two: its tickets keep one tag."
        maxLength={50}
      />
    </ModalForm>
  );
}
