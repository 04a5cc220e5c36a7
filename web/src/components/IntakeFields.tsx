import { Alert, Checkbox, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { FormattedMessage, useIntl } from 'react-intl';
import type { z } from 'zod';
import type { customFieldSchema, ticketTypeSchema } from '../../../common/intake';
import { get, orOnStatus } from '../api/client';
import { DescribedOption } from './bits';

export type TicketType = z.infer<typeof ticketTypeSchema>;
export type CustomField = z.infer<typeof customFieldSchema>;
export type FieldValues = Record<string, string | boolean>;

/** None where this server has no intake endpoints yet (404). */
const orEmpty = <T,>(load: () => Promise<T[]>): Promise<T[]> => orOnStatus(404, [], load);

/** The installation's ticket types (seed 001), active ones only for customers; none where there are none. */
export function useTicketTypes() {
  return useQuery({
    queryKey: ['ticket-types'],
    queryFn: () => orEmpty(async () => (await get('/ticket-types')).items),
    staleTime: 5 * 60_000,
  });
}

/** The custom fields that apply to a department and type. */
export function useIntakeFields(departmentId: string | null, type: string | null) {
  return useQuery({
    queryKey: ['fields', departmentId, type],
    queryFn: () =>
      orEmpty(
        async () =>
          (
            await get('/fields', {
              query: {
                departmentId: departmentId ?? undefined,
                type: type ?? undefined,
              },
            })
          ).items,
      ),
    enabled: Boolean(departmentId),
    staleTime: 60_000,
  });
}

export function TypeSelect({
  types,
  value,
  onChange,
  error,
}: {
  types: TicketType[];
  value: string | null;
  onChange: (v: string | null) => void;
  error?: string;
}) {
  const intl = useIntl();
  const active = types.filter((t) => t.active).sort((a, b) => a.position - b.position);
  if (active.length === 0) return null;
  const chosen = active.find((t) => t.key === value);
  return (
    <Stack gap={6}>
      <Select
        label={intl.formatMessage({ id: 'common.intake.type', defaultMessage: 'Type of request' })}
        description={intl.formatMessage({
          id: 'common.intake.typeHelp',
          defaultMessage: 'So it is routed to the right people for faster help',
        })}
        placeholder={intl.formatMessage({
          id: 'common.intake.typeChoose',
          defaultMessage: 'Choose the kind of request',
        })}
        data={active.map((t) => ({ value: t.key, label: t.name }))}
        value={value}
        onChange={onChange}
        clearable
        error={error}
        renderOption={({ option }) => (
          <DescribedOption
            label={option.label}
            description={active.find((x) => x.key === option.value)?.description}
          />
        )}
      />
      {chosen?.description && (
        <Text size="xs" c="dimmed">
          {chosen.description}
        </Text>
      )}
      {chosen?.urgent && (
        <Alert
          color="red"
          variant="light"
          title={intl.formatMessage({ id: 'common.urgent.badge', defaultMessage: 'Urgent' })}
        >
          <FormattedMessage
            id="common.intake.urgent"
            defaultMessage="This kind of request alerts the on-call team as soon as you submit it."
          />
        </Alert>
      )}
    </Stack>
  );
}

/** One input per applicable custom field: select, text, multiline, checkbox or date. */
export function CustomFieldInputs({
  fields,
  values,
  onChange,
  errorOf,
}: {
  fields: CustomField[];
  values: FieldValues;
  onChange: (key: string, value: string | boolean) => void;
  errorOf: (key: string) => string | undefined;
}) {
  return (
    <>
      {[...fields]
        .filter((f) => f.active)
        .sort((a, b) => a.position - b.position)
        .map((f) => (
          <CustomFieldInput
            key={f.key}
            field={f}
            value={values[f.key]}
            onChange={(v) => onChange(f.key, v)}
            error={errorOf(f.key)}
          />
        ))}
    </>
  );
}

function CustomFieldInput({
  field: f,
  value: v,
  onChange,
  error,
}: {
  field: CustomField;
  value: string | boolean | undefined;
  onChange: (value: string | boolean) => void;
  error: string | undefined;
}) {
  const common = { label: f.label, description: f.help ?? undefined, required: f.required, error };
  const text = typeof v === 'string' ? v : '';
  switch (f.kind) {
    case 'select':
      return (
        <Select
          {...common}
          data={f.options.map((o) => ({ value: o.value, label: o.label }))}
          value={text || null}
          onChange={(x) => onChange(x ?? '')}
          clearable={!f.required}
        />
      );
    case 'multiline':
      return (
        <Textarea
          {...common}
          autosize
          minRows={3}
          value={text}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      );
    case 'checkbox':
      return (
        <Checkbox
          label={f.label}
          description={f.help ?? undefined}
          error={error}
          checked={v === true}
          onChange={(e) => onChange(e.currentTarget.checked)}
        />
      );
    case 'date':
      return (
        <TextInput
          {...common}
          type="date"
          value={text}
          onChange={(e) => onChange(e.currentTarget.value)}
          w={220}
        />
      );
    default:
      return <TextInput {...common} value={text} onChange={(e) => onChange(e.currentTarget.value)} />;
  }
}

/** The values to send: only the fields that apply, empty text left out. */
export function fieldsToSend(fields: CustomField[], values: FieldValues): Record<string, string | boolean> {
  const out: Record<string, string | boolean> = {};
  for (const f of fields) {
    const v = values[f.key];
    if (v === undefined || v === '') continue;
    out[f.key] = typeof v === 'string' ? v.trim() : v;
  }
  return out;
}
