import { Badge, Button, Card, Group, Stack, TextInput, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { CustomerProfile } from '../../../../../common/profiles';
import { contactPatch } from '../../../../../common/profiles';
import { send } from '../../../api/client';
import { Field } from '../../../components/Field';
import { ModalForm, useContractForm } from '../../../components/ModalForm';
import { OrganisationLink } from '../../../components/PersonLinks';
import { formatDate } from '../../../lib/format';
import { useProfileChange } from './api';

/** Who the customer is and how to reach them; staff correct it here (the address: administrators). */
export function ContactCard({ profile: p }: { profile: CustomerProfile }) {
  const [editing, edit] = useDisclosure(false);
  const c = p.customer;
  return (
    <Card withBorder radius="md" padding="md">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          Contact
        </Title>
        {p.abilities.editContact && c.active && (
          <Button size="xs" variant="default" onClick={edit.open}>
            Edit
          </Button>
        )}
      </Group>
      <Stack gap="sm" component="dl" m={0}>
        <Field label="Email">{c.email}</Field>
        {p.otherEmails.length > 0 && <Field label="Also writes from">{p.otherEmails.join(', ')}</Field>}
        <Field label="Phone">{c.phone ?? '—'}</Field>
        {p.otherPhones.length > 0 && <Field label="Other numbers">{p.otherPhones.join(', ')}</Field>}
        <Field label="Organisation">
          {p.organisation ? <OrganisationLink organisation={p.organisation} /> : '—'}
        </Field>
        <Field label="Customer since">{formatDate(c.createdAt)}</Field>
        <Field label="Account">
          {c.active ? (
            <Badge variant="light" color={c.credentialsSet ? 'green' : 'gray'}>
              {c.credentialsSet ? 'Can sign in' : 'Known by mail only'}
            </Badge>
          ) : (
            <Badge variant="light" color="red">
              Deactivated
            </Badge>
          )}
        </Field>
      </Stack>
      {editing && <EditContact profile={p} onClose={edit.close} />}
    </Card>
  );
}

function EditContact({ profile: p, onClose }: { profile: CustomerProfile; onClose: () => void }) {
  const c = p.customer;
  const form = useContractForm(contactPatch, { name: c.name, email: c.email, phone: c.phone ?? '' });
  const save = useProfileChange(c.id, (body: Parameters<typeof send<'PATCH /customers/:id'>>[1]['body']) =>
    send('PATCH /customers/:id', { params: { id: c.id }, body }),
  );
  return (
    <ModalForm
      opened
      onClose={onClose}
      title={`Contact details of ${c.name}`}
      form={form}
      save={save}
      submitLabel="Save"
      toBody={(v) => {
        const body = {
          ...(v.name !== c.name && { name: v.name }),
          ...(p.abilities.editEmail && v.email !== c.email && { email: v.email }),
          ...(v.phone !== (c.phone ?? '') && { phone: v.phone === '' ? null : v.phone }),
        };
        return Object.keys(body).length === 0 ? null : body;
      }}
    >
      <TextInput label="Name" required {...form.getInputProps('name')} />
      <TextInput
        label="Email"
        type="email"
        disabled={!p.abilities.editEmail}
        description={
          p.abilities.editEmail ? undefined : 'Only administrators change the address someone signs in with'
        }
        {...form.getInputProps('email')}
      />
      <TextInput label="Phone (WhatsApp)" placeholder="+44 20 7946 0000" {...form.getInputProps('phone')} />
    </ModalForm>
  );
}
