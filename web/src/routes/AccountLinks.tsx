import { Alert, Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { ApiError, get, send } from '../api/client';
import { useStartSession } from '../api/hooks';
import { isStaffRole } from '../api/types';
import { AuthCard, AuthError } from '../components/AuthCard';
import { PageLoader } from '../components/bits';
import { AnchorLink } from '../components/links';

// The pages of the links Tessera mails: accepting an invitation, choosing a new password, and
// asking for a reset link.

type Purpose = 'invite' | 'reset';
const inviteRoute = getRouteApi('/invite');
const resetRoute = getRouteApi('/reset-password');

/** Whom a link is for; a link that does not work answers 404, shown as such. */
const useLink = (purpose: Purpose, token: string | undefined) =>
  useQuery({
    queryKey: ['account-link', purpose, token],
    queryFn: () => get(`/auth/links/${purpose}`, { query: { token } }),
    enabled: Boolean(token),
    retry: false,
  });

const fieldError = (error: unknown, field: string) =>
  error instanceof ApiError ? error.fieldError(field) : undefined;

function DeadLink({ error, purpose }: { error: unknown; purpose: Purpose }) {
  return (
    <Stack gap="md">
      <AuthError title="This link does not work" error={error ?? 'The link is incomplete.'} />
      <Text size="sm">
        {purpose === 'invite' ? (
          'Ask whoever invited you to send a new invitation.'
        ) : (
          <AnchorLink to="/forgot-password">Ask for a new link</AnchorLink>
        )}{' '}
        Or <AnchorLink to="/login">sign in</AnchorLink>.
      </Text>
    </Stack>
  );
}

/** The new password and its description, for the invitation and the reset page. */
function NewPassword(props: { value: string; onChange: (v: string) => void; error?: string; label: string }) {
  return (
    <PasswordInput
      label={props.label}
      description="8 characters or more; a few words you remember work well. Very common passwords are refused."
      name="password"
      autoComplete="new-password"
      required
      value={props.value}
      error={props.error}
      onChange={(e) => props.onChange(e.currentTarget.value)}
    />
  );
}

export function AcceptInvitationPage() {
  useDocumentTitle('Accept invitation · Tessera');
  const { token } = inviteRoute.useSearch();
  const link = useLink('invite', token);
  return (
    <AuthCard title="Welcome to Tessera" subtitle="Choose your name and a password to sign in." width={440}>
      {link.isLoading ? (
        <PageLoader />
      ) : link.data && token ? (
        <AcceptForm token={token} email={link.data.email} defaultName={link.data.name} />
      ) : (
        <DeadLink error={link.error} purpose="invite" />
      )}
    </AuthCard>
  );
}

function AcceptForm(props: { token: string; email: string; defaultName: string }) {
  const startSession = useStartSession();
  const navigate = useNavigate();
  const [name, setName] = useState(props.defaultName);
  const [password, setPassword] = useState('');
  const accept = useMutation({
    mutationFn: () => send('POST /auth/invitations/accept', { body: { token: props.token, name, password } }),
    onSuccess: ({ user }) => {
      startSession(user);
      void navigate({ to: isStaffRole(user.role) ? '/agent' : '/', replace: true });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    accept.mutate();
  };
  const passwordError = fieldError(accept.error, 'password');
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {accept.isError && !passwordError && <AuthError title="Cannot accept" error={accept.error} />}
        <TextInput label="Email" value={props.email} readOnly name="email" autoComplete="username" />
        <TextInput
          label="Your name"
          name="name"
          autoComplete="name"
          required
          value={name}
          error={fieldError(accept.error, 'name')}
          onChange={(e) => setName(e.currentTarget.value)}
        />
        <NewPassword label="Password" value={password} onChange={setPassword} error={passwordError} />
        <Button type="submit" fullWidth loading={accept.isPending} disabled={!name.trim() || !password}>
          Accept and sign in
        </Button>
      </Stack>
    </form>
  );
}

export function ResetPasswordPage() {
  useDocumentTitle('Choose a new password · Tessera');
  const { token } = resetRoute.useSearch();
  const link = useLink('reset', token);
  return (
    <AuthCard title="Choose a new password" subtitle="You will be signed out everywhere else." width={420}>
      {link.isLoading ? (
        <PageLoader />
      ) : link.data && token ? (
        <ResetForm token={token} email={link.data.email} />
      ) : (
        <DeadLink error={link.error} purpose="reset" />
      )}
    </AuthCard>
  );
}

function ResetForm({ token, email }: { token: string; email: string }) {
  const navigate = useNavigate();
  const [password, setPassword] = useState('');
  const reset = useMutation({
    mutationFn: () => send('POST /auth/password/reset', { body: { token, password } }),
    onSuccess: () => {
      notifications.show({ color: 'green', message: 'Your password is changed. Sign in with it.' });
      void navigate({ to: '/login', replace: true });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    reset.mutate();
  };
  const passwordError = fieldError(reset.error, 'password');
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {reset.isError && !passwordError && (
          <AuthError title="Cannot change the password" error={reset.error} />
        )}
        <TextInput label="Email" value={email} readOnly name="email" autoComplete="username" />
        <NewPassword label="New password" value={password} onChange={setPassword} error={passwordError} />
        <Button type="submit" fullWidth loading={reset.isPending} disabled={!password}>
          Change password
        </Button>
      </Stack>
    </form>
  );
}

export function ForgotPasswordPage() {
  useDocumentTitle('Forgot password · Tessera');
  const [email, setEmail] = useState('');
  const ask = useMutation({ mutationFn: () => send('POST /auth/password/forgot', { body: { email } }) });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    ask.mutate();
  };
  return (
    <AuthCard title="Forgot password?" subtitle="We will mail you a link to choose a new one." width={420}>
      {ask.isSuccess ? (
        <Alert color="green" variant="light" title="Check your mail" role="status">
          {ask.data.message}
        </Alert>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            {ask.isError && <AuthError title="Cannot send the link" error={ask.error} />}
            <TextInput
              label="Email"
              type="email"
              name="email"
              autoComplete="username"
              required
              autoFocus
              value={email}
              error={fieldError(ask.error, 'email')}
              onChange={(e) => setEmail(e.currentTarget.value)}
            />
            <Button type="submit" fullWidth loading={ask.isPending} disabled={!email}>
              Send the link
            </Button>
          </Stack>
        </form>
      )}
      <Text size="sm" ta="center">
        <AnchorLink to="/login">Back to sign in</AnchorLink>
      </Text>
    </AuthCard>
  );
}
