import { Button, Group, Modal, type ModalProps, Stack } from '@mantine/core';
import { type FormErrors, schemaResolver, type UseFormReturnType, useForm } from '@mantine/form';
import type { UseMutationResult } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { z } from 'zod';
import { ApiError } from '../api/client';
import { validationText } from '../lib/zodLocale';
import { ErrorAlert } from './bits';

/**
 * A form whose rules are the API's own: `schema` is the request schema from `common/`, so the form
 * refuses what the server would refuse, with the same words, before anything is sent.
 */
export function useContractForm<Values extends Record<string, unknown>>(
  schema: z.ZodType,
  initialValues: Values,
): UseFormReturnType<Values> {
  const resolve = schemaResolver(schema, { sync: true });
  const validate = (values: Values): FormErrors =>
    Object.fromEntries(
      Object.entries(resolve(values)).map(([path, e]) => [
        path,
        typeof e === 'string' ? validationText(e) : e,
      ]),
    );
  return useForm<Values>({ initialValues, validate });
}

/** A NumberInput's props: an emptied box means 0, as the admin forms have always taken it. */
export function numberInputProps<Values>(form: UseFormReturnType<Values>, path: string) {
  return {
    ...form.getInputProps(path),
    onChange: (v: string | number) =>
      form.setFieldValue(path as never, (typeof v === 'number' ? v : 0) as never),
  };
}

/** The server's field errors (`errors[].path` such as `body.name`) keyed by the form's field paths. */
export function serverFieldErrors(error: unknown): FormErrors {
  if (!(error instanceof ApiError)) return {};
  const out: FormErrors = {};
  for (const e of error.errors) {
    const path = e.path.replace(/^body\./, '');
    if (!(path in out)) out[path] = e.message;
  }
  return out;
}

/** What a create-or-edit form is for: a new item, an existing one, or nothing (the form is closed). */
export type Editing<T> = T | 'new' | null;

/** The item being edited; null when creating or closed. */
export const editedItem = <T,>(editing: Editing<T>): T | null => (editing === 'new' ? null : editing);

/**
 * Which item a page's create-or-edit form is open for, and the form's React key: a new key for each
 * item, so the form starts from that item's values every time it opens.
 */
export function useEditing<T>(idOf: (item: T) => string) {
  const [editing, setEditing] = useState<Editing<T>>(null);
  const key = editing === null ? 'closed' : editing === 'new' ? 'new' : idOf(editing);
  return { editing, setEditing, close: () => setEditing(null), key };
}

/**
 * One create-or-edit form in a modal: fields, a failure the fields cannot show, Cancel and submit.
 * `toBody` turns the form's values into the request body, or null when there is nothing to send (an
 * edit that changed nothing), which closes the form; a refusal that names fields lands on them.
 */
export function ModalForm<Values extends Record<string, unknown>, Body, Result>({
  opened,
  onClose,
  title,
  form,
  save,
  toBody,
  submitLabel,
  errorTitle,
  canSubmit = true,
  size,
  children,
}: {
  opened: boolean;
  onClose: () => void;
  title: ReactNode;
  form: UseFormReturnType<Values>;
  save: UseMutationResult<Result, Error, Body>;
  toBody: (values: Values) => Body | null;
  submitLabel: string;
  errorTitle?: string;
  canSubmit?: boolean;
  size?: ModalProps['size'];
  children: ReactNode;
}) {
  // A refusal that names one of the form's own fields is shown on it; any other is shown above them.
  const values = form.getValues();
  const intl = useIntl();
  const onFields = Object.keys(serverFieldErrors(save.error)).some((k) => (k.split('.')[0] ?? k) in values);
  return (
    <Modal opened={opened} onClose={onClose} title={title} size={size}>
      <form
        noValidate
        onSubmit={form.onSubmit((values) => {
          const body = toBody(values);
          if (body === null) onClose();
          else save.mutate(body, { onError: (e) => form.setErrors(serverFieldErrors(e)) });
        })}
      >
        <Stack gap="sm">
          {save.isError && !onFields && (
            <ErrorAlert
              error={save.error}
              title={errorTitle ?? intl.formatMessage({ id: 'common.notSaved', defaultMessage: 'Not saved' })}
            />
          )}
          {children}
          <ModalButtons onCancel={onClose}>
            <Button type="submit" loading={save.isPending} disabled={!canSubmit}>
              {submitLabel}
            </Button>
          </ModalButtons>
        </Stack>
      </form>
    </Modal>
  );
}

/** The foot of a modal: a way out (`cancelLabel`), then the modal's own act. */
export function ModalButtons({
  onCancel,
  cancelLabel,
  children,
}: {
  onCancel: () => void;
  cancelLabel?: string;
  children: ReactNode;
}) {
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={onCancel}>
        {cancelLabel ?? <FormattedMessage id="common.cancel" defaultMessage="Cancel" />}
      </Button>
      {children}
    </Group>
  );
}
