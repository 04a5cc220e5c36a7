import { Checkbox, TextInput } from '@mantine/core';
import { useIntl } from 'react-intl';
import { z } from 'zod';
import { ticketTypeBody } from '../../../../../common/intake';
import { get, type SendBody, send } from '../../../api/client';
import {
  DescriptionInput,
  type ItemModalProps,
  PositionInput,
  useItemForm,
} from '../../../components/admin/forms';
import { SettingSwitch } from '../../../components/admin/SettingSwitch';
import { ModalForm } from '../../../components/ModalForm';
import { KeyInput, type TicketType, typesKey, urgentKey } from './shared';

export function UrgentRoutingCard() {
  const intl = useIntl();
  return (
    <SettingSwitch
      queryKey={urgentKey}
      read={async () => (await get('/settings/urgent-routing')).urgentPriority}
      write={async (urgentPriority) =>
        (await send('PUT /settings/urgent-routing', { body: { urgentPriority } })).urgentPriority
      }
      saved={(on) =>
        on
          ? intl.formatMessage({
              id: 'admin.ticketTypes.urgentOn',
              defaultMessage: 'Urgent routing turned on',
            })
          : intl.formatMessage({
              id: 'admin.ticketTypes.urgentOff',
              defaultMessage: 'Urgent routing turned off',
            })
      }
      errorTitle={intl.formatMessage({
        id: 'admin.ticketTypes.urgentLoadError',
        defaultMessage: 'Cannot load urgent routing',
      })}
      label={intl.formatMessage({
        id: 'admin.ticketTypes.urgentLabel',
        defaultMessage: 'Flag urgent-priority tickets as urgent',
      })}
      description={intl.formatMessage({
        id: 'admin.ticketTypes.urgentHelp',
        defaultMessage:
          'Tickets of an urgent type are always flagged. With this on, a new ticket opened with urgent priority is flagged too (and agents who asked to be paged for urgent tickets are told at once).',
      })}
    />
  );
}

// A key is asked only on creation; the form holds text where the API takes null.
const typeForm = (creating: boolean) =>
  ticketTypeBody.extend({
    key: creating ? ticketTypeBody.shape.key : z.string(),
    description: z.string().max(2000),
  });

export function TypeModal(props: ItemModalProps<TicketType>) {
  const intl = useIntl();
  const { current, form, modal } = useItemForm(props, {
    schema: (t) => typeForm(!t),
    values: (t) => ({
      key: '',
      name: t?.name ?? '',
      description: t?.description ?? '',
      urgent: t?.urgent ?? false,
      active: t?.active ?? true,
      position: t?.position ?? 0,
    }),
    // toBody adds the key, which only a creation takes.
    create: (body: SendBody<'PATCH /ticket-types/:key'>) =>
      send('POST /ticket-types', { body: body as SendBody<'POST /ticket-types'> }),
    update: (t, body) => send('PATCH /ticket-types/:key', { params: { key: t.key }, body }),
    invalidate: [typesKey],
    success: (t) =>
      intl.formatMessage(
        { id: 'admin.ticketTypes.typeSaved', defaultMessage: 'Ticket type “{name}” saved' },
        { name: t.name },
      ),
  });
  const toBody = ({ key, name, description, urgent, active, position }: typeof form.values) => {
    const body = { name: name.trim(), description: description.trim() || null, urgent, active, position };
    return current ? body : { key: key.trim(), ...body };
  };
  return (
    <ModalForm
      {...modal}
      title={
        current
          ? intl.formatMessage(
              { id: 'admin.editNamed', defaultMessage: 'Edit {name}' },
              { name: current.name },
            )
          : intl.formatMessage({ id: 'admin.ticketTypes.newType', defaultMessage: 'New ticket type' })
      }
      toBody={toBody}
      submitLabel={
        current
          ? intl.formatMessage({ id: 'admin.save', defaultMessage: 'Save' })
          : intl.formatMessage({ id: 'admin.ticketTypes.createType', defaultMessage: 'Create type' })
      }
      canSubmit={form.values.name.trim() !== '' && (Boolean(current) || form.values.key !== '')}
    >
      {!current && <KeyInput {...form.getInputProps('key')} />}
      <TextInput
        label={intl.formatMessage({ id: 'admin.name', defaultMessage: 'Name' })}
        required
        maxLength={100}
        {...form.getInputProps('name')}
      />
      <DescriptionInput
        description={intl.formatMessage({
          id: 'admin.ticketTypes.typeDescriptionHelp',
          defaultMessage: 'Shown to customers when they choose',
        })}
        {...form.getInputProps('description')}
      />
      <PositionInput form={form} />
      <Checkbox
        label={intl.formatMessage({
          id: 'admin.ticketTypes.urgentType',
          defaultMessage: 'Urgent: tickets of this type need immediate attention',
        })}
        {...form.getInputProps('urgent', { type: 'checkbox' })}
      />
      <Checkbox
        label={intl.formatMessage({
          id: 'admin.ticketTypes.activeType',
          defaultMessage: 'Active: customers can choose it',
        })}
        {...form.getInputProps('active', { type: 'checkbox' })}
      />
    </ModalForm>
  );
}
