import {
  Alert,
  Button,
  Center,
  Group,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import type { FormEvent, ReactNode } from 'react';
import { defineMessages } from 'react-intl';
import { ApiError, errorMessage } from '../api/client';
import { t } from '../i18n/t';
import { Logo } from './Brand';
import { LanguageMenu } from './LanguageMenu';

/** The centred card of the pages one reaches before signing in: sign-in and first set-up. */
export function AuthCard(props: { title: string; subtitle: string; width: number; children: ReactNode }) {
  return (
    <Center mih="100vh" p="md" bg="gray.0" component="main" id="main" style={{ flexDirection: 'column' }}>
      <Group w="100%" maw={props.width} justify="flex-end" mb="xs">
        <LanguageMenu />
      </Group>
      <Paper withBorder shadow="sm" p="xl" radius="lg" w="100%" maw={props.width}>
        <Stack gap="lg">
          <Stack gap={6} align="center">
            <Logo size={40} />
            <Title order={1} size="h2">
              {props.title}
            </Title>
            <Text c="dimmed" size="sm" ta="center">
              {props.subtitle}
            </Text>
          </Stack>
          {props.children}
        </Stack>
      </Paper>
    </Center>
  );
}

/** Why the form did not go through, above its fields. */
export function AuthError({ title, error }: { title: string; error: unknown }) {
  return (
    <Alert color="red" variant="light" role="alert" title={title}>
      {errorMessage(error)}
    </Alert>
  );
}

/** What a new password must be, said under every field that sets one. */
export const newPasswordHelp = () =>
  t({
    id: 'auth.password.help',
    defaultMessage:
      '8 characters or more; a few words you remember work well. Very common passwords are refused.',
  });

/** The message of a form field from a failed request's problem, if it names that field. */
export const fieldErrorOf = (error: unknown) => (field: string) =>
  error instanceof ApiError ? error.fieldError(field) : undefined;

/**
 * A form that runs `mutation` when sent, with its fields stacked, and (given `submit`) its button
 * below them, busy while the mutation runs.
 */
export function MutationForm({
  mutation,
  submit,
  children,
}: {
  mutation: { mutate: () => void; isPending?: boolean };
  submit?: { label: string; disabled?: boolean; danger?: boolean };
  children: ReactNode;
}) {
  const send = (e: FormEvent) => {
    e.preventDefault();
    mutation.mutate();
  };
  return (
    <form onSubmit={send} noValidate>
      <Stack gap="md">
        {children}
        {submit && (
          <Group>
            <Button
              type="submit"
              loading={mutation.isPending}
              disabled={submit.disabled}
              {...(submit.danger ? { color: 'red', variant: 'light' } : {})}
            >
              {submit.label}
            </Button>
          </Group>
        )}
      </Stack>
    </form>
  );
}

type FieldProps = { value: string; onChange: (v: string) => void; error?: string; autoFocus?: boolean };

const LABELS = defineMessages({
  name: { id: 'auth.field.name', defaultMessage: 'Your name' },
  email: { id: 'auth.field.email', defaultMessage: 'Email' },
  password: { id: 'auth.field.password', defaultMessage: 'Password' },
  appCode: { id: 'auth.field.appCode', defaultMessage: 'Code from the app' },
});

/** One's name, email or a new password: the label, name and autocomplete browsers and password managers know. */
const fields = () =>
  ({
    name: { label: t(LABELS.name), name: 'name', autoComplete: 'name' },
    email: { label: t(LABELS.email), name: 'email', autoComplete: 'username', type: 'email' },
    newPassword: {
      label: t(LABELS.password),
      name: 'password',
      autoComplete: 'new-password',
      description: newPasswordHelp(),
    },
    password: { label: t(LABELS.password), name: 'password', autoComplete: 'current-password' },
    appCode: { label: t(LABELS.appCode), name: 'code', autoComplete: 'one-time-code', inputMode: 'numeric' },
  }) as const;

type FieldKind = keyof ReturnType<typeof fields>;

/** A required field of signing in and of one's account, by kind; `label` where the page words it otherwise. */
export function AuthField({ kind, label, ...props }: FieldProps & { kind: FieldKind; label?: string }) {
  const Input = kind === 'newPassword' || kind === 'password' ? PasswordInput : TextInput;
  return (
    <Input
      {...fields()[kind]}
      {...(label ? { label } : {})}
      required
      value={props.value}
      error={props.error}
      onChange={(e) => props.onChange(e.currentTarget.value)}
      data-autofocus={props.autoFocus || undefined}
      autoFocus={props.autoFocus}
    />
  );
}

/** The email and password of a sign-in, or of a new account (`newPassword`). */
export function CredentialFields(props: {
  email: string;
  setEmail: (v: string) => void;
  password: string;
  setPassword: (v: string) => void;
  newPassword?: boolean;
  autoFocus?: boolean;
  errorOf?: (field: 'email' | 'password') => string | undefined;
}) {
  return (
    <>
      <AuthField
        kind="email"
        value={props.email}
        onChange={props.setEmail}
        error={props.errorOf?.('email')}
        autoFocus={props.autoFocus}
      />
      <AuthField
        kind={props.newPassword ? 'newPassword' : 'password'}
        value={props.password}
        onChange={props.setPassword}
        error={props.errorOf?.('password')}
      />
    </>
  );
}
