import { Card, Checkbox, NumberInput, Switch, Textarea, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { ticketTypeBody } from '../../../../../common/intake';
import { get, type SendBody, send } from '../../../api/client';
import { useAdminMutation } from '../../../components/admin';
import { ErrorAlert } from '../../../components/bits';
import { ModalForm, numberInputProps, useContractForm } from '../../../components/ModalForm';
import { KeyInput, type TicketType, typesKey, urgentKey } from './shared';

export function UrgentRoutingCard() {
  const setting = useQuery({
    queryKey: urgentKey,
    queryFn: () => get('/settings/urgent-routing'),
  });
  const save = useAdminMutation({
    fn: (urgentPriority: boolean) => send('PUT /settings/urgent-routing', { body: { urgentPriority } }),
    invalidate: [urgentKey],
    success: (r) => (r.urgentPriority ? 'Urgent routing turned on' : 'Urgent routing turned off'),
  });
  return (
    <Card withBorder radius="md" padding="md">
      {setting.isError ? (
        <ErrorAlert error={setting.error} title="Cannot load urgent routing" />
      ) : (
        <Switch
          label="Flag urgent-priority tickets as urgent"
          description="Tickets of an urgent type are always flagged. With this on, a new ticket opened with urgent priority is flagged too (and agents who asked to be paged for urgent tickets are told at once)."
          checked={setting.data?.urgentPriority ?? false}
          disabled={setting.isPending || save.isPending}
          onChange={(e) => save.mutate(e.currentTarget.checked)}
        />
      )}
    </Card>
  );
}

// A key is asked only on creation; the form holds text where the API takes null.
const typeForm = (creating: boolean) =>
  ticketTypeBody.extend({
    key: creating ? ticketTypeBody.shape.key : z.string(),
    description: z.string().max(2000),
  });

export function TypeModal({ editing, onClose }: { editing: TicketType | 'new' | null; onClose: () => void }) {
  const current = editing && editing !== 'new' ? editing : null;
  const form = useContractForm(typeForm(!current), {
    key: '',
    name: current?.name ?? '',
    description: current?.description ?? '',
    urgent: current?.urgent ?? false,
    active: current?.active ?? true,
    position: current?.position ?? 0,
  });
  const save = useAdminMutation({
    // toBody adds the key, which only a creation takes.
    fn: (body: SendBody<'PATCH /ticket-types/:key'>) =>
      current
        ? send('PATCH /ticket-types/:key', { params: { key: current.key }, body })
        : send('POST /ticket-types', { body: body as SendBody<'POST /ticket-types'> }),
    invalidate: [typesKey],
    success: (t) => `Ticket type “${t.name}” saved`,
    onSuccess: onClose,
    quietErrors: true,
  });
  const toBody = ({ key, name, description, urgent, active, position }: typeof form.values) => {
    const body = { name: name.trim(), description: description.trim() || null, urgent, active, position };
    return current ? body : { key: key.trim(), ...body };
  };
  return (
    <ModalForm
      opened={editing !== null}
      onClose={onClose}
      title={current ? `Edit ${current.name}` : 'New ticket type'}
      form={form}
      save={save}
      toBody={toBody}
      submitLabel={current ? 'Save' : 'Create type'}
      canSubmit={form.values.name.trim() !== '' && (Boolean(current) || form.values.key !== '')}
    >
      {!current && <KeyInput {...form.getInputProps('key')} />}
      <TextInput label="Name" required maxLength={100} {...form.getInputProps('name')} />
      <Textarea
        label="Description"
        description="Shown to customers when they choose"
        maxLength={2000}
        autosize
        minRows={2}
        {...form.getInputProps('description')}
      />
      <NumberInput
        label="Position"
        description="Lower comes first"
        min={0}
        max={10000}
        {...numberInputProps(form, 'position')}
      />
      <Checkbox
        label="Urgent: tickets of this type need immediate attention"
        {...form.getInputProps('urgent', { type: 'checkbox' })}
      />
      <Checkbox
        label="Active: customers can choose it"
        {...form.getInputProps('active', { type: 'checkbox' })}
      />
    </ModalForm>
  );
}
