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
import { RemoveRowButton, RowList } from '../workflow/controls';

const TITLES: Record<SsoAudience, { title: string; about: string }> = {
  staff: {
    title: 'Single sign-on for staff',
    about:
      'Agents and administrators sign in through your OpenID Connect provider. A value of the group claim gives a role and departments, applied at every sign-in; with no mapping, roles stay as set in Tessera.',
  },
  customers: {
    title: 'Single sign-on for customers',
    about:
      'Customers sign in through an OpenID Connect provider; someone new with a verified email becomes a customer.',
  },
};

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
  return (
    <Card withBorder radius="md" padding="md" component="section" aria-labelledby={headingId}>
      <Group justify="space-between" align="flex-start" mb="xs" wrap="nowrap">
        <Stack gap={2}>
          <Title order={2} size="h4" id={headingId}>
            {TITLES[audience].title}
          </Title>
          <Text size="sm" c="dimmed">
            {TITLES[audience].about}
          </Text>
        </Stack>
        {settings.data?.enabled ? (
          <Badge color="green" variant="light">
            On
          </Badge>
        ) : (
          <Badge color="gray" variant="light">
            Off
          </Badge>
        )}
      </Group>
      {settings.isPending ? (
        <PageLoader label="Loading single sign-on" />
      ) : settings.isError ? (
        <ErrorAlert error={settings.error} title="Cannot load single sign-on" />
      ) : (
        <SsoForm audience={audience} state={settings.data} />
      )}
    </Card>
  );
}

function SsoForm({ audience, state }: { audience: SsoAudience; state: SsoSettings }) {
  const form = useContractForm<Values>(formSchema, valuesOf(state));
  const [shown, setShown] = useState(state);
  if (shown !== state) {
    // Saved or re-fetched: show what the server has now (the secret box empty again).
    setShown(state);
    form.setValues(valuesOf(state));
  }
  const saving = useAdminMutation({
    fn: (body: SsoSettingsBody) => save(audience, body),
    invalidate: [settingsKey(audience), ['auth', 'options']],
    success: () => `${TITLES[audience].title}: saved`,
    quietErrors: true,
  });
  const submit = form.onSubmit((v) =>
    saving.mutate(bodyOf(v), { onError: (e) => form.setErrors(serverFieldErrors(e)) }),
  );
  const onFields = Object.keys(serverFieldErrors(saving.error)).length > 0;
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Switch label="Sign in with this provider" {...form.getInputProps('enabled', { type: 'checkbox' })} />
        <Text size="sm">
          Redirect URI to register at the provider: <Code>{state.redirectUri}</Code>
        </Text>
        <ProviderInputs form={form} secretSet={state.clientSecretSet} />
        {audience === 'staff' && <MappingInputs form={form} />}
        <Switch
          label={`${audience === 'staff' ? 'Staff' : 'Customers'} may also sign in with a password`}
          description="Can be turned off only while single sign-on is on. If the provider fails, “tessera sign-in allow-passwords” on the server turns it back on."
          {...form.getInputProps('passwordSignIn', { type: 'checkbox' })}
        />
        {saving.isError && !onFields && <ErrorAlert error={saving.error} title="Not saved" />}
        <Group justify="flex-end">
          <Button type="submit" loading={saving.isPending}>
            Save
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The provider's plain settings: the form field, its label and what it says under it. */
const PROVIDER_FIELDS = [
  { name: 'label', label: 'Provider name', description: 'On the button: “Sign in with …”' },
  { name: 'issuerUrl', label: 'Issuer URL', description: 'Or its …/.well-known/openid-configuration' },
  { name: 'clientId', label: 'Client ID', description: 'As the provider registered Tessera' },
  { name: 'scopes', label: 'Scopes', description: 'Separated by spaces; openid is required' },
] as const;

function ProviderInputs({ form, secretSet }: { form: UseFormReturnType<Values>; secretSet: boolean }) {
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing="sm">
      {PROVIDER_FIELDS.map((f) => (
        <TextInput
          key={f.name}
          label={f.label}
          description={f.description}
          spellCheck={false}
          autoComplete="off"
          {...form.getInputProps(f.name)}
        />
      ))}
      <PasswordInput
        label="Client secret"
        description="Write-only: never shown again once saved"
        placeholder={secretSet ? 'Saved (hidden); type to replace' : 'Not set'}
        autoComplete="new-password"
        {...form.getInputProps('clientSecret')}
      />
    </SimpleGrid>
  );
}

const ROLES = [
  { value: 'agent', label: 'Agent' },
  { value: 'admin', label: 'Administrator' },
];

/** The group claim and what each of its values gives: a role and departments. */
function MappingInputs({ form }: { form: UseFormReturnType<Values> }) {
  const departments = useDepartments();
  const data = (departments.data ?? []).map((d) => ({ value: d.id, label: d.name }));
  return (
    <Stack gap="xs">
      <TextInput
        label="Group claim"
        description="The claim whose values are mapped, e.g. groups (a dotted path reaches nested claims: realm_access.roles)"
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
        none="No mapping: roles and departments stay as set in Tessera, and nobody new is let in."
        addLabel="Add a mapping"
        onAdd={() => form.insertListItem('mappings', { value: '', role: 'agent', departmentIds: [] })}
      >
        {form.values.mappings.map((m, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: mappings have no identity of their own
          <Group key={i} align="flex-end" gap="xs" wrap="wrap">
            <TextInput label="Claim value" w={200} {...form.getInputProps(`mappings.${i}.value`)} />
            <Select
              label="Role"
              data={ROLES}
              allowDeselect={false}
              w={150}
              {...form.getInputProps(`mappings.${i}.role`)}
            />
            <MultiSelect
              label="Departments"
              data={data}
              miw={220}
              {...form.getInputProps(`mappings.${i}.departmentIds`)}
            />
            <RemoveRowButton
              label={`Remove the mapping of ${m.value || 'this value'}`}
              onClick={() => form.removeListItem('mappings', i)}
            />
          </Group>
        ))}
      </RowList>
    </Stack>
  );
}
