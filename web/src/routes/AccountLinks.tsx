import { Alert, Button, Stack, Text, TextInput } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { type ReactNode, useState } from 'react';
import { get, send } from '../api/client';
import { useStartSession } from '../api/hooks';
import { isStaffRole } from '../api/types';
import { AuthCard, AuthError, AuthField, fieldErrorOf, MutationForm } from '../components/AuthCard';
import { PageLoader } from '../components/bits';
import { AnchorLink } from '../components/links';

// The pages of the links Tessera mails: accepting an invitation, choosing a new password, and
// asking for a reset link.

type Purpose = 'invite' | 'reset';
type Link = { email: string; name: string; token: string };
const ROUTES = { invite: getRouteApi('/invite'), reset: getRouteApi('/reset-password') };

/**
 * The card of a mailed link's page: whom the link is for, then the form `children` draws for it;
 * a link that does not work (404) says so, and what to do instead.
 */
function LinkPage(props: {
  purpose: Purpose;
  title: string;
  subtitle: string;
  children: (link: Link) => ReactNode;
}) {
  useDocumentTitle(`${props.title} · Tessera`);
  const { token } = ROUTES[props.purpose].useSearch();
  const link = useQuery({
    queryKey: ['account-link', props.purpose, token],
    queryFn: () => get(`/auth/links/${props.purpose}`, { query: { token } }),
    enabled: Boolean(token),
    retry: false,
  });
  const body = link.isLoading ? (
    <PageLoader />
  ) : link.data && token ? (
    props.children({ ...link.data, token })
  ) : (
    <Stack gap="md">
      <AuthError title="This link does not work" error={link.error ?? 'The link is incomplete.'} />
      <Text size="sm">
        {props.purpose === 'invite' ? (
          'Ask whoever invited you to send a new invitation.'
        ) : (
          <AnchorLink to="/forgot-password">Ask for a new link</AnchorLink>
        )}{' '}
        Or <AnchorLink to="/login">sign in</AnchorLink>.
      </Text>
    </Stack>
  );
  return (
    <AuthCard title={props.title} subtitle={props.subtitle} width={440}>
      {body}
    </AuthCard>
  );
}

/** The address a link is for, shown and given to password managers, and the new password. */
function NewPasswordFields(props: {
  email: string;
  password: string;
  onChange: (v: string) => void;
  error?: string;
}) {
  return (
    <>
      <TextInput label="Email" value={props.email} readOnly name="email" autoComplete="username" />
      <AuthField kind="newPassword" value={props.password} onChange={props.onChange} error={props.error} />
    </>
  );
}

export const AcceptInvitationPage = () => (
  <LinkPage
    purpose="invite"
    title="Welcome to Tessera"
    subtitle="Choose your name and a password to sign in."
  >
    {(link) => <AcceptForm link={link} />}
  </LinkPage>
);

function AcceptForm({ link }: { link: Link }) {
  const startSession = useStartSession();
  const navigate = useNavigate();
  const [name, setName] = useState(link.name);
  const [password, setPassword] = useState('');
  const accept = useMutation({
    mutationFn: () => send('POST /auth/invitations/accept', { body: { token: link.token, name, password } }),
    onSuccess: ({ user }) => {
      startSession(user);
      void navigate({ to: isStaffRole(user.role) ? '/agent' : '/', replace: true });
    },
  });
  const fieldError = fieldErrorOf(accept.error);
  return (
    <MutationForm mutation={accept}>
      {accept.isError && !fieldError('password') && <AuthError title="Cannot accept" error={accept.error} />}
      <AuthField kind="name" value={name} onChange={setName} error={fieldError('name')} />
      <NewPasswordFields
        email={link.email}
        password={password}
        onChange={setPassword}
        error={fieldError('password')}
      />
      <Button type="submit" fullWidth loading={accept.isPending} disabled={!name.trim() || !password}>
        Accept and sign in
      </Button>
    </MutationForm>
  );
}

export const ResetPasswordPage = () => (
  <LinkPage purpose="reset" title="Choose a new password" subtitle="You will be signed out everywhere else.">
    {(link) => <ResetForm link={link} />}
  </LinkPage>
);

function ResetForm({ link }: { link: Link }) {
  const navigate = useNavigate();
  const [password, setPassword] = useState('');
  const reset = useMutation({
    mutationFn: () => send('POST /auth/password/reset', { body: { token: link.token, password } }),
    onSuccess: () => {
      notifications.show({ color: 'green', message: 'Your password is changed. Sign in with it.' });
      void navigate({ to: '/login', replace: true });
    },
  });
  const fieldError = fieldErrorOf(reset.error);
  return (
    <MutationForm mutation={reset}>
      {reset.isError && !fieldError('password') && (
        <AuthError title="Cannot change the password" error={reset.error} />
      )}
      <NewPasswordFields
        email={link.email}
        password={password}
        onChange={setPassword}
        error={fieldError('password')}
      />
      <Button type="submit" fullWidth loading={reset.isPending} disabled={!password}>
        Change password
      </Button>
    </MutationForm>
  );
}

export function ForgotPasswordPage() {
  useDocumentTitle('Forgot password · Tessera');
  const [email, setEmail] = useState('');
  const ask = useMutation({ mutationFn: () => send('POST /auth/password/forgot', { body: { email } }) });
  return (
    <AuthCard title="Forgot password?" subtitle="We will mail you a link to choose a new one." width={420}>
      {ask.isSuccess ? (
        <Alert color="green" variant="light" title="Check your mail" role="status">
          {ask.data.message}
        </Alert>
      ) : (
        <MutationForm mutation={ask}>
          {ask.isError && <AuthError title="Cannot send the link" error={ask.error} />}
          <AuthField
            kind="email"
            value={email}
            onChange={setEmail}
            error={fieldErrorOf(ask.error)('email')}
            autoFocus
          />
          <Button type="submit" fullWidth loading={ask.isPending} disabled={!email}>
            Send the link
          </Button>
        </MutationForm>
      )}
      <Text size="sm" ta="center">
        <AnchorLink to="/login">Back to sign in</AnchorLink>
      </Text>
    </AuthCard>
  );
}
