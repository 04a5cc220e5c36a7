import { Alert, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { errorMessage } from '../api/client';
import { Logo } from './Brand';

/** The centred card of the pages one reaches before signing in: sign-in and first set-up. */
export function AuthCard(props: { title: string; subtitle: string; width: number; children: ReactNode }) {
  return (
    <Center mih="100vh" p="md" bg="gray.0" component="main" id="main">
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
      <TextInput
        label="Email"
        type="email"
        name="email"
        autoComplete="username"
        required
        value={props.email}
        error={props.errorOf?.('email')}
        onChange={(e) => props.setEmail(e.currentTarget.value)}
        data-autofocus={props.autoFocus || undefined}
        autoFocus={props.autoFocus}
      />
      <PasswordInput
        label="Password"
        description={props.newPassword ? '8 characters or more' : undefined}
        name="password"
        autoComplete={props.newPassword ? 'new-password' : 'current-password'}
        required
        value={props.password}
        error={props.errorOf?.('password')}
        onChange={(e) => props.setPassword(e.currentTarget.value)}
      />
    </>
  );
}
