import {
  Alert,
  Badge,
  Button,
  Group,
  Modal,
  MultiSelect,
  PasswordInput,
  SegmentedControl,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconPlus, IconUsers } from '@tabler/icons-react';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { ApiError, api } from '../../api/client';
import { keys, useDepartments, useMe, useOrganisations, useUserList } from '../../api/hooks';
import type { User } from '../../api/types';
import { AdminHeader, AdminList, useAdminMutation } from '../../components/admin';
import { ErrorAlert, LoadMore } from '../../components/bits';
import { AnchorLink } from '../../components/links';

const route = getRouteApi('/admin/users');
const ROLE_LABEL = { customer: 'Customer', agent: 'Agent', admin: 'Administrator' } as const;
const ROLE_COLOR = { customer: 'gray', agent: 'blue', admin: 'grape' } as const;

type Editing = { mode: 'create' } | { mode: 'edit'; user: User } | null;

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

function UserModal({
  editing,
  onClose,
  defaultOrganisation,
}: {
  editing: Editing;
  onClose: () => void;
  defaultOrganisation?: string;
}) {
  const current = editing?.mode === 'edit' ? editing.user : null;
  const organisations = useOrganisations(editing !== null);
  const departments = useDepartments();
  const [name, setName] = useState(current?.name ?? '');
  const [email, setEmail] = useState(current?.email ?? '');
  const [role, setRole] = useState<User['role']>(current?.role ?? 'customer');
  const [password, setPassword] = useState('');
  const [organisationId, setOrganisationId] = useState<string | null>(
    current ? current.organisationId : (defaultOrganisation ?? null),
  );
  const [departmentIds, setDepartmentIds] = useState<string[]>(current?.departmentIds ?? []);
  const [phone, setPhone] = useState(current?.phone ?? '');
  const [active, setActive] = useState(current?.active ?? true);

  const save = useAdminMutation({
    fn: (body: Record<string, unknown>) =>
      current ? api<User>('PATCH', `/users/${current.id}`, body) : api<User>('POST', '/users', body),
    invalidate: [['users'], keys.staff],
    success: (u) => (current ? `${u.name} saved` : `${u.name} added`),
    onSuccess: onClose,
    quietErrors: true,
  });
  const fieldError = (f: string) => (save.error instanceof ApiError ? save.error.fieldError(f) : undefined);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const customer = role === 'customer';
    const body: Record<string, unknown> = {
      name: name.trim(),
      email: email.trim(),
      role,
      ...(password ? { password } : {}),
    };
    if (current) {
      body.organisationId = customer ? organisationId : null;
      body.departmentIds = customer ? [] : departmentIds;
      body.phone = phone.trim() || null;
      body.active = active;
    } else {
      if (customer && organisationId) body.organisationId = organisationId;
      if (!customer && departmentIds.length) body.departmentIds = departmentIds;
      if (phone.trim()) body.phone = phone.trim();
    }
    save.mutate(body);
  };

  return (
    <Modal
      opened={editing !== null}
      onClose={onClose}
      title={current ? `Edit ${current.name}` : 'New user'}
      size="lg"
    >
      <form onSubmit={submit}>
        <Stack gap="sm">
          {save.isError && <ErrorAlert error={save.error} title="Not saved" />}
          <TextInput
            label="Name"
            required
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={fieldError('name')}
            data-autofocus
          />
          <TextInput
            label="Email"
            type="email"
            required
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            error={fieldError('email')}
          />
          <Stack gap={4}>
            <Text size="sm" fw={500} id="role-label">
              Role
            </Text>
            <SegmentedControl
              aria-labelledby="role-label"
              value={role}
              onChange={(v) => setRole(v as User['role'])}
              data={Object.entries(ROLE_LABEL).map(([value, label]) => ({ value, label }))}
            />
          </Stack>
          {role === 'customer' ? (
            <Select
              label="Organisation"
              description="The customer sees every ticket of this organisation"
              placeholder="None: sees only their own tickets"
              data={(organisations.data ?? []).map((o) => ({ value: o.id, label: o.name }))}
              value={organisationId}
              onChange={setOrganisationId}
              clearable
              searchable
              error={fieldError('organisationId')}
            />
          ) : (
            <MultiSelect
              label="Departments"
              description={
                role === 'admin'
                  ? 'Administrators see every department; these say where they also work'
                  : 'The agent sees and is notified about tickets of these departments only'
              }
              placeholder={departmentIds.length ? undefined : 'None'}
              data={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
              value={departmentIds}
              onChange={setDepartmentIds}
              searchable
              error={fieldError('departmentIds')}
            />
          )}
          <TextInput
            label="Phone"
            description="For WhatsApp: the number in international form"
            placeholder="+44 20 7946 0000"
            value={phone}
            onChange={(e) => setPhone(e.currentTarget.value)}
            error={fieldError('phone')}
          />
          <PasswordInput
            label={current ? 'New password' : 'Password'}
            description={
              current
                ? 'Leave empty to keep the current one'
                : 'At least 8 characters; empty means they cannot sign in yet'
            }
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={fieldError('password')}
          />
          {current && (
            <Switch
              label="Active"
              description="A deactivated user cannot sign in and is signed out everywhere"
              checked={active}
              onChange={(e) => setActive(e.currentTarget.checked)}
            />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending} disabled={!name.trim() || !email.trim()}>
              {current ? 'Save' : 'Add user'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
