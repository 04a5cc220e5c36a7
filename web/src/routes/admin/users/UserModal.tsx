import { MultiSelect, PasswordInput, Select, Switch, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { defineMessages, type MessageDescriptor, useIntl } from 'react-intl';
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

export const ROLE_LABEL = defineMessages({
  customer: { id: 'admin.users.role.customer', defaultMessage: 'Customer' },
  agent: { id: 'admin.users.role.agent', defaultMessage: 'Agent' },
  admin: { id: 'admin.users.role.admin', defaultMessage: 'Administrator' },
}) satisfies Record<User['role'], MessageDescriptor>;
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
  const intl = useIntl();
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
    success: (u, edited) =>
      edited
        ? intl.formatMessage({ id: 'admin.users.saved', defaultMessage: '{name} saved' }, { name: u.name })
        : intl.formatMessage({ id: 'admin.users.added', defaultMessage: '{name} added' }, { name: u.name }),
  });

  return (
    <ModalForm
      {...modal}
      title={
        current
          ? intl.formatMessage(
              { id: 'admin.editNamed', defaultMessage: 'Edit {name}' },
              { name: current.name },
            )
          : intl.formatMessage({ id: 'admin.users.new', defaultMessage: 'New user' })
      }
      size="lg"
      toBody={(v) => userBody(current, v)}
      submitLabel={
        current
          ? intl.formatMessage({ id: 'admin.save', defaultMessage: 'Save' })
          : intl.formatMessage({ id: 'admin.users.add', defaultMessage: 'Add user' })
      }
      canSubmit={form.values.name.trim() !== '' && form.values.email.trim() !== ''}
    >
      <NameInput form={form} />
      <TextInput
        label={intl.formatMessage({ id: 'admin.users.email', defaultMessage: 'Email' })}
        type="email"
        required
        {...form.getInputProps('email')}
      />
      <LabeledSegments
        id="role-label"
        label={intl.formatMessage({ id: 'admin.users.role', defaultMessage: 'Role' })}
        {...form.getInputProps('role')}
        data={(Object.keys(ROLE_LABEL) as User['role'][]).map((value) => ({
          value,
          label: intl.formatMessage(ROLE_LABEL[value]),
        }))}
      />
      <MembershipInput form={form} />
      <TextInput
        label={intl.formatMessage({ id: 'admin.users.phone', defaultMessage: 'Phone' })}
        description={intl.formatMessage({
          id: 'admin.users.phoneHelp',
          defaultMessage: 'For WhatsApp: the number in international form',
        })}
        placeholder="+44 20 7946 0000"
        {...form.getInputProps('phone')}
      />
      <PasswordInput
        label={
          current
            ? intl.formatMessage({ id: 'admin.users.newPassword', defaultMessage: 'New password' })
            : intl.formatMessage({ id: 'admin.users.password', defaultMessage: 'Password' })
        }
        description={
          current
            ? intl.formatMessage({
                id: 'admin.users.newPasswordHelp',
                defaultMessage: 'Leave empty to keep the current one',
              })
            : intl.formatMessage({
                id: 'admin.users.passwordHelp',
                defaultMessage: 'At least 8 characters; empty means they cannot sign in yet',
              })
        }
        autoComplete="new-password"
        {...form.getInputProps('password')}
      />
      {current && (
        <Switch
          label={intl.formatMessage({ id: 'admin.users.active', defaultMessage: 'Active' })}
          description={intl.formatMessage({
            id: 'admin.users.activeHelp',
            defaultMessage: 'A deactivated user cannot sign in and is signed out everywhere',
          })}
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
  const intl = useIntl();
  if (role === 'customer')
    return (
      <Select
        label={intl.formatMessage({ id: 'admin.users.organisation', defaultMessage: 'Organisation' })}
        description={intl.formatMessage({
          id: 'admin.users.organisationHelp',
          defaultMessage: 'The customer sees every ticket of this organisation',
        })}
        placeholder={intl.formatMessage({
          id: 'admin.users.noOrganisation',
          defaultMessage: 'None: sees only their own tickets',
        })}
        data={(organisations.data ?? []).map((o) => ({ value: o.id, label: o.name }))}
        {...form.getInputProps('organisationId')}
        clearable
        searchable
      />
    );
  return (
    <MultiSelect
      label={intl.formatMessage({ id: 'admin.users.departments', defaultMessage: 'Departments' })}
      description={
        role === 'admin'
          ? intl.formatMessage({
              id: 'admin.users.departmentsAdminHelp',
              defaultMessage: 'Administrators see every department; these say where they also work',
            })
          : intl.formatMessage({
              id: 'admin.users.departmentsAgentHelp',
              defaultMessage: 'The agent sees and is notified about tickets of these departments only',
            })
      }
      placeholder={
        form.values.departmentIds.length
          ? undefined
          : intl.formatMessage({ id: 'admin.users.none', defaultMessage: 'None' })
      }
      data={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
      {...form.getInputProps('departmentIds')}
      searchable
    />
  );
}
