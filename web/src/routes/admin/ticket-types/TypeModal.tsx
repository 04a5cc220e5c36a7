import { Checkbox, TextInput } from '@mantine/core';
import { z } from 'zod';
import { ticketTypeBody } from '../../../../../common/intake';
import { get, type SendBody, send } from '../../../api/client';
import { DescriptionInput, PositionInput, useModalSave } from '../../../components/admin/forms';
import { SettingSwitch } from '../../../components/admin/SettingSwitch';
import { type Editing, editedItem, ModalForm, useContractForm } from '../../../components/ModalForm';
import { KeyInput, type TicketType, typesKey, urgentKey } from './shared';

export function UrgentRoutingCard() {
  return (
    <SettingSwitch
      queryKey={urgentKey}
      read={async () => (await get('/settings/urgent-routing')).urgentPriority}
      write={async (urgentPriority) =>
        (await send('PUT /settings/urgent-routing', { body: { urgentPriority } })).urgentPriority
      }
      saved={(on) => (on ? 'Urgent routing turned on' : 'Urgent routing turned off')}
      errorTitle="Cannot load urgent routing"
      label="Flag urgent-priority tickets as urgent"
      description="Tickets of an urgent type are always flagged. With this on, a new ticket opened with urgent priority is flagged too (and agents who asked to be paged for urgent tickets are told at once)."
    />
  );
}

// A key is asked only on creation; the form holds text where the API takes null.
const typeForm = (creating: boolean) =>
  ticketTypeBody.extend({
    key: creating ? ticketTypeBody.shape.key : z.string(),
    description: z.string().max(2000),
  });

export function TypeModal({ editing, onClose }: { editing: Editing<TicketType>; onClose: () => void }) {
  const current = editedItem(editing);
  const form = useContractForm(typeForm(!current), {
    key: '',
    name: current?.name ?? '',
    description: current?.description ?? '',
    urgent: current?.urgent ?? false,
    active: current?.active ?? true,
    position: current?.position ?? 0,
  });
  const save = useModalSave({
    // toBody adds the key, which only a creation takes.
    fn: (body: SendBody<'PATCH /ticket-types/:key'>) =>
      current
        ? send('PATCH /ticket-types/:key', { params: { key: current.key }, body })
        : send('POST /ticket-types', { body: body as SendBody<'POST /ticket-types'> }),
    invalidate: [typesKey],
    success: (t) => `Ticket type “${t.name}” saved`,
    onClose,
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
      <DescriptionInput
        description="Shown to customers when they choose"
        {...form.getInputProps('description')}
      />
      <PositionInput form={form} />
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
