import { Badge, Button, Card, Group, Stack, TextInput, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { FormattedMessage, useIntl } from 'react-intl';
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
  const intl = useIntl();
  const c = p.customer;
  const list = (items: string[]) => intl.formatList(items, { type: 'unit', style: 'short' });
  return (
    <Card withBorder radius="md" padding="md">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          <FormattedMessage id="agent.contact.title" defaultMessage="Contact" />
        </Title>
        {p.abilities.editContact && c.active && (
          <Button size="xs" variant="default" onClick={edit.open}>
            <FormattedMessage id="agent.contact.edit" defaultMessage="Edit" />
          </Button>
        )}
      </Group>
      <Stack gap="sm" component="dl" m={0}>
        <Field label={intl.formatMessage({ id: 'agent.contact.email', defaultMessage: 'Email' })}>
          {c.email}
        </Field>
        {p.otherEmails.length > 0 && (
          <Field
            label={intl.formatMessage({
              id: 'agent.contact.otherEmails',
              defaultMessage: 'Also writes from',
            })}
          >
            {list(p.otherEmails)}
          </Field>
        )}
        <Field label={intl.formatMessage({ id: 'agent.contact.phone', defaultMessage: 'Phone' })}>
          {c.phone ?? '—'}
        </Field>
        {p.otherPhones.length > 0 && (
          <Field
            label={intl.formatMessage({ id: 'agent.contact.otherPhones', defaultMessage: 'Other numbers' })}
          >
            {list(p.otherPhones)}
          </Field>
        )}
        <Field
          label={intl.formatMessage({ id: 'agent.contact.organisation', defaultMessage: 'Organisation' })}
        >
          {p.organisation ? <OrganisationLink organisation={p.organisation} /> : '—'}
        </Field>
        <Field label={intl.formatMessage({ id: 'agent.contact.since', defaultMessage: 'Customer since' })}>
          {formatDate(c.createdAt)}
        </Field>
        <Field label={intl.formatMessage({ id: 'agent.contact.account', defaultMessage: 'Account' })}>
          {c.active ? (
            <Badge variant="light" color={c.credentialsSet ? 'green' : 'gray'}>
              {c.credentialsSet ? (
                <FormattedMessage id="agent.contact.canSignIn" defaultMessage="Can sign in" />
              ) : (
                <FormattedMessage id="agent.contact.mailOnly" defaultMessage="Known by mail only" />
              )}
            </Badge>
          ) : (
            <Badge variant="light" color="red">
              <FormattedMessage id="agent.profile.deactivated" defaultMessage="Deactivated" />
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
  const intl = useIntl();
  const form = useContractForm(contactPatch, { name: c.name, email: c.email, phone: c.phone ?? '' });
  const save = useProfileChange(c.id, (body: Parameters<typeof send<'PATCH /customers/:id'>>[1]['body']) =>
    send('PATCH /customers/:id', { params: { id: c.id }, body }),
  );
  return (
    <ModalForm
      opened
      onClose={onClose}
      title={intl.formatMessage(
        { id: 'agent.contact.editTitle', defaultMessage: 'Contact details of {name}' },
        { name: c.name },
      )}
      form={form}
      save={save}
      submitLabel={intl.formatMessage({ id: 'agent.contact.save', defaultMessage: 'Save' })}
      toBody={(v) => {
        const body = {
          ...(v.name !== c.name && { name: v.name }),
          ...(p.abilities.editEmail && v.email !== c.email && { email: v.email }),
          ...(v.phone !== (c.phone ?? '') && { phone: v.phone === '' ? null : v.phone }),
        };
        return Object.keys(body).length === 0 ? null : body;
      }}
    >
      <TextInput
        label={intl.formatMessage({ id: 'agent.contact.name', defaultMessage: 'Name' })}
        required
        {...form.getInputProps('name')}
      />
      <TextInput
        label={intl.formatMessage({ id: 'agent.contact.email', defaultMessage: 'Email' })}
        type="email"
        disabled={!p.abilities.editEmail}
        description={
          p.abilities.editEmail
            ? undefined
            : intl.formatMessage({
                id: 'agent.contact.emailAdminOnly',
                defaultMessage: 'Only administrators change the address someone signs in with',
              })
        }
        {...form.getInputProps('email')}
      />
      <TextInput
        label={intl.formatMessage({ id: 'agent.contact.phoneWhatsApp', defaultMessage: 'Phone (WhatsApp)' })}
        placeholder="+44 20 7946 0000"
        {...form.getInputProps('phone')}
      />
    </ModalForm>
  );
}
