import { Alert, Badge, Button, Group, Select, Table, Text } from '@mantine/core';
import { IconMailPlus, IconUsers } from '@tabler/icons-react';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { useDepartments, useMe, useOrganisations, useUserList } from '../../api/hooks';
import type { User } from '../../api/types';
import { AdminPage } from '../../components/admin/AdminPage';
import { NewButton, RowButton } from '../../components/admin/buttons';
import { HeaderCells, PagedList } from '../../components/admin/table';
import { AnchorLink } from '../../components/links';
import { useEditing } from '../../components/ModalForm';
import { t } from '../../i18n/t';
import { InvitationActions, UserState } from './users/Invitation';
import { InviteModal } from './users/InviteModal';
import { ROLE_LABEL, UserModal } from './users/UserModal';

const route = getRouteApi('/admin/users');
const ROLE_COLOR = { customer: 'gray', agent: 'blue', admin: 'grape' } as const;

export function UsersPage() {
  const search = route.useSearch();
  const list = useUserList(search.role, search.organisation);
  const departments = useDepartments();
  const me = useMe();
  const membership = useMembership();
  const edit = useEditing<User>((u) => u.id);
  const [inviting, setInviting] = useState(false);
  const intl = useIntl();

  return (
    <AdminPage
      title={intl.formatMessage({ id: 'admin.users.title', defaultMessage: 'Users' })}
      description={intl.formatMessage({
        id: 'admin.users.description',
        defaultMessage:
          'Customers, agents and administrators. An agent sees only the tickets of the departments they work in; deactivating someone signs them out at once and revokes their API tokens.',
      })}
      action={
        <Group gap="sm">
          <Button
            variant="default"
            leftSection={<IconMailPlus size={16} aria-hidden />}
            onClick={() => setInviting(true)}
          >
            <FormattedMessage id="admin.users.invitePeople" defaultMessage="Invite people" />
          </Button>
          <NewButton onClick={() => edit.setEditing('new')}>
            <FormattedMessage id="admin.users.new" defaultMessage="New user" />
          </NewButton>
        </Group>
      }
    >
      {departments.data?.length === 0 && (
        <Alert
          color="blue"
          variant="light"
          title={intl.formatMessage({
            id: 'admin.users.departmentFirst',
            defaultMessage: 'Create a department first',
          })}
        >
          <FormattedMessage
            id="admin.users.departmentFirstBody"
            defaultMessage="Agents work the tickets of their departments, and customers choose one when they open a ticket. <link>Create a department</link>, then add agents here."
            values={{ link: (c) => <AnchorLink to="/admin/departments">{c}</AnchorLink> }}
          />
        </Alert>
      )}
      <UserFilters />
      <PagedList
        query={list}
        empty={
          search.role || search.organisation
            ? {
                icon: <IconUsers aria-hidden />,
                title: intl.formatMessage({ id: 'admin.users.noneMatch', defaultMessage: 'No users match' }),
              }
            : {
                icon: <IconUsers aria-hidden />,
                title: intl.formatMessage({
                  id: 'admin.users.emptyTitle',
                  defaultMessage: 'Nobody else yet',
                }),
                description: intl.formatMessage({
                  id: 'admin.users.emptyDescription',
                  defaultMessage: 'Add agents to work the queue, and customers (or let them write in).',
                }),
              }
        }
        minWidth={760}
        tableProps={{ highlightOnHover: true }}
        head={
          <HeaderCells
            columns={[
              intl.formatMessage({ id: 'admin.name', defaultMessage: 'Name' }),
              intl.formatMessage({ id: 'admin.users.email', defaultMessage: 'Email' }),
              intl.formatMessage({ id: 'admin.users.role', defaultMessage: 'Role' }),
              intl.formatMessage({
                id: 'admin.users.membership',
                defaultMessage: 'Organisation or departments',
              }),
              intl.formatMessage({ id: 'admin.users.state', defaultMessage: 'State' }),
            ]}
            actions
          />
        }
      >
        {(u) => (
          <UserRow
            key={u.id}
            user={u}
            you={u.id === me.data?.id}
            membership={membership(u)}
            onEdit={() => edit.setEditing(u)}
          />
        )}
      </PagedList>
      <InviteModal opened={inviting} onClose={() => setInviting(false)} />
      <UserModal
        key={edit.key}
        editing={edit.editing}
        onClose={edit.close}
        defaultOrganisation={search.organisation}
      />
    </AdminPage>
  );
}

