import {
  Alert,
  Badge,
  Button,
  Group,
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
import { useState } from 'react';
import { z } from 'zod';
import { createUserBody } from '../../../../common/api';
import { type SendBody, send } from '../../api/client';
import { keys, useDepartments, useMe, useOrganisations, useUserList } from '../../api/hooks';
import type { User } from '../../api/types';
import { AdminHeader, AdminList, useAdminMutation } from '../../components/admin';
import { LoadMore } from '../../components/bits';
import { AnchorLink } from '../../components/links';
import { ModalForm, useContractForm } from '../../components/ModalForm';

const route = getRouteApi('/admin/users');
const ROLE_LABEL = { customer: 'Customer', agent: 'Agent', admin: 'Administrator' } as const;
// The API's rules for a user, with an empty password or phone meaning "none" as the form shows it.
const optional = <T extends z.ZodType>(schema: z.ZodOptional<T>) => schema.unwrap().or(z.literal(''));
const userForm = createUserBody.omit({ onCall: true }).extend({
  password: optional(createUserBody.shape.password),
  phone: optional(createUserBody.shape.phone),
  organisationId: createUserBody.shape.organisationId.unwrap().nullable(),
  departmentIds: createUserBody.shape.departmentIds.unwrap(),
  active: z.boolean(),
});
const ROLE_COLOR = { customer: 'gray', agent: 'blue', admin: 'grape' } as const;

type CreateUser = SendBody<'POST /users'>;
type UserBody = CreateUser | SendBody<'PATCH /users/:id'>;
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
  const form = useContractForm(userForm, {
    name: current?.name ?? '',
    email: current?.email ?? '',
    role: current?.role ?? ('customer' as User['role']),
    password: '',
    organisationId: current ? current.organisationId : (defaultOrganisation ?? null),
    departmentIds: current?.departmentIds ?? [],
    phone: current?.phone ?? '',
    active: current?.active ?? true,
  });
  const save = useAdminMutation({
    // toBody builds a creation's body when there is no current user.
    fn: (body: UserBody) =>
      current
        ? send('PATCH /users/:id', { params: { id: current.id }, body })
        : send('POST /users', { body: body as CreateUser }),
    invalidate: [['users'], keys.staff],
    success: (u) => (current ? `${u.name} saved` : `${u.name} added`),
    onSuccess: onClose,
    quietErrors: true,
  });

  // A customer has an organisation and no departments, staff the reverse; an edit sends every
  // field so clearing one clears it, a creation only those filled in.
  const toBody = (v: typeof form.values): UserBody => {
    const customer = v.role === 'customer';
    const body: CreateUser = {
      name: v.name.trim(),
      email: v.email.trim(),
      role: v.role,
      ...(v.password ? { password: v.password } : {}),
    };
    if (current) {
      return {
        ...body,
        organisationId: customer ? v.organisationId : null,
        departmentIds: customer ? [] : v.departmentIds,
        phone: v.phone.trim() || null,
        active: v.active,
      };
    }
    if (customer && v.organisationId) body.organisationId = v.organisationId;
    if (!customer && v.departmentIds.length) body.departmentIds = v.departmentIds;
    if (v.phone.trim()) body.phone = v.phone.trim();
    return body;
  };
  const { role } = form.values;

  return (
    <ModalForm
      opened={editing !== null}
      onClose={onClose}
      title={current ? `Edit ${current.name}` : 'New user'}
      size="lg"
      form={form}
      save={save}
      toBody={toBody}
      submitLabel={current ? 'Save' : 'Add user'}
      canSubmit={form.values.name.trim() !== '' && form.values.email.trim() !== ''}
    >
      <TextInput label="Name" required {...form.getInputProps('name')} data-autofocus />
      <TextInput label="Email" type="email" required {...form.getInputProps('email')} />
      <Stack gap={4}>
        <Text size="sm" fw={500} id="role-label">
          Role
        </Text>
        <SegmentedControl
          aria-labelledby="role-label"
          {...form.getInputProps('role')}
          data={Object.entries(ROLE_LABEL).map(([value, label]) => ({ value, label }))}
        />
      </Stack>
      {role === 'customer' ? (
        <Select
          label="Organisation"
          description="The customer sees every ticket of this organisation"
          placeholder="None: sees only their own tickets"
          data={(organisations.data ?? []).map((o) => ({ value: o.id, label: o.name }))}
          {...form.getInputProps('organisationId')}
          clearable
          searchable
        />
      ) : (
        <MultiSelect
          label="Departments"
          description={
            role === 'admin'
              ? 'Administrators see every department; these say where they also work'
              : 'The agent sees and is notified about tickets of these departments only'
          }
          placeholder={form.values.departmentIds.length ? undefined : 'None'}
          data={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
          {...form.getInputProps('departmentIds')}
          searchable
        />
      )}
      <TextInput
        label="Phone"
        description="For WhatsApp: the number in international form"
        placeholder="+44 20 7946 0000"
        {...form.getInputProps('phone')}
      />
      <PasswordInput
        label={current ? 'New password' : 'Password'}
        description={
          current
            ? 'Leave empty to keep the current one'
            : 'At least 8 characters; empty means they cannot sign in yet'
        }
        autoComplete="new-password"
        {...form.getInputProps('password')}
      />
      {current && (
        <Switch
          label="Active"
          description="A deactivated user cannot sign in and is signed out everywhere"
          {...form.getInputProps('active', { type: 'checkbox' })}
        />
      )}
    </ModalForm>
  );
}
