import { Badge, Button, Card, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { defineMessages, FormattedMessage, useIntl } from 'react-intl';
import { myProfilePatch } from '../../../../common/profiles';
import { send } from '../../api/client';
import { keys, useOrganisation } from '../../api/hooks';
import type { Me } from '../../api/types';
import { ErrorAlert } from '../../components/bits';
import { Field } from '../../components/Field';
import { serverFieldErrors, useContractForm } from '../../components/ModalForm';
import { t } from '../../i18n/t';
import { formatDate } from '../../lib/format';

const ROLE_LABEL = defineMessages({
  customer: { id: 'account.role.customer', defaultMessage: 'Customer' },
  agent: { id: 'account.role.agent', defaultMessage: 'Agent' },
  admin: { id: 'account.role.admin', defaultMessage: 'Administrator' },
});
const L = defineMessages({
  name: { id: 'account.profile.name', defaultMessage: 'Name' },
  email: { id: 'auth.field.email', defaultMessage: 'Email' },
  phone: { id: 'account.profile.phone', defaultMessage: 'Phone' },
});

/** One's own profile: the name and phone number (for WhatsApp) are one's own to change; the address is not. */
export function ProfileCard({ me: u }: { me: Me }) {
  const org = useOrganisation(u.organisationId);
  const [editing, setEditing] = useState(false);
  const intl = useIntl();
  return (
    <Card withBorder padding="lg" radius="md">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          <FormattedMessage id="account.profile.title" defaultMessage="Profile" />
        </Title>
        {!editing && (
          <Button size="xs" variant="default" onClick={() => setEditing(true)}>
            <FormattedMessage id="account.profile.edit" defaultMessage="Edit profile" />
          </Button>
        )}
      </Group>
      {editing ? (
        <EditProfile me={u} onDone={() => setEditing(false)} />
      ) : (
        <Stack gap="sm" component="dl" m={0}>
          <Field label={intl.formatMessage(L.name)}>{u.name}</Field>
          <Field label={intl.formatMessage(L.email)}>{u.email}</Field>
          <Field label={intl.formatMessage({ id: 'account.profile.role', defaultMessage: 'Role' })}>
            <Badge variant="light">{intl.formatMessage(ROLE_LABEL[u.role])}</Badge>
          </Field>
          {u.organisationId && (
            <Field
              label={intl.formatMessage({
                id: 'account.profile.organisation',
                defaultMessage: 'Organisation',
              })}
            >
              {org.data?.name ?? '…'}
            </Field>
          )}
          <Field label={intl.formatMessage(L.phone)}>
            {u.phone ?? intl.formatMessage({ id: 'account.profile.noPhone', defaultMessage: 'None given' })}
          </Field>
          <Field
            label={intl.formatMessage({ id: 'account.profile.memberSince', defaultMessage: 'Member since' })}
          >
            {formatDate(u.createdAt)}
          </Field>
        </Stack>
      )}
      <Text size="xs" c="dimmed" mt="md">
        <FormattedMessage
          id="account.profile.emailHelp"
          defaultMessage="To change your email address, ask your support team or administrator."
        />
      </Text>
    </Card>
  );
}

function EditProfile({ me: u, onDone }: { me: Me; onDone: () => void }) {
  const qc = useQueryClient();
  const intl = useIntl();
  const form = useContractForm(myProfilePatch, { name: u.name, phone: u.phone ?? '' });
  const save = useMutation({
    mutationFn: (v: { name: string; phone: string }) =>
      send('PATCH /me', { body: { name: v.name, phone: v.phone.trim() === '' ? null : v.phone } }),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: keys.me });
      notifications.show({
        color: 'green',
        message: t({ id: 'account.profile.saved', defaultMessage: 'Profile saved' }),
      });
      onDone();
    },
    onError: (e) => form.setErrors(serverFieldErrors(e)),
  });
  return (
    <form noValidate onSubmit={form.onSubmit((v) => save.mutate(v))}>
      <Stack gap="sm">
        {save.isError && Object.keys(serverFieldErrors(save.error)).length === 0 && (
          <ErrorAlert
            error={save.error}
            title={intl.formatMessage({ id: 'account.notSaved', defaultMessage: 'Not saved' })}
          />
        )}
        <TextInput label={intl.formatMessage(L.name)} required {...form.getInputProps('name')} />
        <TextInput
          label={intl.formatMessage(L.phone)}
          description={intl.formatMessage({
            id: 'account.profile.phoneHelp',
            defaultMessage: 'Your mobile number, to write to us and hear from us on WhatsApp',
          })}
          placeholder="+44 20 7946 0000"
          {...form.getInputProps('phone')}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            <FormattedMessage id="common.cancel" defaultMessage="Cancel" />
          </Button>
          <Button type="submit" loading={save.isPending}>
            <FormattedMessage id="common.save" defaultMessage="Save" />
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
