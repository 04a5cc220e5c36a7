import { Button, Group, Stack, Table, Text } from '@mantine/core';
import { IconBuilding } from '@tabler/icons-react';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { z } from 'zod';
import { departmentBody } from '../../../../common/api';
import { send } from '../../api/client';
import { keys, useDepartments } from '../../api/hooks';
import type { Department } from '../../api/types';
import { AdminList } from '../../components/admin';
import { AdminPage } from '../../components/admin/AdminPage';
import { NewButton, RowButton } from '../../components/admin/buttons';
import { DescriptionInput, type ItemModalProps, NameInput, useItemForm } from '../../components/admin/forms';
import { HeaderCells } from '../../components/admin/table';
import { ModalForm, useEditing } from '../../components/ModalForm';
import { DepartmentSignatureModal } from '../../components/SignatureEditor';

type DepartmentBody = z.input<typeof departmentBody>;

export function DepartmentsPage() {
  const departments = useDepartments();
  const edit = useEditing<Department>((d) => d.id);
  const [signing, setSigning] = useState<Department | null>(null);
  const intl = useIntl();

  return (
    <AdminPage
      maw={900}
      title={intl.formatMessage({ id: 'admin.departments.title', defaultMessage: 'Departments' })}
      description={intl.formatMessage({
        id: 'admin.departments.description',
        defaultMessage:
          "Teams that tickets are routed to. Customers see them as the ticket's category; agents see the tickets of the departments they work in.",
      })}
      action={
        <NewButton onClick={() => edit.setEditing('new')}>
          <FormattedMessage id="admin.departments.new" defaultMessage="New department" />
        </NewButton>
      }
    >
      <AdminList
        query={departments}
        items={departments.data}
        empty={{
          icon: <IconBuilding aria-hidden />,
          title: intl.formatMessage({
            id: 'admin.departments.emptyTitle',
            defaultMessage: 'No departments yet',
          }),
          description: (
            <Stack gap="sm" align="center">
              <Text size="sm" c="dimmed" ta="center">
                <FormattedMessage
                  id="admin.departments.emptyDescription"
                  defaultMessage="Customers choose a department when they open a ticket, and agents work the tickets of theirs: create the first one (Billing, Technical, …), then add agents under Users."
                />
              </Text>
              <Button onClick={() => edit.setEditing('new')}>
                <FormattedMessage
                  id="admin.departments.createFirst"
                  defaultMessage="Create the first department"
                />
              </Button>
            </Stack>
          ),
        }}
        minWidth={420}
        tableProps={{ highlightOnHover: true }}
        head={
          <HeaderCells
            columns={[
              intl.formatMessage({ id: 'admin.name', defaultMessage: 'Name' }),
              intl.formatMessage({ id: 'admin.description', defaultMessage: 'Description' }),
            ]}
            actions={190}
          />
        }
      >
        {(d) => (
          <Table.Tr key={d.id}>
            <Table.Td fw={500}>{d.name}</Table.Td>
            <Table.Td>
              <Text size="sm" c={d.description ? undefined : 'dimmed'}>
                {d.description || (
                  <FormattedMessage id="admin.departments.noDescription" defaultMessage="No description" />
                )}
              </Text>
            </Table.Td>
            <Table.Td>
              <Group gap="xs" wrap="nowrap">
                <RowButton
                  label={intl.formatMessage(
                    { id: 'admin.renameNamed', defaultMessage: 'Rename {name}' },
                    { name: d.name },
                  )}
                  onClick={() => edit.setEditing(d)}
                >
                  <FormattedMessage id="admin.rename" defaultMessage="Rename" />
                </RowButton>
                <RowButton
                  label={intl.formatMessage(
                    { id: 'admin.departments.signatureOf', defaultMessage: 'Signature of {name}' },
                    { name: d.name },
                  )}
                  onClick={() => setSigning(d)}
                >
                  <FormattedMessage id="admin.departments.signature" defaultMessage="Signature" />
                </RowButton>
              </Group>
            </Table.Td>
          </Table.Tr>
        )}
      </AdminList>
      <DepartmentModal key={edit.key} editing={edit.editing} onClose={edit.close} />
      {signing && <DepartmentSignatureModal department={signing} onClose={() => setSigning(null)} />}
    </AdminPage>
  );
}

function DepartmentModal(props: ItemModalProps<Department>) {
  const intl = useIntl();
  const { current, form, modal } = useItemForm(props, {
    schema: departmentBody,
    values: (d) => ({ name: d?.name ?? '', description: d?.description ?? '' }),
    create: (body: DepartmentBody) => send('POST /departments', { body }),
    update: (d, body) => send('PATCH /departments/:id', { params: { id: d.id }, body }),
    invalidate: [keys.departments],
    success: (d, edited) =>
      edited
        ? intl.formatMessage(
            { id: 'admin.departments.saved', defaultMessage: 'Department “{name}” saved' },
            { name: d.name },
          )
        : intl.formatMessage(
            { id: 'admin.departments.created', defaultMessage: 'Department “{name}” created' },
            { name: d.name },
          ),
  });
  return (
    <ModalForm
      {...modal}
      title={
        current
          ? intl.formatMessage(
              { id: 'admin.renameNamed', defaultMessage: 'Rename {name}' },
              { name: current.name },
            )
          : intl.formatMessage({ id: 'admin.departments.new', defaultMessage: 'New department' })
      }
      toBody={(v) => ({ name: v.name.trim(), description: v.description })}
      submitLabel={
        current
          ? intl.formatMessage({ id: 'admin.save', defaultMessage: 'Save' })
          : intl.formatMessage({ id: 'admin.departments.create', defaultMessage: 'Create department' })
      }
      canSubmit={form.values.name.trim() !== ''}
    >
      <NameInput form={form} maxLength={100} />
      <DescriptionInput
        description={intl.formatMessage({
          id: 'admin.departments.descriptionHelp',
          defaultMessage: 'Shown to customers when they choose a category',
        })}
        {...form.getInputProps('description')}
      />
    </ModalForm>
  );
}
