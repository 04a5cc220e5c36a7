import { Button, Stack, Table, Text, Textarea, TextInput } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconBuilding, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import type { z } from 'zod';
import { departmentBody } from '../../../../common/api';
import { send } from '../../api/client';
import { keys, useDepartments } from '../../api/hooks';
import type { Department } from '../../api/types';
import { AdminHeader, AdminList, useAdminMutation } from '../../components/admin';
import { ModalForm, useContractForm } from '../../components/ModalForm';

type DepartmentBody = z.input<typeof departmentBody>;

type Editing = { mode: 'create' } | { mode: 'edit'; department: Department } | null;

export function DepartmentsPage() {
  useDocumentTitle('Departments · Admin · Tessera');
  const departments = useDepartments();
  const [editing, setEditing] = useState<Editing>(null);

  return (
    <Stack gap="md" maw={900}>
      <AdminHeader
        title="Departments"
        description="Teams that tickets are routed to. Customers see them as the ticket's category; agents see the tickets of the departments they work in."
        action={
          <Button
            leftSection={<IconPlus size={16} aria-hidden />}
            onClick={() => setEditing({ mode: 'create' })}
          >
            New department
          </Button>
        }
      />
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
              <Button onClick={() => setEditing({ mode: 'create' })}>Create the first department</Button>
            </Stack>
          ),
        }}
        minWidth={420}
        tableProps={{ highlightOnHover: true }}
        head={
          <>
            <Table.Th scope="col">Name</Table.Th>
            <Table.Th scope="col">Description</Table.Th>
            <Table.Th scope="col" w={100}>
              <span className="sr-only">Actions</span>
            </Table.Th>
          </>
        }
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
              <Button
                size="xs"
                variant="default"
                onClick={() => setEditing({ mode: 'edit', department: d })}
                aria-label={`Rename ${d.name}`}
              >
                Rename
              </Button>
            </Table.Td>
          </Table.Tr>
        )}
      </AdminList>
      <DepartmentModal
        key={editing ? (editing.mode === 'edit' ? editing.department.id : 'new') : 'closed'}
        editing={editing}
        onClose={() => setEditing(null)}
      />
    </Stack>
  );
}

function DepartmentModal({ editing, onClose }: { editing: Editing; onClose: () => void }) {
  const current = editing?.mode === 'edit' ? editing.department : null;
  const form = useContractForm(departmentBody, {
    name: current?.name ?? '',
    description: current?.description ?? '',
  });
  const save = useAdminMutation({
    fn: (body: DepartmentBody) =>
      current
        ? send('PATCH /departments/:id', { params: { id: current.id }, body })
        : send('POST /departments', { body }),
    invalidate: [keys.departments],
    success: (d) => (current ? `Department “${d.name}” saved` : `Department “${d.name}” created`),
    onSuccess: onClose,
    quietErrors: true,
  });
  return (
    <ModalForm
      opened={editing !== null}
      onClose={onClose}
      title={current ? `Rename ${current.name}` : 'New department'}
      form={form}
      save={save}
      toBody={(v) => ({ name: v.name.trim(), description: v.description })}
      submitLabel={current ? 'Save' : 'Create department'}
      canSubmit={form.values.name.trim() !== ''}
    >
      <TextInput label="Name" required maxLength={100} {...form.getInputProps('name')} data-autofocus />
      <Textarea
        label="Description"
        description="Shown to customers when they choose a category"
        maxLength={2000}
        autosize
        minRows={2}
        {...form.getInputProps('description')}
      />
    </ModalForm>
  );
}
