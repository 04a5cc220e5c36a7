import {
  NumberInput,
  SegmentedControl,
  type SegmentedControlProps,
  Stack,
  Text,
  Textarea,
  type TextareaProps,
  TextInput,
  type TextInputProps,
} from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import type { QueryKey } from '@tanstack/react-query';
import { useIntl } from 'react-intl';
import type { z } from 'zod';
import { useAdminMutation } from '../admin';
import { type Editing, editedItem, numberInputProps, useContractForm } from '../ModalForm';

/**
 * The save behind a modal form: it refreshes `invalidate`, says what was saved and closes the form;
 * a refusal is left to the form, which shows it on its fields.
 */
export function useModalSave<Body, Result>(opts: {
  fn: (body: Body) => Promise<Result>;
  invalidate: QueryKey[];
  success?: (result: Result) => string;
  /** Closes the form; it is given what the server answered. */
  onClose: (result: Result) => void;
}) {
  return useAdminMutation({ ...opts, onSuccess: opts.onClose, quietErrors: true });
}

/** What a page gives its create-or-edit modal: the item it is open for ('new', or null when closed), and a way out. */
export type ItemModalProps<T> = { editing: Editing<T>; onClose: () => void };

/**
 * A create-or-edit form of one item, for ModalForm: the item (null for a new one), the form, with
 * the API's rules and the item's values, and `modal`, the props that open, fill, save and close it
 * (spread them on ModalForm). A new item is sent to `create`, an edited one to `update`.
 */
export function useItemForm<T, Values extends Record<string, unknown>, Body, Result>(
  { editing, onClose }: ItemModalProps<T>,
  opts: {
    /** The form's rules, or, where they differ for a new item, the rules for this one. */
    schema: z.ZodType | ((current: T | null) => z.ZodType);
    values: (current: T | null) => Values;
    create: (body: Body) => Promise<Result>;
    update: (current: T, body: Body) => Promise<Result>;
    invalidate: QueryKey[];
    /** The notice once saved; `current` is null for a new item. */
    success: (result: Result, current: T | null) => string;
  },
) {
  const current = editedItem(editing);
  const schema = typeof opts.schema === 'function' ? opts.schema(current) : opts.schema;
  const form = useContractForm(schema, opts.values(current));
  const save = useModalSave({
    fn: (body: Body) => (current ? opts.update(current, body) : opts.create(body)),
    invalidate: opts.invalidate,
    success: (result) => opts.success(result, current),
    onClose,
  });
  return { current, form, modal: { opened: editing !== null, onClose, form, save } };
}

/** A segmented choice under a label of its own, which names it for assistive technology. */
export function LabeledSegments({
  id,
  label,
  ...props
}: SegmentedControlProps & { id: string; label: string }) {
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500} id={id}>
        {label}
      </Text>
      <SegmentedControl aria-labelledby={id} {...props} />
    </Stack>
  );
}

/** What names the item a modal form saves ("Name", or `label`): required, and focused as the form opens. */
export function NameInput<Values>({
  form,
  path = 'name',
  label,
  ...props
}: Omit<TextInputProps, 'form'> & { form: UseFormReturnType<Values>; path?: string }) {
  const intl = useIntl();
  return (
    <TextInput
      label={label ?? intl.formatMessage({ id: 'admin.name', defaultMessage: 'Name' })}
      required
      {...props}
      {...form.getInputProps(path)}
      data-autofocus
    />
  );
}

/** A description of up to 2,000 characters that grows with its text. */
export function DescriptionInput(props: TextareaProps) {
  const intl = useIntl();
  return (
    <Textarea
      label={intl.formatMessage({ id: 'admin.description', defaultMessage: 'Description' })}
      maxLength={2000}
      autosize
      minRows={2}
      {...props}
    />
  );
}

/** Where an item stands in its list (types, fields): lower comes first. */
export function PositionInput<Values>({ form }: { form: UseFormReturnType<Values> }) {
  const intl = useIntl();
  return (
    <NumberInput
      label={intl.formatMessage({ id: 'admin.position', defaultMessage: 'Position' })}
      description={intl.formatMessage({ id: 'admin.positionHelp', defaultMessage: 'Lower comes first' })}
      min={0}
      max={10000}
      {...numberInputProps(form, 'position')}
    />
  );
}