/** The role and organisation the list shows, kept in the address so a filtered list can be linked. */
function UserFilters() {
  const search = route.useSearch();
  const navigate = useNavigate({ from: '/admin/users' });
  const organisations = useOrganisations();
  const intl = useIntl();
  return (
    <Group gap="sm" wrap="wrap" align="flex-end">
      <Select
        label={intl.formatMessage({ id: 'admin.users.role', defaultMessage: 'Role' })}
        placeholder={intl.formatMessage({ id: 'admin.users.everyone', defaultMessage: 'Everyone' })}
        data={(Object.keys(ROLE_LABEL) as User['role'][]).map((value) => ({
          value,
          label: intl.formatMessage(ROLE_LABEL[value]),
        }))}
        value={search.role ?? null}
        onChange={(v) => navigate({ search: (p) => ({ ...p, role: (v as User['role']) ?? undefined }) })}
        clearable
        w={200}
      />
      <Select
        label={intl.formatMessage({ id: 'admin.users.organisation', defaultMessage: 'Organisation' })}
        placeholder={intl.formatMessage({ id: 'admin.users.any', defaultMessage: 'Any' })}
        data={(organisations.data ?? []).map((o) => ({ value: o.id, label: o.name }))}
        value={search.organisation ?? null}
        onChange={(v) => navigate({ search: (p) => ({ ...p, organisation: v ?? undefined }) })}
        clearable
        searchable
        w={240}
      />
    </Group>
  );
}

/** A customer's organisation, or the departments a staff member works in. */
function useMembership() {
  const organisations = useOrganisations();
  const departments = useDepartments();
  const orgName = (id: string | null) => organisations.data?.find((o) => o.id === id)?.name;
  const deptNames = (ids: string[]) =>
    ids
      .map(
        (id) =>
          departments.data?.find((d) => d.id === id)?.name ??
          t({ id: 'admin.users.unknownDepartment', defaultMessage: 'unknown' }),
      )
      .join(', ');
  return (u: User) => {
    if (u.role === 'customer')
      return (
        orgName(u.organisationId) ??
        (u.organisationId
          ? '…'
          : t({ id: 'admin.users.noOrganisationShort', defaultMessage: 'No organisation' }))
      );
    if (u.role === 'admin') return t({ id: 'admin.users.allDepartments', defaultMessage: 'All departments' });
    return u.departmentIds.length
      ? deptNames(u.departmentIds)
      : t({ id: 'admin.users.noDepartment', defaultMessage: 'No department: sees no tickets' });
  };
}

function UserRow({
  user: u,
  you,
  membership,
  onEdit,
}: {
  user: User;
  you: boolean;
  membership: string;
  onEdit: () => void;
}) {
  const intl = useIntl();
  return (
    <Table.Tr opacity={u.active ? 1 : 0.6}>
      <Table.Td fw={500}>
        {u.name}
        {you && (
          <Text span size="xs" c="dimmed">
            {' '}
            <FormattedMessage id="admin.users.you" defaultMessage="(you)" />
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
          {u.email}
        </Text>
      </Table.Td>
      <Table.Td>
        <Badge variant="light" color={ROLE_COLOR[u.role]}>
          {intl.formatMessage(ROLE_LABEL[u.role])}
        </Badge>
      </Table.Td>
      <Table.Td>
        <Text size="sm" c="dimmed">
          {membership}
        </Text>
      </Table.Td>
      <Table.Td>
        <UserState user={u} />
      </Table.Td>
      <Table.Td>
        <Group gap={4} wrap="nowrap" justify="flex-end">
          <InvitationActions user={u} />
          <RowButton
            label={intl.formatMessage(
              { id: 'admin.editNamed', defaultMessage: 'Edit {name}' },
              { name: u.name },
            )}
            onClick={onEdit}
          />
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}
