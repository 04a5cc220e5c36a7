import { MultiSelect, PasswordInput, Select, Switch, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { z } from 'zod';
import { createUserBody } from '../../../../../common/api';
import { type SendBody, send } from '../../../api/client';
import { keys, useDepartments, useOrganisations } from '../../../api/hooks';
import type { User } from '../../../api/types';
import {
  type ItemModalProps,
  LabeledSegments,
  NameInput,
  useItemForm,
} from '../../../components/admin/forms';
import { ModalForm } from '../../../components/ModalForm';
import { ResetSecondFactor } from './Invitation';

export const ROLE_LABEL = { customer: 'Customer', agent: 'Agent', admin: 'Administrator' } as const;
// The API's rules for a user, with an empty password or phone meaning "none" as the form shows it.
const optional = <T extends z.ZodType>(schema: z.ZodOptional<T>) => schema.unwrap().or(z.literal(''));
const userForm = createUserBody.omit({ onCall: true }).extend({
  password: optional(createUserBody.shape.password),
  phone: optional(createUserBody.shape.phone),
  organisationId: createUserBody.shape.organisationId.unwrap().nullable(),
  departmentIds: createUserBody.shape.departmentIds.unwrap(),
  active: z.boolean(),
});

type CreateUser = SendBody<'POST /users'>;
type UserBody = CreateUser | SendBody<'PATCH /users/:id'>;
type Values = z.infer<typeof userForm>;

/**
 * A customer has an organisation and no departments, staff the reverse; an edit sends every field
 * so clearing one clears it, a creation only those filled in.
 */
function userBody(current: User | null, v: Values): UserBody {
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
}

/** Adding a user, or editing one: their role decides whether they get an organisation or departments. */
export function UserModal({
  defaultOrganisation,
  ...props
}: ItemModalProps<User> & { defaultOrganisation?: string }) {
  const { current, form, modal } = useItemForm(props, {
    schema: userForm,
    values: (u): Values => ({
      name: u?.name ?? '',
      email: u?.email ?? '',
      role: u?.role ?? 'customer',
      password: '',
      organisationId: u ? u.organisationId : (defaultOrganisation ?? null),
      departmentIds: u?.departmentIds ?? [],
      phone: u?.phone ?? '',
      active: u?.active ?? true,
    }),
    // userBody builds a creation's body when there is no current user.
    create: (body: UserBody) => send('POST /users', { body: body as CreateUser }),
    update: (u, body) => send('PATCH /users/:id', { params: { id: u.id }, body }),
    invalidate: [['users'], keys.staff],
    success: (u, edited) => (edited ? `${u.name} saved` : `${u.name} added`),
  });

  return (
    <ModalForm
      {...modal}
      title={current ? `Edit ${current.name}` : 'New user'}
      size="lg"
      toBody={(v) => userBody(current, v)}
      submitLabel={current ? 'Save' : 'Add user'}
      canSubmit={form.values.name.trim() !== '' && form.values.email.trim() !== ''}
    >
      <NameInput form={form} />
      <TextInput label="Email" type="email" required {...form.getInputProps('email')} />
      <LabeledSegments
        id="role-label"
        label="Role"
        {...form.getInputProps('role')}
        data={Object.entries(ROLE_LABEL).map(([value, label]) => ({ value, label }))}
      />
      <MembershipInput form={form} />
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
      {current?.secondFactor && <ResetSecondFactor user={current} />}
    </ModalForm>
  );
}

/** A customer's organisation, or the departments a member of staff works in. */
function MembershipInput({ form }: { form: UseFormReturnType<Values> }) {
  const organisations = useOrganisations();
  const departments = useDepartments();
  const { role } = form.values;
  if (role === 'customer')
    return (
      <Select
        label="Organisation"
        description="The customer sees every ticket of this organisation"
        placeholder="None: sees only their own tickets"
        data={(organisations.data ?? []).map((o) => ({ value: o.id, label: o.name }))}
        {...form.getInputProps('organisationId')}
        clearable
        searchable
      />
    );
  return (
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
  );
}
