import { Code, Group, Select, Table, Text, Textarea } from '@mantine/core';
import { IconMessages } from '@tabler/icons-react';
import { FormattedMessage, useIntl } from 'react-intl';
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
      <FormattedMessage
        id="admin.canned.placeholders"
        defaultMessage="Placeholders, filled in when an agent inserts the response:"
      />{' '}
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
  const intl = useIntl();
  const departmentName = (id: string | null) =>
    id === null
      ? intl.formatMessage({ id: 'admin.canned.everyDepartment', defaultMessage: 'Every department' })
      : (departments.data?.find((d) => d.id === id)?.name ??
        intl.formatMessage({ id: 'admin.canned.unknownDepartment', defaultMessage: 'Unknown department' }));
  const removal = useConfirmedAct({
    fn: (c: Canned) => send('DELETE /canned-responses/:id', { params: { id: c.id } }),
    invalidate: [cannedKey],
    success: (c) =>
      intl.formatMessage({ id: 'admin.deletedNamed', defaultMessage: '“{name}” deleted' }, { name: c.title }),
  });

  return (
    <AdminPage
      maw={1000}
      title={intl.formatMessage({ id: 'admin.canned.title', defaultMessage: 'Canned responses' })}
      description={intl.formatMessage({
        id: 'admin.canned.description',
        defaultMessage:
          'Pre-written replies agents insert from the ticket page, and macros: a reply that also adds a note or changes the ticket, applied in one go. One for a department is offered only on its tickets.',
      })}
      action={
        <NewButton onClick={() => edit.setEditing('new')}>
          <FormattedMessage id="admin.canned.new" defaultMessage="New response" />
        </NewButton>
      }
    >
      <Placeholders />
      <AdminList
        query={list}
        items={list.data}
        empty={{
          icon: <IconMessages aria-hidden />,
          title: intl.formatMessage({
            id: 'admin.canned.emptyTitle',
            defaultMessage: 'No canned responses yet',
          }),
          description: intl.formatMessage({
            id: 'admin.canned.emptyDescription',
            defaultMessage: 'Write the answers your team gives again and again.',
          }),
        }}
        minWidth={520}
        tableProps={{
          'aria-label': intl.formatMessage({ id: 'admin.canned.title', defaultMessage: 'Canned responses' }),
        }}
        head={
          <HeaderCells
            columns={[
              intl.formatMessage({ id: 'admin.canned.titleColumn', defaultMessage: 'Title' }),
              intl.formatMessage({ id: 'admin.canned.department', defaultMessage: 'Department' }),
              { label: intl.formatMessage({ id: 'admin.canned.used', defaultMessage: 'Used' }), w: 70 },
            ]}
            actions={160}
          />
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
                <RowButton
                  label={intl.formatMessage(
                    { id: 'admin.editNamed', defaultMessage: 'Edit {name}' },
                    { name: c.title },
                  )}
                  onClick={() => edit.setEditing(c)}
                />
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
      <ConfirmModal
        {...removal.confirm}
        title={intl.formatMessage({
          id: 'admin.canned.deleteTitle',
          defaultMessage: 'Delete canned response',
        })}
        confirmLabel={intl.formatMessage({ id: 'admin.delete', defaultMessage: 'Delete' })}
        color="red"
      >
        <Text size="sm">
          <FormattedMessage
            id="admin.canned.deleteBody"
            defaultMessage="Delete “{name}”? Replies already sent with it are not changed."
            values={{ name: removal.asking?.title }}
          />
        </Text>
      </ConfirmModal>
    </AdminPage>
  );
}

function CannedModal({
  departments,
  ...props
}: ItemModalProps<Canned> & { departments: { value: string; label: string }[] }) {
  const intl = useIntl();
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
    success: (c) =>
      intl.formatMessage({ id: 'admin.savedNamed', defaultMessage: '“{name}” saved' }, { name: c.title }),
  });
  const { values } = form;
  return (
    <ModalForm
      {...modal}
      title={
        current
          ? intl.formatMessage(
              { id: 'admin.editNamed', defaultMessage: 'Edit {name}' },
              { name: current.title },
            )
          : intl.formatMessage({ id: 'admin.canned.newTitle', defaultMessage: 'New canned response' })
      }
      size="lg"
      toBody={(v) => ({
        title: v.title.trim(),
        body: v.body.trim(),
        departmentId: v.departmentId === ALL ? null : v.departmentId,
        actions: macroActions(v, current?.actions),
      })}
      submitLabel={
        current
          ? intl.formatMessage({ id: 'admin.save', defaultMessage: 'Save' })
          : intl.formatMessage({ id: 'admin.canned.create', defaultMessage: 'Create response' })
      }
      canSubmit={values.title.trim() !== '' && (values.body.trim() !== '' || hasActions(values))}
    >
      <NameInput
        form={form}
        path="title"
        label={intl.formatMessage({ id: 'admin.canned.titleColumn', defaultMessage: 'Title' })}
        description={intl.formatMessage({
          id: 'admin.canned.titleHelp',
          defaultMessage: 'What agents pick from the list',
        })}
        maxLength={200}
      />
      <Select
        label={intl.formatMessage({ id: 'admin.canned.department', defaultMessage: 'Department' })}
        data={[
          {
            value: ALL,
            label: intl.formatMessage({
              id: 'admin.canned.everyDepartment',
              defaultMessage: 'Every department',
            }),
          },
          ...departments,
        ]}
        {...form.getInputProps('departmentId')}
        onChange={(v) => form.setFieldValue('departmentId', v ?? ALL)}
        allowDeselect={false}
      />
      <Textarea
        label={intl.formatMessage({ id: 'admin.canned.text', defaultMessage: 'Text' })}
        description={intl.formatMessage({
          id: 'admin.canned.textHelp',
          defaultMessage: 'The reply put in the reply box; may be empty for a macro that only acts',
        })}
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
