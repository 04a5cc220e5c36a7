import { Badge, Button, Card, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { myProfilePatch } from '../../../../common/profiles';
import { send } from '../../api/client';
import { keys, useOrganisation } from '../../api/hooks';
import type { Me } from '../../api/types';
import { ErrorAlert } from '../../components/bits';
import { Field } from '../../components/Field';
import { serverFieldErrors, useContractForm } from '../../components/ModalForm';
import { formatDate } from '../../lib/format';

const ROLE_LABEL = { customer: 'Customer', agent: 'Agent', admin: 'Administrator' } as const;

/** One's own profile: the name and phone number (for WhatsApp) are one's own to change; the address is not. */
export function ProfileCard({ me: u }: { me: Me }) {
  const org = useOrganisation(u.organisationId);
  const [editing, setEditing] = useState(false);
  return (
    <Card withBorder padding="lg" radius="md">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          Profile
        </Title>
        {!editing && (
          <Button size="xs" variant="default" onClick={() => setEditing(true)}>
            Edit profile
          </Button>
        )}
      </Group>
      {editing ? (
        <EditProfile me={u} onDone={() => setEditing(false)} />
      ) : (
        <Stack gap="sm" component="dl" m={0}>
          <Field label="Name">{u.name}</Field>
          <Field label="Email">{u.email}</Field>
          <Field label="Role">
            <Badge variant="light">{ROLE_LABEL[u.role]}</Badge>
          </Field>
          {u.organisationId && <Field label="Organisation">{org.data?.name ?? '…'}</Field>}
          <Field label="Phone">{u.phone ?? 'None given'}</Field>
          <Field label="Member since">{formatDate(u.createdAt)}</Field>
        </Stack>
      )}
      <Text size="xs" c="dimmed" mt="md">
        To change your email address, ask your support team or administrator.
      </Text>
    </Card>
  );
}

function EditProfile({ me: u, onDone }: { me: Me; onDone: () => void }) {
  const qc = useQueryClient();
  const form = useContractForm(myProfilePatch, { name: u.name, phone: u.phone ?? '' });
  const save = useMutation({
    mutationFn: (v: { name: string; phone: string }) =>
      send('PATCH /me', { body: { name: v.name, phone: v.phone.trim() === '' ? null : v.phone } }),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: keys.me });
      notifications.show({ color: 'green', message: 'Profile saved' });
      onDone();
    },
    onError: (e) => form.setErrors(serverFieldErrors(e)),
  });
  return (
    <form noValidate onSubmit={form.onSubmit((v) => save.mutate(v))}>
      <Stack gap="sm">
        {save.isError && Object.keys(serverFieldErrors(save.error)).length === 0 && (
          <ErrorAlert error={save.error} title="Not saved" />
        )}
        <TextInput label="Name" required {...form.getInputProps('name')} />
        <TextInput
          label="Phone"
          description="Your mobile number, to write to us and hear from us on WhatsApp"
          placeholder="+44 20 7946 0000"
          {...form.getInputProps('phone')}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={save.isPending}>
            Save
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
