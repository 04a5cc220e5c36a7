import { TextInput, type TextInputProps } from '@mantine/core';
import type { z } from 'zod';
import type { customFieldSchema, FIELD_KINDS, ticketTypeSchema } from '../../../../../common/intake';

export type TicketType = z.infer<typeof ticketTypeSchema>;
export type CustomField = z.infer<typeof customFieldSchema>;
export type FieldKind = (typeof FIELD_KINDS)[number];

export const typesKey = ['ticket-types'] as const;
export const fieldsKey = ['fields'] as const;
export const urgentKey = ['settings', 'urgent-routing'] as const;

export const KIND_LABEL: Record<FieldKind, string> = {
  select: 'Choice list',
  text: 'Short text',
  multiline: 'Long text',
  checkbox: 'Checkbox',
  date: 'Date',
};
const KEY_HINT = 'Lower-case letters, digits and _, starting with a letter. Cannot be changed later.';

/** The key of a new type or field: set once at creation, never edited. */
export function KeyInput(props: TextInputProps) {
  return <TextInput label="Key" description={KEY_HINT} required maxLength={64} {...props} data-autofocus />;
}
