import { TextInput, type TextInputProps } from '@mantine/core';
import { defineMessages, type MessageDescriptor, useIntl } from 'react-intl';
import type { z } from 'zod';
import type { customFieldSchema, FIELD_KINDS, ticketTypeSchema } from '../../../../../common/intake';

export type TicketType = z.infer<typeof ticketTypeSchema>;
export type CustomField = z.infer<typeof customFieldSchema>;
export type FieldKind = (typeof FIELD_KINDS)[number];

export const typesKey = ['ticket-types'] as const;
export const fieldsKey = ['fields'] as const;
export const urgentKey = ['settings', 'urgent-routing'] as const;

export const KIND_LABEL = defineMessages({
  select: { id: 'admin.ticketTypes.kind.select', defaultMessage: 'Choice list' },
  text: { id: 'admin.ticketTypes.kind.text', defaultMessage: 'Short text' },
  multiline: { id: 'admin.ticketTypes.kind.multiline', defaultMessage: 'Long text' },
  checkbox: { id: 'admin.ticketTypes.kind.checkbox', defaultMessage: 'Checkbox' },
  date: { id: 'admin.ticketTypes.kind.date', defaultMessage: 'Date' },
}) satisfies Record<FieldKind, MessageDescriptor>;

/** The key of a new type or field: set once at creation, never edited. */
export function KeyInput(props: TextInputProps) {
  const intl = useIntl();
  return (
    <TextInput
      label={intl.formatMessage({ id: 'admin.ticketTypes.key', defaultMessage: 'Key' })}
      description={intl.formatMessage({
        id: 'admin.ticketTypes.keyHelp',
        defaultMessage: 'Lower-case letters, digits and _, starting with a letter. Cannot be changed later.',
      })}
      required
      maxLength={64}
      {...props}
      data-autofocus
    />
  );
}
