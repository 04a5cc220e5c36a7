import { Alert, Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { ApiError, api, errorMessage, send } from '../api/client';
import { keys } from '../api/hooks';
import { AuthCard } from '../components/AuthCard';
import { PageLoader } from '../components/bits';
import { AnchorLink } from '../components/links';

const route = getRouteApi('/setup');

export type SetupState = { required: boolean; linkExpiresAt: string | null };
export const useSetupState = () =>
  useQuery({ queryKey: ['setup'], queryFn: () => api<SetupState>('GET', '/setup'), staleTime: 10_000 });

/**
 * The one-time set-up link from the server log lands here: it creates the first administrator,
 * then signs them in with the password just chosen and opens the admin.
 */
export function SetupPage() {
  useDocumentTitle('Set up · Tessera');
  const { token } = route.useSearch();
  const state = useSetupState();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');

  const create = useMutation({
    mutationFn: async () => {
      await api('POST', '/setup', { token: token ?? '', name, email, password });
      return send('POST /auth/login', { body: { email, password } });
    },
    onSuccess: ({ user }) => {
      qc.clear();
      qc.setQueryData(keys.me, user);
      void navigate({ to: '/admin/departments', replace: true });
    },
  });

  if (state.isPending) return <PageLoader />;
  const done = state.data?.required === false && !create.isPending && !create.isSuccess;
  const fieldError = (f: string) =>
    create.error instanceof ApiError ? create.error.fieldError(f) : undefined;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };

  return (
    <AuthCard
      title="Set up Tessera"
      subtitle="Create the first administrator. You will be signed in as them."
      width={440}
    >
      {done ? (
        <Alert color="blue" variant="light" title="Set-up is done">
          This installation has an administrator already. <AnchorLink to="/login">Sign in</AnchorLink>.
        </Alert>
      ) : !token ? (
        <Alert color="yellow" variant="light" title="This page needs the set-up link">
          Open the one-time link from the server log (the line “No administrator yet”); it carries the token
          this page needs.
        </Alert>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            {create.isError && !fieldError('name') && !fieldError('email') && !fieldError('password') && (
              <Alert color="red" variant="light" role="alert" title="Cannot set up">
                {errorMessage(create.error)}
              </Alert>
            )}
            <TextInput
              label="Your name"
              name="name"
              autoComplete="name"
              required
              value={name}
              error={fieldError('name')}
              onChange={(e) => setName(e.currentTarget.value)}
              data-autofocus
              autoFocus
            />
            <TextInput
              label="Email"
              type="email"
              name="email"
              autoComplete="username"
              required
              value={email}
              error={fieldError('email')}
              onChange={(e) => setEmail(e.currentTarget.value)}
            />
            <PasswordInput
              label="Password"
              description="8 characters or more"
              name="password"
              autoComplete="new-password"
              required
              value={password}
              error={fieldError('password')}
              onChange={(e) => setPassword(e.currentTarget.value)}
            />
            <Button
              type="submit"
              loading={create.isPending}
              fullWidth
              disabled={!name || !email || !password}
            >
              Create and sign in
            </Button>
            {create.isError && (
              <Text size="sm" c="dimmed">
                Already created? <AnchorLink to="/login">Sign in</AnchorLink>.
              </Text>
            )}
          </Stack>
        </form>
      )}
    </AuthCard>
  );
}
