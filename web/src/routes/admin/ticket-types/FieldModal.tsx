import { Checkbox, MultiSelect, Select, Textarea, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useIntl } from 'react-intl';
import { z } from 'zod';
import { customFieldBody, customFieldPatch, FIELD_KINDS } from '../../../../../common/intake';
import { type SendBody, send } from '../../../api/client';
import { useDepartments } from '../../../api/hooks';
import { type ItemModalProps, PositionInput, useItemForm } from '../../../components/admin/forms';
import { ModalForm } from '../../../components/ModalForm';
import { type CustomField, type FieldKind, fieldsKey, KeyInput, KIND_LABEL, type TicketType } from './shared';

/** Options as "value: Label" lines, which is easy to type and to read back. */
const optionsToText = (options: CustomField['options']) =>
  options.map((o) => `${o.value}: ${o.label}`).join('\n');
const textToOptions = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const i = line.indexOf(':');
      return i > 0
        ? { value: line.slice(0, i).trim(), label: line.slice(i + 1).trim() }
        : { value: line.toLowerCase().replace(/[^a-z0-9_]+/g, '_'), label: line };
    });

// The options are typed as lines of text; the API's own rule for them is checked on the server.
const fieldForm = (creating: boolean) =>
  customFieldPatch.required().extend({
    key: creating ? customFieldBody.shape.key : z.string(),
    kind: z.enum(FIELD_KINDS),
    options: z.string(),
    help: z.string().max(2000),
  });

/** The form's values for a field, or for a new one. */
const fieldValues = (current: CustomField | null) => ({
  key: '',
  label: current?.label ?? '',
  kind: current?.kind ?? ('text' as FieldKind),
  options: optionsToText(current?.options ?? []),
  help: current?.help ?? '',
  required: current?.required ?? false,
  active: current?.active ?? true,
  position: current?.position ?? 0,
  typeKeys: current?.typeKeys ?? [],
  departmentIds: current?.departmentIds ?? [],
});
type Values = ReturnType<typeof fieldValues>;

export function FieldModal({ types, ...props }: ItemModalProps<CustomField> & { types: TicketType[] }) {
  const intl = useIntl();
  const { current, form, modal } = useItemForm(props, {
    schema: (f) => fieldForm(!f),
    values: fieldValues,
    // toBody adds the key and kind, which only a creation takes.
    create: (body: SendBody<'PATCH /fields/:key'>) =>
      send('POST /fields', { body: body as SendBody<'POST /fields'> }),
    update: (f, body) => send('PATCH /fields/:key', { params: { key: f.key }, body }),
    invalidate: [fieldsKey],
    success: (f) =>
      intl.formatMessage(
        { id: 'admin.ticketTypes.fieldSaved', defaultMessage: 'Field “{name}” saved' },
        { name: f.label },
      ),
  });
  const toBody = ({ key, kind, label, options, help, ...rest }: typeof form.values) => {
    const body = {
      label: label.trim(),
      options: kind === 'select' ? textToOptions(options) : [],
      help: help.trim() || null,
      ...rest,
    };
    return current ? body : { key: key.trim(), kind, ...body };
  };
  const { kind } = form.values;
  return (
    <ModalForm
      {...modal}
      title={
        current
          ? intl.formatMessage(
              { id: 'admin.editNamed', defaultMessage: 'Edit {name}' },
              { name: current.label },
            )
          : intl.formatMessage({ id: 'admin.ticketTypes.newFieldTitle', defaultMessage: 'New custom field' })
      }
      size="lg"
      toBody={toBody}
      submitLabel={
        current
          ? intl.formatMessage({ id: 'admin.save', defaultMessage: 'Save' })
          : intl.formatMessage({ id: 'admin.ticketTypes.createField', defaultMessage: 'Create field' })
      }
      canSubmit={form.values.label.trim() !== '' && (Boolean(current) || form.values.key !== '')}
    >
      {!current && <KeyInput {...form.getInputProps('key')} />}
      <TextInput
        label={intl.formatMessage({ id: 'admin.ticketTypes.label', defaultMessage: 'Label' })}
        required
        maxLength={200}
        {...form.getInputProps('label')}
      />
      <Select
        label={intl.formatMessage({ id: 'admin.ticketTypes.kind', defaultMessage: 'Kind' })}
        description={
          current
            ? intl.formatMessage({
                id: 'admin.ticketTypes.kindHelp',
                defaultMessage: 'The kind cannot be changed once created',
              })
            : undefined
        }
        data={FIELD_KINDS.map((k) => ({ value: k, label: intl.formatMessage(KIND_LABEL[k]) }))}
        {...form.getInputProps('kind')}
        onChange={(v) => v && form.setFieldValue('kind', v as FieldKind)}
        disabled={Boolean(current)}
        allowDeselect={false}
      />
      {kind === 'select' && (
        <Textarea
          label={intl.formatMessage({ id: 'admin.ticketTypes.options', defaultMessage: 'Options' })}
          description={intl.formatMessage({
            id: 'admin.ticketTypes.optionsHelp',
            defaultMessage: 'One a line, as “value: Label” (value: lower-case letters, digits and _)',
          })}
          required
          autosize
          minRows={3}
          {...form.getInputProps('options')}
        />
      )}
      <Textarea
        label={intl.formatMessage({ id: 'admin.ticketTypes.helpText', defaultMessage: 'Help text' })}
        maxLength={2000}
        autosize
        minRows={1}
        {...form.getInputProps('help')}
      />
      <AskedForInputs form={form} types={types} />
      <PositionInput form={form} />
      <Checkbox
        label={intl.formatMessage({ id: 'admin.ticketTypes.required', defaultMessage: 'Required' })}
        {...form.getInputProps('required', { type: 'checkbox' })}
      />
      <Checkbox
        label={intl.formatMessage({
          id: 'admin.ticketTypes.activeField',
          defaultMessage: 'Active: asked on new tickets',
        })}
        {...form.getInputProps('active', { type: 'checkbox' })}
      />
    </ModalForm>
  );
}

/** Which tickets the field is asked on: of these types, in these departments (none: every one). */
function AskedForInputs({ form, types }: { form: UseFormReturnType<Values>; types: TicketType[] }) {
  const departments = useDepartments();
  const intl = useIntl();
  return (
    <>
      <MultiSelect
        label={intl.formatMessage({ id: 'admin.ticketTypes.types', defaultMessage: 'Ticket types' })}
        description={intl.formatMessage({
          id: 'admin.ticketTypes.typesHelp',
          defaultMessage: 'Ask only for these types; none means every type',
        })}
        data={types.map((t) => ({ value: t.key, label: t.name }))}
        {...form.getInputProps('typeKeys')}
        clearable
      />
      <MultiSelect
        label={intl.formatMessage({ id: 'admin.ticketTypes.departments', defaultMessage: 'Departments' })}
        description={intl.formatMessage({
          id: 'admin.ticketTypes.departmentsHelp',
          defaultMessage: 'Ask only in these departments; none means every department',
        })}
        data={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
        {...form.getInputProps('departmentIds')}
        clearable
      />
    </>
  );
}
