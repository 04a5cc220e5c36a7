import { Alert, Button, Code, List, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { errorMessage, send } from '../api/client';
import { keys, useMe } from '../api/hooks';
import { isStaffRole } from '../api/types';
import { AuthCard } from '../components/AuthCard';
import { PageLoader } from '../components/bits';
import { Redirect } from '../components/Redirect';
import { formatDateTime } from '../lib/format';
import { type SetupState, useSetupState } from './Setup';

const route = getRouteApi('/login');

export function SignInPage() {
  useDocumentTitle('Sign in · Tessera');
  const { redirect } = route.useSearch();
  const me = useMe();
  const setup = useSetupState();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');

  const signIn = useMutation({
    mutationFn: () => send('POST /auth/login', { body: { email, password } }),
    onSuccess: ({ user }) => {
      qc.clear();
      qc.setQueryData(keys.me, user);
      if (redirect) void navigate({ href: redirect, replace: true });
      else void navigate({ to: isStaffRole(user.role) ? '/agent' : '/', replace: true });
    },
  });

  if (me.isPending) return <PageLoader />;
  if (me.data && !signIn.isPending && !signIn.isSuccess) {
    return <Redirect href={redirect ?? (isStaffRole(me.data.role) ? '/agent' : '/')} />;
  }

  const submit = (e: FormEvent) => {
    e.preventDefault();
    signIn.mutate();
  };

  return (
    <AuthCard title="Sign in" subtitle="Tessera support: follow your tickets or work the queue." width={400}>
      {setup.data?.required && <SetupHint state={setup.data} />}
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {signIn.isError && (
            <Alert color="red" variant="light" role="alert" title="Cannot sign in">
              {errorMessage(signIn.error)}
            </Alert>
          )}
          <TextInput
            label="Email"
            type="email"
            name="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            data-autofocus
            autoFocus
          />
          <PasswordInput
            label="Password"
            name="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
          />
          <Button type="submit" loading={signIn.isPending} fullWidth disabled={!email || !password}>
            Sign in
          </Button>
        </Stack>
      </form>
    </AuthCard>
  );
}

/**
 * A fresh install has no administrator: say how to make one. The set-up link itself is only in
 * the server log (whoever reads this page may not be the operator).
 */
function SetupHint({ state }: { state: SetupState }) {
  return (
    <Alert color="blue" variant="light" title="Finish setting up Tessera">
      <Stack gap={6}>
        <Text size="sm">No administrator exists yet. To create one:</Text>
        <List size="sm" spacing={4}>
          <List.Item>
            {state.linkExpiresAt
              ? `open the one-time set-up link in the server log (the line “No administrator yet”), valid until ${formatDateTime(state.linkExpiresAt)};`
              : 'restart the server and open the one-time set-up link it writes to its log (the line “No administrator yet”);'}
          </List.Item>
          <List.Item>
            or run <Code>tessera admin create --email … --password …</Code>,
          </List.Item>
          <List.Item>
            or set <Code>TESSERA_ADMIN_EMAIL</Code> and <Code>TESSERA_ADMIN_PASSWORD</Code> and restart.
          </List.Item>
        </List>
      </Stack>
    </Alert>
  );
}
