import { Button, Group, Stack, Table, TextInput } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconPlus, IconUsersGroup } from '@tabler/icons-react';
import { useState } from 'react';
import { organisationBody } from '../../../../common/api';
import { send } from '../../api/client';
import { keys, useOrganisationPages } from '../../api/hooks';
import type { Organisation } from '../../api/types';
import { AdminHeader, AdminList, useAdminMutation } from '../../components/admin';
import { LoadMore } from '../../components/bits';
import { ButtonLink } from '../../components/links';
import { ModalForm, useContractForm } from '../../components/ModalForm';
import { formatDate } from '../../lib/format';

type Editing = { mode: 'create' } | { mode: 'edit'; organisation: Organisation } | null;

export function OrganisationsPage() {
  useDocumentTitle('Organisations · Admin · Tessera');
  const list = useOrganisationPages();
  const [editing, setEditing] = useState<Editing>(null);
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <Stack gap="md" maw={900}>
      <AdminHeader
        title="Organisations"
        description="Customers belong to an organisation and see every ticket of it, never another organisation's."
        action={
          <Button
            leftSection={<IconPlus size={16} aria-hidden />}
            onClick={() => setEditing({ mode: 'create' })}
          >
            New organisation
          </Button>
        }
      />
      <AdminList
        query={list}
        items={items}
        empty={{
          icon: <IconUsersGroup aria-hidden />,
          title: 'No organisations yet',
          description: 'Create one for each customer company, then add its people under Users.',
        }}
        minWidth={420}
        tableProps={{ highlightOnHover: true }}
        head={
          <>
            <Table.Th scope="col">Name</Table.Th>
            <Table.Th scope="col" w={140}>
              Since
            </Table.Th>
            <Table.Th scope="col" w={220}>
              <span className="sr-only">Actions</span>
            </Table.Th>
          </>
        }
        footer={
          <LoadMore
            hasNextPage={list.hasNextPage}
            isFetchingNextPage={list.isFetchingNextPage}
            fetchNextPage={list.fetchNextPage}
            shown={items.length}
          />
        }
      >
        {(o) => (
          <Table.Tr key={o.id}>
            <Table.Td fw={500}>{o.name}</Table.Td>
            <Table.Td>{formatDate(o.createdAt)}</Table.Td>
            <Table.Td>
              <Group gap="xs" wrap="nowrap">
                <Button
                  size="xs"
                  variant="default"
                  onClick={() => setEditing({ mode: 'edit', organisation: o })}
                  aria-label={`Rename ${o.name}`}
                >
                  Rename
                </Button>
                <ButtonLink size="xs" variant="subtle" to="/admin/users" search={{ organisation: o.id }}>
                  People
                </ButtonLink>
              </Group>
            </Table.Td>
          </Table.Tr>
        )}
      </AdminList>
      <OrganisationModal
        key={editing ? (editing.mode === 'edit' ? editing.organisation.id : 'new') : 'closed'}
        editing={editing}
        onClose={() => setEditing(null)}
      />
    </Stack>
  );
}

function OrganisationModal({ editing, onClose }: { editing: Editing; onClose: () => void }) {
  const current = editing?.mode === 'edit' ? editing.organisation : null;
  const form = useContractForm(organisationBody, { name: current?.name ?? '' });
  const save = useAdminMutation({
    fn: (body: { name: string }) =>
      current
        ? send('PATCH /organisations/:id', { params: { id: current.id }, body })
        : send('POST /organisations', { body }),
    invalidate: [keys.organisations],
    success: (o) => (current ? `Organisation renamed to “${o.name}”` : `Organisation “${o.name}” created`),
    onSuccess: onClose,
    quietErrors: true,
  });
  return (
    <ModalForm
      opened={editing !== null}
      onClose={onClose}
      title={current ? `Rename ${current.name}` : 'New organisation'}
      form={form}
      save={save}
      toBody={(v) => ({ name: v.name.trim() })}
      submitLabel={current ? 'Save' : 'Create organisation'}
      canSubmit={form.values.name.trim() !== ''}
    >
      <TextInput label="Name" required maxLength={200} {...form.getInputProps('name')} data-autofocus />
    </ModalForm>
  );
}
