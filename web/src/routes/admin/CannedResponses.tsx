import { Button, Code, Group, Modal, Select, Stack, Table, Text, Textarea, TextInput } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconMessages, IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { z } from 'zod';
import { cannedBody, type cannedSchema, PLACEHOLDERS } from '../../../../common/intake';
import { get, send } from '../../api/client';
import { useDepartments } from '../../api/hooks';
import { AdminHeader, AdminList, useAdminMutation } from '../../components/admin';
import { ModalForm, useContractForm } from '../../components/ModalForm';

type Canned = z.infer<typeof cannedSchema>;

/** Every canned-response query (the picker on the ticket page keys them by department). */
const cannedKey = ['canned-responses'] as const;
const ALL = '__all__';

function Placeholders() {
  return (
    <Text size="xs" c="dimmed">
      Placeholders, filled in when an agent inserts the response:{' '}
      {PLACEHOLDERS.map((p, i) => (
        <span key={p}>
          {i > 0 ? ' ' : ''}
          <Code>{`{{${p}}}`}</Code>
        </span>
      ))}
    </Text>
  );
}

export function CannedResponsesPage() {
  useDocumentTitle('Canned responses · Admin · Tessera');
  const departments = useDepartments();
  const list = useQuery({
    queryKey: [...cannedKey, 'admin'],
    queryFn: async () => (await get('/canned-responses')).items,
  });
  const [editing, setEditing] = useState<Canned | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Canned | null>(null);
  const departmentName = (id: string | null) =>
    id === null
      ? 'Every department'
      : (departments.data?.find((d) => d.id === id)?.name ?? 'Unknown department');
  const remove = useAdminMutation({
    fn: (c: Canned) => send('DELETE /canned-responses/:id', { params: { id: c.id } }),
    invalidate: [cannedKey],
    success: (_r, c) => `“${c.title}” deleted`,
    onSuccess: () => setDeleting(null),
  });

  return (
    <Stack gap="md" maw={1000}>
      <AdminHeader
        title="Canned responses"
        description="Pre-written replies agents insert from the ticket page. One for a department is offered only on its tickets."
        action={
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setEditing('new')}>
            New response
          </Button>
        }
      />
      <Placeholders />
      <AdminList
        query={list}
        items={list.data}
        empty={{
          icon: <IconMessages aria-hidden />,
          title: 'No canned responses yet',
          description: 'Write the answers your team gives again and again.',
        }}
        minWidth={520}
        tableProps={{ 'aria-label': 'Canned responses' }}
        head={
          <>
            <Table.Th scope="col">Title</Table.Th>
            <Table.Th scope="col">Department</Table.Th>
            <Table.Th scope="col" w={70}>
              Used
            </Table.Th>
            <Table.Th scope="col" w={160}>
              <span className="sr-only">Actions</span>
            </Table.Th>
          </>
        }
      >
        {(c) => (
          <Table.Tr key={c.id}>
            <Table.Td>
              <Text size="sm" fw={500}>
                {c.title}
              </Text>
              <Text size="xs" c="dimmed" lineClamp={2} style={{ whiteSpace: 'pre-wrap' }}>
                {c.body}
              </Text>
            </Table.Td>
            <Table.Td>
              <Text size="sm">{departmentName(c.departmentId)}</Text>
            </Table.Td>
            <Table.Td>
              <Text size="sm">{c.usageCount}</Text>
            </Table.Td>
            <Table.Td>
              <Group gap={6} wrap="nowrap">
                <Button
                  size="xs"
                  variant="default"
                  onClick={() => setEditing(c)}
                  aria-label={`Edit ${c.title}`}
                >
                  Edit
                </Button>
                <Button
                  size="xs"
                  variant="subtle"
                  color="red"
                  onClick={() => setDeleting(c)}
                  aria-label={`Delete ${c.title}`}
                >
                  Delete
                </Button>
              </Group>
            </Table.Td>
          </Table.Tr>
        )}
      </AdminList>
      <CannedModal
        key={editing === null ? 'closed' : editing === 'new' ? 'new' : editing.id}
        editing={editing}
        departments={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
        onClose={() => setEditing(null)}
      />
      <Modal opened={deleting !== null} onClose={() => setDeleting(null)} title="Delete canned response">
        <Stack gap="sm">
          <Text size="sm">Delete “{deleting?.title}”? Replies already sent with it are not changed.</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setDeleting(null)}>
              Cancel
            </Button>
            <Button
              color="red"
              loading={remove.isPending}
              onClick={() => deleting && remove.mutate(deleting)}
            >
              Delete
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

function CannedModal({
  editing,
  departments,
  onClose,
}: {
  editing: Canned | 'new' | null;
  departments: { value: string; label: string }[];
  onClose: () => void;
}) {
  const current = editing && editing !== 'new' ? editing : null;
  // The department list stands for "every department" with ALL, the API with null.
  const form = useContractForm(cannedBody, {
    title: current?.title ?? '',
    body: current?.body ?? '',
    departmentId: current?.departmentId ?? ALL,
  });
  const save = useAdminMutation({
    fn: (input: { title: string; body: string; departmentId: string | null }) =>
      current
        ? send('PATCH /canned-responses/:id', { params: { id: current.id }, body: input })
        : send('POST /canned-responses', { body: input }),
    invalidate: [cannedKey],
    success: (c) => `“${c.title}” saved`,
    onSuccess: onClose,
    quietErrors: true,
  });
  const { values } = form;
  return (
    <ModalForm
      opened={editing !== null}
      onClose={onClose}
      title={current ? `Edit ${current.title}` : 'New canned response'}
      size="lg"
      form={form}
      save={save}
      toBody={(v) => ({
        title: v.title.trim(),
        body: v.body.trim(),
        departmentId: v.departmentId === ALL ? null : v.departmentId,
      })}
      submitLabel={current ? 'Save' : 'Create response'}
      canSubmit={values.title.trim() !== '' && values.body.trim() !== ''}
    >
      <TextInput
        label="Title"
        description="What agents pick from the list"
        required
        maxLength={200}
        {...form.getInputProps('title')}
        data-autofocus
      />
      <Select
        label="Department"
        data={[{ value: ALL, label: 'Every department' }, ...departments]}
        {...form.getInputProps('departmentId')}
        onChange={(v) => form.setFieldValue('departmentId', v ?? ALL)}
        allowDeselect={false}
      />
      <Textarea
        label="Text"
        required
        maxLength={20000}
        autosize
        minRows={5}
        {...form.getInputProps('body')}
      />
      <Placeholders />
    </ModalForm>
  );
}
