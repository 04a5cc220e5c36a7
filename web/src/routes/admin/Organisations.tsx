import { Group, Table } from '@mantine/core';
import { IconUsersGroup } from '@tabler/icons-react';
import { organisationBody } from '../../../../common/api';
import { send } from '../../api/client';
import { keys, useOrganisationPages } from '../../api/hooks';
import type { Organisation } from '../../api/types';
import { AdminPage } from '../../components/admin/AdminPage';
import { NewButton, RowButton } from '../../components/admin/buttons';
import { type ItemModalProps, NameInput, useItemForm } from '../../components/admin/forms';
import { HeaderCells, PagedList } from '../../components/admin/table';
import { ButtonLink } from '../../components/links';
import { ModalForm, useEditing } from '../../components/ModalForm';
import { formatDate } from '../../lib/format';

export function OrganisationsPage() {
  const list = useOrganisationPages();
  const edit = useEditing<Organisation>((o) => o.id);

  return (
    <AdminPage
      maw={900}
      title="Organisations"
      description="Customers belong to an organisation and see every ticket of it, never another organisation's."
      action={<NewButton onClick={() => edit.setEditing('new')}>New organisation</NewButton>}
    >
      <PagedList
        query={list}
        empty={{
          icon: <IconUsersGroup aria-hidden />,
          title: 'No organisations yet',
          description: 'Create one for each customer company, then add its people under Users.',
        }}
        minWidth={420}
        tableProps={{ highlightOnHover: true }}
        head={<HeaderCells columns={['Name', { label: 'Since', w: 140 }]} actions={220} />}
      >
        {(o) => (
          <Table.Tr key={o.id}>
            <Table.Td fw={500}>{o.name}</Table.Td>
            <Table.Td>{formatDate(o.createdAt)}</Table.Td>
            <Table.Td>
              <Group gap="xs" wrap="nowrap">
                <RowButton label={`Rename ${o.name}`} onClick={() => edit.setEditing(o)}>
                  Rename
                </RowButton>
                <ButtonLink size="xs" variant="subtle" to="/admin/users" search={{ organisation: o.id }}>
                  People
                </ButtonLink>
              </Group>
            </Table.Td>
          </Table.Tr>
        )}
      </PagedList>
      <OrganisationModal key={edit.key} editing={edit.editing} onClose={edit.close} />
    </AdminPage>
  );
}

function OrganisationModal(props: ItemModalProps<Organisation>) {
  const { current, form, modal } = useItemForm(props, {
    schema: organisationBody,
    values: (o) => ({ name: o?.name ?? '' }),
    create: (body: { name: string }) => send('POST /organisations', { body }),
    update: (o, body) => send('PATCH /organisations/:id', { params: { id: o.id }, body }),
    invalidate: [keys.organisations],
    success: (o, edited) =>
      edited ? `Organisation renamed to “${o.name}”` : `Organisation “${o.name}” created`,
  });
  return (
    <ModalForm
      {...modal}
      title={current ? `Rename ${current.name}` : 'New organisation'}
      toBody={(v) => ({ name: v.name.trim() })}
      submitLabel={current ? 'Save' : 'Create organisation'}
      canSubmit={form.values.name.trim() !== ''}
    >
      <NameInput form={form} maxLength={200} />
    </ModalForm>
  );
}
