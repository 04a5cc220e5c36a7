import {
  NumberInput,
  SegmentedControl,
  type SegmentedControlProps,
  Stack,
  Text,
  Textarea,
  type TextareaProps,
} from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import type { QueryKey } from '@tanstack/react-query';
import { useAdminMutation } from '../admin';
import { numberInputProps } from '../ModalForm';

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

/** A description of up to 2,000 characters that grows with its text. */
export function DescriptionInput(props: TextareaProps) {
  return <Textarea label="Description" maxLength={2000} autosize minRows={2} {...props} />;
}

/** Where an item stands in its list (types, fields): lower comes first. */
export function PositionInput<Values>({ form }: { form: UseFormReturnType<Values> }) {
  return (
    <NumberInput
      label="Position"
      description="Lower comes first"
      min={0}
      max={10000}
      {...numberInputProps(form, 'position')}
    />
  );
}
