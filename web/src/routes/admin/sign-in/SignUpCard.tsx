import { ActionIcon, Button, Card, Group, Radio, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { randomId } from '@mantine/hooks';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { defineMessages, FormattedMessage, type MessageDescriptor, useIntl } from 'react-intl';
import { type SignUpSettings, signUpSettingsSchema } from '../../../../../common/sign-up';
import { get, send } from '../../../api/client';
import { useOrganisations } from '../../../api/hooks';
import { useAdminMutation } from '../../../components/admin';
import { ErrorAlert } from '../../../components/bits';
import { serverFieldErrors, useContractForm } from '../../../components/ModalForm';

/** A domain's example, the same in every language. */
const EXAMPLE_DOMAIN = 'example.com';

export const signUpSettingsKey = ['settings', 'sign-up'] as const;

/** Admin › Sign-in: whether customers may create their own accounts, and which domains go where. */
export function SignUpCard() {
  const settings = useQuery({ queryKey: signUpSettingsKey, queryFn: () => get('/settings/sign-up') });
  const intl = useIntl();
  return (
    <Card withBorder radius="md" padding="md" component="section" aria-labelledby="sign-up-title">
      <Title order={2} size="h4" mb={4} id="sign-up-title">
        <FormattedMessage id="admin.signIn.signUp" defaultMessage="Customer sign-up" />
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        <FormattedMessage
          id="admin.signIn.signUpAbout"
          defaultMessage="Customers confirm their address from a mailed link before their account exists. An address is mailed once per window (an hour unless set otherwise), however often it is signed up."
        />
      </Text>
      {settings.isError ? (
        <ErrorAlert
          error={settings.error}
          title={intl.formatMessage({
            id: 'admin.signIn.signUpLoadError',
            defaultMessage: 'Cannot load the sign-up settings',
          })}
        />
      ) : settings.data ? (
        <SignUpForm initial={settings.data} />
      ) : null}
    </Card>
  );
}

const MODE_LABELS = defineMessages({
  off: { id: 'admin.signIn.mode.off', defaultMessage: 'Nobody: staff create or invite every account' },
  open: { id: 'admin.signIn.mode.open', defaultMessage: 'Anyone with an email address' },
  domains: { id: 'admin.signIn.mode.domains', defaultMessage: 'Only addresses of the domains listed below' },
}) satisfies Record<SignUpSettings['mode'], MessageDescriptor>;

function SignUpForm({ initial }: { initial: SignUpSettings }) {
  const form = useContractForm<SignUpSettings>(signUpSettingsSchema, initial);
  const intl = useIntl();
  const save = useAdminMutation({
    fn: (body: SignUpSettings) => send('PUT /settings/sign-up', { body }),
    invalidate: [signUpSettingsKey, ['auth', 'options']],
    success: () =>
      intl.formatMessage({ id: 'admin.signIn.signUpSaved', defaultMessage: 'Sign-up settings saved' }),
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
        <Radio.Group
          label={intl.formatMessage({ id: 'admin.signIn.whoMaySignUp', defaultMessage: 'Who may sign up' })}
          {...form.getInputProps('mode')}
        >
          <Stack gap={6} mt="xs">
            {Object.entries(MODE_LABELS).map(([v, label]) => (
              <Radio key={v} value={v} label={intl.formatMessage(label)} />
            ))}
          </Stack>
        </Radio.Group>
        <DomainList form={form} />
        {unplaced && (
          <ErrorAlert
            error={save.error}
            title={intl.formatMessage({ id: 'admin.notSaved', defaultMessage: 'Not saved' })}
          />
        )}
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending}>
            <FormattedMessage id="admin.signIn.saveSignUp" defaultMessage="Save sign-up settings" />
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
  const intl = useIntl();
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
          <FormattedMessage id="admin.signIn.domains" defaultMessage="Domains" />
        </Text>
        <Text size="xs" c="dimmed">
          <FormattedMessage
            id="admin.signIn.domainsHelp"
            defaultMessage="With “only listed domains”, these alone may sign up. A domain’s new customers join its organisation. The support and reply domains cannot be listed."
          />
        </Text>
      </div>
      {domains.map((_, i) => (
        <Group key={rowKeys[i]} align="flex-start" gap="xs" wrap="wrap">
          <TextInput
            aria-label={intl.formatMessage(
              { id: 'admin.signIn.domainN', defaultMessage: 'Domain {n}' },
              { n: i + 1 },
            )}
            placeholder={EXAMPLE_DOMAIN}
            style={{ flex: '1 1 10rem' }}
            {...form.getInputProps(`domains.${i}.domain`)}
          />
          <Select
            aria-label={intl.formatMessage(
              { id: 'admin.signIn.domainOrganisation', defaultMessage: 'Organisation of domain {n}' },
              { n: i + 1 },
            )}
            placeholder={intl.formatMessage({
              id: 'admin.signIn.noOrganisation',
              defaultMessage: 'No organisation',
            })}
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
            aria-label={intl.formatMessage(
              { id: 'admin.signIn.removeDomain', defaultMessage: 'Remove domain {n}' },
              { n: i + 1 },
            )}
            onClick={() => remove(i)}
          >
            <IconTrash size={18} />
          </ActionIcon>
        </Group>
      ))}
      <Group>
        <Button variant="default" size="xs" leftSection={<IconPlus size={14} />} onClick={add}>
          <FormattedMessage id="admin.signIn.addDomain" defaultMessage="Add a domain" />
        </Button>
      </Group>
    </Stack>
  );
}
