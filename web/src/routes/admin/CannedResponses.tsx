import { Code, Group, Select, Table, Text, Textarea } from '@mantine/core';
import { IconMessages } from '@tabler/icons-react';
import type { z } from 'zod';
import type { cannedBody, cannedSchema } from '../../../../common/intake';
import { PLACEHOLDERS } from '../../../../common/intake';
import { get, send } from '../../api/client';
import { useDepartments } from '../../api/hooks';
import { AdminList } from '../../components/admin';
import { AdminPage } from '../../components/admin/AdminPage';
import { DeleteRowButton, NewButton, RowButton } from '../../components/admin/buttons';
import { ConfirmModal, useConfirmedAct } from '../../components/admin/ConfirmModal';
import { type ItemModalProps, NameInput, useItemForm } from '../../components/admin/forms';
import { useItems } from '../../components/admin/lists';
import { HeaderCells } from '../../components/admin/table';
import { ModalForm, useEditing } from '../../components/ModalForm';
import { cannedFormSchema, MacroFields, macroActions, macroValues } from './canned/MacroFields';

type Canned = z.infer<typeof cannedSchema>;
type CannedBody = z.input<typeof cannedBody>;

const hasActions = (v: Parameters<typeof macroActions>[0]) =>
  Object.keys(macroActions(v, undefined)).length > 0;

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
  const departments = useDepartments();
  const list = useItems([...cannedKey, 'admin'], () => get('/canned-responses'));
  const edit = useEditing<Canned>((c) => c.id);
  const departmentName = (id: string | null) =>
    id === null
      ? 'Every department'
      : (departments.data?.find((d) => d.id === id)?.name ?? 'Unknown department');
  const removal = useConfirmedAct({
    fn: (c: Canned) => send('DELETE /canned-responses/:id', { params: { id: c.id } }),
    invalidate: [cannedKey],
    success: (c) => `“${c.title}” deleted`,
  });

  return (
    <AdminPage
      maw={1000}
      title="Canned responses"
      description="Pre-written replies agents insert from the ticket page, and macros: a reply that also adds a note or changes the ticket, applied in one go. One for a department is offered only on its tickets."
      action={<NewButton onClick={() => edit.setEditing('new')}>New response</NewButton>}
    >
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
        head={<HeaderCells columns={['Title', 'Department', { label: 'Used', w: 70 }]} actions={160} />}
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
                <RowButton label={`Edit ${c.title}`} onClick={() => edit.setEditing(c)} />
                <DeleteRowButton name={c.title} onClick={() => removal.ask(c)} />
              </Group>
            </Table.Td>
          </Table.Tr>
        )}
      </AdminList>
      <CannedModal
        key={edit.key}
        editing={edit.editing}
        departments={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
        onClose={edit.close}
      />
      <ConfirmModal {...removal.confirm} title="Delete canned response" confirmLabel="Delete" color="red">
        <Text size="sm">Delete “{removal.asking?.title}”? Replies already sent with it are not changed.</Text>
      </ConfirmModal>
    </AdminPage>
  );
}

function CannedModal({
  departments,
  ...props
}: ItemModalProps<Canned> & { departments: { value: string; label: string }[] }) {
  const { current, form, modal } = useItemForm(props, {
    schema: cannedFormSchema,
    // The department list stands for "every department" with ALL, the API with null.
    values: (c) => ({
      title: c?.title ?? '',
      body: c?.body ?? '',
      departmentId: c?.departmentId ?? ALL,
      ...macroValues(c?.actions),
    }),
    create: (body: CannedBody) => send('POST /canned-responses', { body }),
    update: (c, body) => send('PATCH /canned-responses/:id', { params: { id: c.id }, body }),
    invalidate: [cannedKey],
    success: (c) => `“${c.title}” saved`,
  });
  const { values } = form;
  return (
    <ModalForm
      {...modal}
      title={current ? `Edit ${current.title}` : 'New canned response'}
      size="lg"
      toBody={(v) => ({
        title: v.title.trim(),
        body: v.body.trim(),
        departmentId: v.departmentId === ALL ? null : v.departmentId,
        actions: macroActions(v, current?.actions),
      })}
      submitLabel={current ? 'Save' : 'Create response'}
      canSubmit={values.title.trim() !== '' && (values.body.trim() !== '' || hasActions(values))}
    >
      <NameInput
        form={form}
        path="title"
        label="Title"
        description="What agents pick from the list"
        maxLength={200}
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
        description="The reply put in the reply box; may be empty for a macro that only acts"
        maxLength={20000}
        autosize
        minRows={5}
        {...form.getInputProps('body')}
      />
      <Placeholders />
      <MacroFields form={form} />
    </ModalForm>
  );
}
