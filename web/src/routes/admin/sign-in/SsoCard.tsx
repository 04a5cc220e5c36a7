import {
  Badge,
  Button,
  Card,
  Code,
  Group,
  MultiSelect,
  PasswordInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { defineMessages, FormattedMessage, type MessageDescriptor, useIntl } from 'react-intl';
import { z } from 'zod';
import {
  type SsoAudience,
  type SsoSettings,
  type SsoSettingsBody,
  ssoSettingsBody,
} from '../../../../../common/sso';
import { get, send } from '../../../api/client';
import { useDepartments } from '../../../api/hooks';
import { useAdminMutation } from '../../../components/admin';
import { ErrorAlert, PageLoader } from '../../../components/bits';
import { serverFieldErrors, useContractForm } from '../../../components/ModalForm';
import { ROLE_LABEL } from '../users/UserModal';
import { RemoveRowButton, RowList } from '../workflow/controls';

const TITLES = {
  staff: defineMessages({
    title: { id: 'admin.signIn.sso.staffTitle', defaultMessage: 'Single sign-on for staff' },
    about: {
      id: 'admin.signIn.sso.staffAbout',
      defaultMessage:
        'Agents and administrators sign in through your OpenID Connect provider. A value of the group claim gives a role and departments, applied at every sign-in; with no mapping, roles stay as set in Tessera.',
    },
  }),
  customers: defineMessages({
    title: { id: 'admin.signIn.sso.customersTitle', defaultMessage: 'Single sign-on for customers' },
    about: {
      id: 'admin.signIn.sso.customersAbout',
      defaultMessage:
        'Customers sign in through an OpenID Connect provider; someone new with a verified email becomes a customer.',
    },
  }),
} satisfies Record<SsoAudience, { title: MessageDescriptor; about: MessageDescriptor }>;

type Values = Omit<SsoSettings, 'audience' | 'clientSecretSet' | 'redirectUri'> & { clientSecret: string };

const valuesOf = (s: SsoSettings): Values => ({
  enabled: s.enabled,
  label: s.label,
  issuerUrl: s.issuerUrl,
  clientId: s.clientId,
  clientSecret: '',
  scopes: s.scopes,
  claim: s.claim,
  mappings: s.mappings,
  passwordSignIn: s.passwordSignIn,
});

/** What is sent: the secret only when a new one is typed (absent keeps the saved one). */
const bodyOf = ({ clientSecret, ...v }: Values): SsoSettingsBody => ({
  ...v,
  ...(clientSecret.trim() ? { clientSecret: clientSecret.trim() } : {}),
});
const formSchema = z.preprocess((v) => bodyOf(v as Values), ssoSettingsBody);

const settingsKey = (audience: SsoAudience) => ['admin', 'sso', audience] as const;
const load = (audience: SsoAudience) =>
  audience === 'staff' ? get('/admin/sso/staff') : get('/admin/sso/customers');
const save = (audience: SsoAudience, body: SsoSettingsBody) =>
  audience === 'staff' ? send('PUT /admin/sso/staff', { body }) : send('PUT /admin/sso/customers', { body });

/** One audience's OpenID Connect provider, its group mapping (staff) and whether passwords still work. */
export function SsoCard({ audience }: { audience: SsoAudience }) {
  const settings = useQuery({ queryKey: settingsKey(audience), queryFn: () => load(audience) });
  const headingId = `sso-${audience}`;
  const intl = useIntl();
  return (
    <Card withBorder radius="md" padding="md" component="section" aria-labelledby={headingId}>
      <Group justify="space-between" align="flex-start" mb="xs" wrap="nowrap">
        <Stack gap={2}>
          <Title order={2} size="h4" id={headingId}>
            {intl.formatMessage(TITLES[audience].title)}
          </Title>
          <Text size="sm" c="dimmed">
            {intl.formatMessage(TITLES[audience].about)}
          </Text>
        </Stack>
        {settings.data?.enabled ? (
          <Badge color="green" variant="light">
            <FormattedMessage id="admin.signIn.sso.on" defaultMessage="On" />
          </Badge>
        ) : (
          <Badge color="gray" variant="light">
            <FormattedMessage id="admin.signIn.sso.off" defaultMessage="Off" />
          </Badge>
        )}
      </Group>
      {settings.isPending ? (
        <PageLoader
          label={intl.formatMessage({
            id: 'admin.signIn.sso.loading',
            defaultMessage: 'Loading single sign-on',
          })}
        />
      ) : settings.isError ? (
        <ErrorAlert
          error={settings.error}
          title={intl.formatMessage({
            id: 'admin.signIn.sso.loadError',
            defaultMessage: 'Cannot load single sign-on',
          })}
        />
      ) : (
        <SsoForm audience={audience} state={settings.data} />
      )}
    </Card>
  );
}

function SsoForm({ audience, state }: { audience: SsoAudience; state: SsoSettings }) {
  const form = useContractForm<Values>(formSchema, valuesOf(state));
  const [shown, setShown] = useState(state);
  const intl = useIntl();
  if (shown !== state) {
    // Saved or re-fetched: show what the server has now (the secret box empty again).
    setShown(state);
    form.setValues(valuesOf(state));
  }
  const saving = useAdminMutation({
    fn: (body: SsoSettingsBody) => save(audience, body),
    invalidate: [settingsKey(audience), ['auth', 'options']],
    success: () =>
      intl.formatMessage(
        { id: 'admin.signIn.sso.saved', defaultMessage: '{title}: saved' },
        { title: intl.formatMessage(TITLES[audience].title) },
      ),
    quietErrors: true,
  });
  const submit = form.onSubmit((v) =>
    saving.mutate(bodyOf(v), { onError: (e) => form.setErrors(serverFieldErrors(e)) }),
  );
  const onFields = Object.keys(serverFieldErrors(saving.error)).length > 0;
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Switch
          label={intl.formatMessage({
            id: 'admin.signIn.sso.enabled',
            defaultMessage: 'Sign in with this provider',
          })}
          {...form.getInputProps('enabled', { type: 'checkbox' })}
        />
        <Text size="sm">
          <FormattedMessage
            id="admin.signIn.sso.redirectUri"
            defaultMessage="Redirect URI to register at the provider: <code>{uri}</code>"
            values={{ uri: state.redirectUri, code: (c) => <Code>{c}</Code> }}
          />
        </Text>
        <ProviderInputs form={form} secretSet={state.clientSecretSet} />
        {audience === 'staff' && <MappingInputs form={form} />}
        <Switch
          label={
            audience === 'staff'
              ? intl.formatMessage({
                  id: 'admin.signIn.sso.staffPasswords',
                  defaultMessage: 'Staff may also sign in with a password',
                })
              : intl.formatMessage({
                  id: 'admin.signIn.sso.customerPasswords',
                  defaultMessage: 'Customers may also sign in with a password',
                })
          }
          description={intl.formatMessage({
            id: 'admin.signIn.sso.passwordsHelp',
            defaultMessage:
              'Can be turned off only while single sign-on is on. If the provider fails, “tessera sign-in allow-passwords” on the server turns it back on.',
          })}
          {...form.getInputProps('passwordSignIn', { type: 'checkbox' })}
        />
        {saving.isError && !onFields && (
          <ErrorAlert
            error={saving.error}
            title={intl.formatMessage({ id: 'admin.notSaved', defaultMessage: 'Not saved' })}
          />
        )}
        <Group justify="flex-end">
          <Button type="submit" loading={saving.isPending}>
            <FormattedMessage id="admin.save" defaultMessage="Save" />
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The provider's plain settings: the form field, its label and what it says under it. */
const PROVIDER_FIELDS = [
  {
    name: 'label',
    label: { id: 'admin.signIn.sso.providerName', defaultMessage: 'Provider name' },
    description: {
      id: 'admin.signIn.sso.providerNameHelp',
      defaultMessage: 'On the button: “Sign in with …”',
    },
  },
  {
    name: 'issuerUrl',
    label: { id: 'admin.signIn.sso.issuerUrl', defaultMessage: 'Issuer URL' },
    description: {
      id: 'admin.signIn.sso.issuerUrlHelp',
      defaultMessage: 'Or its …/.well-known/openid-configuration',
    },
  },
  {
    name: 'clientId',
    label: { id: 'admin.signIn.sso.clientId', defaultMessage: 'Client ID' },
    description: {
      id: 'admin.signIn.sso.clientIdHelp',
      defaultMessage: 'As the provider registered Tessera',
    },
  },
  {
    name: 'scopes',
    label: { id: 'admin.signIn.sso.scopes', defaultMessage: 'Scopes' },
    description: {
      id: 'admin.signIn.sso.scopesHelp',
      defaultMessage: 'Separated by spaces; openid is required',
    },
  },
] as const;

function ProviderInputs({ form, secretSet }: { form: UseFormReturnType<Values>; secretSet: boolean }) {
  const intl = useIntl();
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing="sm">
      {PROVIDER_FIELDS.map((f) => (
        <TextInput
          key={f.name}
          label={intl.formatMessage(f.label)}
          description={intl.formatMessage(f.description)}
          spellCheck={false}
          autoComplete="off"
          {...form.getInputProps(f.name)}
        />
      ))}
      <PasswordInput
        label={intl.formatMessage({ id: 'admin.signIn.sso.clientSecret', defaultMessage: 'Client secret' })}
        description={intl.formatMessage({
          id: 'admin.signIn.sso.clientSecretHelp',
          defaultMessage: 'Write-only: never shown again once saved',
        })}
        placeholder={
          secretSet
            ? intl.formatMessage({
                id: 'admin.signIn.sso.secretSaved',
                defaultMessage: 'Saved (hidden); type to replace',
              })
            : intl.formatMessage({ id: 'admin.signIn.sso.secretNotSet', defaultMessage: 'Not set' })
        }
        autoComplete="new-password"
        {...form.getInputProps('clientSecret')}
      />
    </SimpleGrid>
  );
}

/** The group claim and what each of its values gives: a role and departments. */
function MappingInputs({ form }: { form: UseFormReturnType<Values> }) {
  const departments = useDepartments();
  const data = (departments.data ?? []).map((d) => ({ value: d.id, label: d.name }));
  const intl = useIntl();
  const roles = (['agent', 'admin'] as const).map((value) => ({
    value,
    label: intl.formatMessage(ROLE_LABEL[value]),
  }));
  return (
    <Stack gap="xs">
      <TextInput
        label={intl.formatMessage({ id: 'admin.signIn.sso.claim', defaultMessage: 'Group claim' })}
        description={intl.formatMessage({
          id: 'admin.signIn.sso.claimHelp',
          defaultMessage:
            'The claim whose values are mapped, e.g. groups (a dotted path reaches nested claims: realm_access.roles)',
        })}
        spellCheck={false}
        maw={360}
        {...form.getInputProps('claim')}
      />
      {form.getInputProps('mappings').error && (
        <Text size="sm" c="red">
          {form.getInputProps('mappings').error}
        </Text>
      )}
      <RowList
        empty={form.values.mappings.length === 0}
        none={intl.formatMessage({
          id: 'admin.signIn.sso.noMapping',
          defaultMessage:
            'No mapping: roles and departments stay as set in Tessera, and nobody new is let in.',
        })}
        addLabel={intl.formatMessage({ id: 'admin.signIn.sso.addMapping', defaultMessage: 'Add a mapping' })}
        onAdd={() => form.insertListItem('mappings', { value: '', role: 'agent', departmentIds: [] })}
      >
        {form.values.mappings.map((m, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: mappings have no identity of their own
          <Group key={i} align="flex-end" gap="xs" wrap="wrap">
            <TextInput
              label={intl.formatMessage({ id: 'admin.signIn.sso.claimValue', defaultMessage: 'Claim value' })}
              w={200}
              {...form.getInputProps(`mappings.${i}.value`)}
            />
            <Select
              label={intl.formatMessage({ id: 'admin.users.role', defaultMessage: 'Role' })}
              data={roles}
              allowDeselect={false}
              w={150}
              {...form.getInputProps(`mappings.${i}.role`)}
            />
            <MultiSelect
              label={intl.formatMessage({ id: 'admin.users.departments', defaultMessage: 'Departments' })}
              data={data}
              miw={220}
              {...form.getInputProps(`mappings.${i}.departmentIds`)}
            />
            <RemoveRowButton
              label={
                m.value
                  ? intl.formatMessage(
                      {
                        id: 'admin.signIn.sso.removeMapping',
                        defaultMessage: 'Remove the mapping of {value}',
                      },
                      { value: m.value },
                    )
                  : intl.formatMessage({
                      id: 'admin.signIn.sso.removeEmptyMapping',
                      defaultMessage: 'Remove the mapping of this value',
                    })
              }
              onClick={() => form.removeListItem('mappings', i)}
            />
          </Group>
        ))}
      </RowList>
    </Stack>
  );
}
