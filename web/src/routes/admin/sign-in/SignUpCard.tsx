import { ActionIcon, Button, Card, Group, Radio, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { randomId } from '@mantine/hooks';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { type SignUpSettings, signUpSettingsSchema } from '../../../../../common/sign-up';
import { get, send } from '../../../api/client';
import { useOrganisations } from '../../../api/hooks';
import { useAdminMutation } from '../../../components/admin';
import { ErrorAlert } from '../../../components/bits';
import { serverFieldErrors, useContractForm } from '../../../components/ModalForm';

export const signUpSettingsKey = ['settings', 'sign-up'] as const;

/** Admin › Sign-in: whether customers may create their own accounts, and which domains go where. */
export function SignUpCard() {
  const settings = useQuery({ queryKey: signUpSettingsKey, queryFn: () => get('/settings/sign-up') });
  return (
    <Card withBorder radius="md" padding="md" component="section" aria-labelledby="sign-up-title">
      <Title order={2} size="h4" mb={4} id="sign-up-title">
        Customer sign-up
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        Customers confirm their address from a mailed link before their account exists. An address is mailed
        once per window (an hour unless set otherwise), however often it is signed up.
      </Text>
      {settings.isError ? (
        <ErrorAlert error={settings.error} title="Cannot load the sign-up settings" />
      ) : settings.data ? (
        <SignUpForm initial={settings.data} />
      ) : null}
    </Card>
  );
}

const MODE_LABELS: Record<SignUpSettings['mode'], string> = {
  off: 'Nobody: staff create or invite every account',
  open: 'Anyone with an email address',
  domains: 'Only addresses of the domains listed below',
};

function SignUpForm({ initial }: { initial: SignUpSettings }) {
  const form = useContractForm<SignUpSettings>(signUpSettingsSchema, initial);
  const save = useAdminMutation({
    fn: (body: SignUpSettings) => send('PUT /settings/sign-up', { body }),
    invalidate: [signUpSettingsKey, ['auth', 'options']],
    success: () => 'Sign-up settings saved',
    onSuccess: (saved) => form.setInitialValues(saved),
    // A refusal lands on the fields it names; anything else shows above the button.
    quietErrors: true,
  });
  const unplaced = save.isError && Object.keys(serverFieldErrors(save.error)).length === 0;
  const submit = form.onSubmit((values) =>
    save.mutate(values, { onError: (e) => form.setErrors(serverFieldErrors(e)) }),
  );
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Radio.Group label="Who may sign up" {...form.getInputProps('mode')}>
          <Stack gap={6} mt="xs">
            {Object.entries(MODE_LABELS).map(([v, label]) => (
              <Radio key={v} value={v} label={label} />
            ))}
          </Stack>
        </Radio.Group>
        <DomainList form={form} />
        {unplaced && <ErrorAlert error={save.error} title="Not saved" />}
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending}>
            Save sign-up settings
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The listed domains, each with the organisation its new customers join (in either mode). */
function DomainList({ form }: { form: UseFormReturnType<SignUpSettings> }) {
  const organisations = useOrganisations();
  const options = (organisations.data ?? []).map((o) => ({ value: o.id, label: o.name }));
  const { domains } = form.values;
  // Rows keep their inputs (and focus) while others are added or removed.
  const [rowKeys, setRowKeys] = useState(() => domains.map(() => randomId()));
  const add = () => {
    setRowKeys((k) => [...k, randomId()]);
    form.insertListItem('domains', { domain: '', organisationId: null });
  };
  const remove = (i: number) => {
    setRowKeys((k) => k.filter((_, j) => j !== i));
    form.removeListItem('domains', i);
  };
  return (
    <Stack gap="xs">
      <div>
        <Text size="sm" fw={500}>
          Domains
        </Text>
        <Text size="xs" c="dimmed">
          With “only listed domains”, these alone may sign up. A domain’s new customers join its organisation.
          The support and reply domains cannot be listed.
        </Text>
      </div>
      {domains.map((_, i) => (
        <Group key={rowKeys[i]} align="flex-start" gap="xs" wrap="wrap">
          <TextInput
            aria-label={`Domain ${i + 1}`}
            placeholder="example.com"
            style={{ flex: '1 1 10rem' }}
            {...form.getInputProps(`domains.${i}.domain`)}
          />
          <Select
            aria-label={`Organisation of domain ${i + 1}`}
            placeholder="No organisation"
            data={options}
            clearable
            searchable
            style={{ flex: '1 1 10rem' }}
            {...form.getInputProps(`domains.${i}.organisationId`)}
          />
          <ActionIcon
            variant="subtle"
            color="red"
            size="lg"
            aria-label={`Remove domain ${i + 1}`}
            onClick={() => remove(i)}
          >
            <IconTrash size={18} />
          </ActionIcon>
        </Group>
      ))}
      <Group>
        <Button variant="default" size="xs" leftSection={<IconPlus size={14} />} onClick={add}>
          Add a domain
        </Button>
      </Group>
    </Stack>
  );
}
