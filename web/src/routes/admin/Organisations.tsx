import { Group, Table } from '@mantine/core';
import { IconUsersGroup } from '@tabler/icons-react';
import { FormattedMessage, useIntl } from 'react-intl';
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
  const intl = useIntl();

  return (
    <AdminPage
      maw={900}
      title={intl.formatMessage({ id: 'admin.organisations.title', defaultMessage: 'Organisations' })}
      description={intl.formatMessage({
        id: 'admin.organisations.description',
        defaultMessage:
          "Customers belong to an organisation and see every ticket of it, never another organisation's.",
      })}
      action={
        <NewButton onClick={() => edit.setEditing('new')}>
          <FormattedMessage id="admin.organisations.new" defaultMessage="New organisation" />
        </NewButton>
      }
    >
      <PagedList
        query={list}
        empty={{
          icon: <IconUsersGroup aria-hidden />,
          title: intl.formatMessage({
            id: 'admin.organisations.emptyTitle',
            defaultMessage: 'No organisations yet',
          }),
          description: intl.formatMessage({
            id: 'admin.organisations.emptyDescription',
            defaultMessage: 'Create one for each customer company, then add its people under Users.',
          }),
        }}
        minWidth={420}
        tableProps={{ highlightOnHover: true }}
        head={
          <HeaderCells
            columns={[
              intl.formatMessage({ id: 'admin.name', defaultMessage: 'Name' }),
              {
                label: intl.formatMessage({ id: 'admin.organisations.since', defaultMessage: 'Since' }),
                w: 140,
              },
            ]}
            actions={220}
          />
        }
      >
        {(o) => (
          <Table.Tr key={o.id}>
            <Table.Td fw={500}>{o.name}</Table.Td>
            <Table.Td>{formatDate(o.createdAt)}</Table.Td>
            <Table.Td>
              <Group gap="xs" wrap="nowrap">
                <RowButton
                  label={intl.formatMessage(
                    { id: 'admin.renameNamed', defaultMessage: 'Rename {name}' },
                    { name: o.name },
                  )}
                  onClick={() => edit.setEditing(o)}
                >
                  <FormattedMessage id="admin.rename" defaultMessage="Rename" />
                </RowButton>
                <ButtonLink size="xs" variant="subtle" to="/admin/users" search={{ organisation: o.id }}>
                  <FormattedMessage id="admin.organisations.people" defaultMessage="People" />
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
  const intl = useIntl();
  const { current, form, modal } = useItemForm(props, {
    schema: organisationBody,
    values: (o) => ({ name: o?.name ?? '' }),
    create: (body: { name: string }) => send('POST /organisations', { body }),
    update: (o, body) => send('PATCH /organisations/:id', { params: { id: o.id }, body }),
    invalidate: [keys.organisations],
    success: (o, edited) =>
      edited
        ? intl.formatMessage(
            { id: 'admin.organisations.renamed', defaultMessage: 'Organisation renamed to “{name}”' },
            { name: o.name },
          )
        : intl.formatMessage(
            { id: 'admin.organisations.created', defaultMessage: 'Organisation “{name}” created' },
            { name: o.name },
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
          : intl.formatMessage({ id: 'admin.organisations.new', defaultMessage: 'New organisation' })
      }
      toBody={(v) => ({ name: v.name.trim() })}
      submitLabel={
        current
          ? intl.formatMessage({ id: 'admin.save', defaultMessage: 'Save' })
          : intl.formatMessage({ id: 'admin.organisations.create', defaultMessage: 'Create organisation' })
      }
      canSubmit={form.values.name.trim() !== ''}
    >
      <NameInput form={form} maxLength={200} />
    </ModalForm>
  );
}
