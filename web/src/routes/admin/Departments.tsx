import { Button, Group, Stack, Table, Text } from '@mantine/core';
import { IconBuilding } from '@tabler/icons-react';
import { useState } from 'react';
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

  return (
    <AdminPage
      maw={900}
      title="Departments"
      description="Teams that tickets are routed to. Customers see them as the ticket's category; agents see the tickets of the departments they work in."
      action={<NewButton onClick={() => edit.setEditing('new')}>New department</NewButton>}
    >
      <AdminList
        query={departments}
        items={departments.data}
        empty={{
          icon: <IconBuilding aria-hidden />,
          title: 'No departments yet',
          description: (
            <Stack gap="sm" align="center">
              <Text size="sm" c="dimmed" ta="center">
                Customers choose a department when they open a ticket, and agents work the tickets of theirs:
                create the first one (Billing, Technical, …), then add agents under Users.
              </Text>
              <Button onClick={() => edit.setEditing('new')}>Create the first department</Button>
            </Stack>
          ),
        }}
        minWidth={420}
        tableProps={{ highlightOnHover: true }}
        head={<HeaderCells columns={['Name', 'Description']} actions={190} />}
      >
        {(d) => (
          <Table.Tr key={d.id}>
            <Table.Td fw={500}>{d.name}</Table.Td>
            <Table.Td>
              <Text size="sm" c={d.description ? undefined : 'dimmed'}>
                {d.description || 'No description'}
              </Text>
            </Table.Td>
            <Table.Td>
              <Group gap="xs" wrap="nowrap">
                <RowButton label={`Rename ${d.name}`} onClick={() => edit.setEditing(d)}>
                  Rename
                </RowButton>
                <RowButton label={`Signature of ${d.name}`} onClick={() => setSigning(d)}>
                  Signature
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
  const { current, form, modal } = useItemForm(props, {
    schema: departmentBody,
    values: (d) => ({ name: d?.name ?? '', description: d?.description ?? '' }),
    create: (body: DepartmentBody) => send('POST /departments', { body }),
    update: (d, body) => send('PATCH /departments/:id', { params: { id: d.id }, body }),
    invalidate: [keys.departments],
    success: (d, edited) => (edited ? `Department “${d.name}” saved` : `Department “${d.name}” created`),
  });
  return (
    <ModalForm
      {...modal}
      title={current ? `Rename ${current.name}` : 'New department'}
      toBody={(v) => ({ name: v.name.trim(), description: v.description })}
      submitLabel={current ? 'Save' : 'Create department'}
      canSubmit={form.values.name.trim() !== ''}
    >
      <NameInput form={form} maxLength={100} />
      <DescriptionInput
        description="Shown to customers when they choose a category"
        {...form.getInputProps('description')}
      />
    </ModalForm>
  );
}
