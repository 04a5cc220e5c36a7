import { Alert, Badge, Button, Group, Select, Stack, Table, Text } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconPlus, IconUsers } from '@tabler/icons-react';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useDepartments, useMe, useOrganisations, useUserList } from '../../api/hooks';
import type { User } from '../../api/types';
import { AdminHeader, AdminList } from '../../components/admin';
import { LoadMore } from '../../components/bits';
import { AnchorLink } from '../../components/links';
import { type Editing, ROLE_LABEL, UserModal } from './users/UserModal';

const route = getRouteApi('/admin/users');
const ROLE_COLOR = { customer: 'gray', agent: 'blue', admin: 'grape' } as const;

export function UsersPage() {
  useDocumentTitle('Users · Admin · Tessera');
  const search = route.useSearch();
  const navigate = useNavigate({ from: '/admin/users' });
  const list = useUserList(search.role, search.organisation);
  const organisations = useOrganisations();
  const departments = useDepartments();
  const me = useMe();
  const [editing, setEditing] = useState<Editing>(null);
  const users = list.data?.pages.flatMap((p) => p.items) ?? [];
  const orgName = (id: string | null) => organisations.data?.find((o) => o.id === id)?.name;
  const deptNames = (ids: string[]) =>
    ids.map((id) => departments.data?.find((d) => d.id === id)?.name ?? 'unknown').join(', ');

  return (
    <Stack gap="md">
      <AdminHeader
        title="Users"
        description="Customers, agents and administrators. An agent sees only the tickets of the departments they work in; deactivating someone signs them out at once."
        action={
          <Button
            leftSection={<IconPlus size={16} aria-hidden />}
            onClick={() => setEditing({ mode: 'create' })}
          >
            New user
          </Button>
        }
      />
      {departments.data?.length === 0 && (
        <Alert color="blue" variant="light" title="Create a department first">
          Agents work the tickets of their departments, and customers choose one when they open a ticket.{' '}
          <AnchorLink to="/admin/departments">Create a department</AnchorLink>, then add agents here.
        </Alert>
      )}
      <Group gap="sm" wrap="wrap" align="flex-end">
        <Select
          label="Role"
          placeholder="Everyone"
          data={Object.entries(ROLE_LABEL).map(([value, label]) => ({ value, label }))}
          value={search.role ?? null}
          onChange={(v) => navigate({ search: (p) => ({ ...p, role: (v as User['role']) ?? undefined }) })}
          clearable
          w={200}
        />
        <Select
          label="Organisation"
          placeholder="Any"
          data={(organisations.data ?? []).map((o) => ({ value: o.id, label: o.name }))}
          value={search.organisation ?? null}
          onChange={(v) => navigate({ search: (p) => ({ ...p, organisation: v ?? undefined }) })}
          clearable
          searchable
          w={240}
        />
      </Group>
      <AdminList
        query={list}
        items={users}
        empty={
          search.role || search.organisation
            ? { icon: <IconUsers aria-hidden />, title: 'No users match' }
            : {
                icon: <IconUsers aria-hidden />,
                title: 'Nobody else yet',
                description: 'Add agents to work the queue, and customers (or let them write in).',
              }
        }
        minWidth={760}
        tableProps={{ highlightOnHover: true }}
        head={
          <>
            <Table.Th scope="col">Name</Table.Th>
            <Table.Th scope="col">Email</Table.Th>
            <Table.Th scope="col">Role</Table.Th>
            <Table.Th scope="col">Organisation or departments</Table.Th>
            <Table.Th scope="col">State</Table.Th>
            <Table.Th scope="col">
              <span className="sr-only">Actions</span>
            </Table.Th>
          </>
        }
        footer={
          <LoadMore
            hasNextPage={list.hasNextPage}
            isFetchingNextPage={list.isFetchingNextPage}
            fetchNextPage={list.fetchNextPage}
            shown={users.length}
          />
        }
      >
        {(u) => (
          <Table.Tr key={u.id} opacity={u.active ? 1 : 0.6}>
            <Table.Td fw={500}>
              {u.name}
              {u.id === me.data?.id && (
                <Text span size="xs" c="dimmed">
                  {' '}
                  (you)
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
                {ROLE_LABEL[u.role]}
              </Badge>
            </Table.Td>
            <Table.Td>
              <Text size="sm" c="dimmed">
                {u.role === 'customer'
                  ? (orgName(u.organisationId) ?? (u.organisationId ? '…' : 'No organisation'))
                  : u.role === 'admin'
                    ? 'All departments'
                    : u.departmentIds.length
                      ? deptNames(u.departmentIds)
                      : 'No department: sees no tickets'}
              </Text>
            </Table.Td>
            <Table.Td>
              <Badge variant="dot" color={u.active ? 'green' : 'gray'}>
                {u.active ? 'Active' : 'Deactivated'}
              </Badge>
            </Table.Td>
            <Table.Td>
              <Button
                size="xs"
                variant="default"
                onClick={() => setEditing({ mode: 'edit', user: u })}
                aria-label={`Edit ${u.name}`}
              >
                Edit
              </Button>
            </Table.Td>
          </Table.Tr>
        )}
      </AdminList>
      <UserModal
        key={editing ? (editing.mode === 'edit' ? editing.user.id : 'new') : 'closed'}
        editing={editing}
        onClose={() => setEditing(null)}
        defaultOrganisation={search.organisation}
      />
    </Stack>
  );
}
