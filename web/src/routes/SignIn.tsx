import { Alert, Anchor, Button, Code, Divider, List, Stack, Text, TextInput } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useMutation, useQuery } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { SSO_ERROR_PARAM, SSO_ERRORS } from '../../../common/sso';
import { get, send } from '../api/client';
import { useMe, useStartSession } from '../api/hooks';
import { isStaffRole, type User } from '../api/types';
import { AuthCard, AuthError, CredentialFields, MutationForm } from '../components/AuthCard';
import { PageLoader } from '../components/bits';
import { AnchorLink } from '../components/links';
import { Redirect } from '../components/Redirect';
import { formatDateTime } from '../lib/format';
import { type SetupState, useSetupState } from './Setup';

const route = getRouteApi('/login');

export function SignInPage() {
  useDocumentTitle('Sign in · Tessera');
  const { redirect } = route.useSearch();
  const me = useMe();
  const setup = useSetupState();
  const startSession = useStartSession();
  const navigate = useNavigate();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const options = useQuery({ queryKey: ['auth', 'options'], queryFn: () => get('/auth/options') });
  const done = ({ user }: { user: User }) => {
    startSession(user);
    if (redirect) void navigate({ href: redirect, replace: true });
    else void navigate({ to: isStaffRole(user.role) ? '/agent' : '/', replace: true });
  };
  const signIn = useMutation({
    mutationFn: () => send('POST /auth/login', { body: { email, password } }),
    onSuccess: (r) => ('user' in r ? done(r) : undefined),
  });
  const challenge = signIn.data && 'secondFactor' in signIn.data ? signIn.data.secondFactor.challenge : null;
  const second = useMutation({
    mutationFn: () => send('POST /auth/login/second-factor', { body: { challenge: challenge ?? '', code } }),
    onSuccess: done,
  });

  if (me.isPending) return <PageLoader />;
  if (me.data && !signIn.isPending && !signIn.isSuccess) {
    return <Redirect href={redirect ?? (isStaffRole(me.data.role) ? '/agent' : '/')} />;
  }
  if (challenge) {
    return (
      <AuthCard
        title="Two-factor sign-in"
        subtitle="Enter the code your authenticator app shows."
        width={400}
      >
        <MutationForm mutation={second}>
          {second.isError && <AuthError title="Cannot sign in" error={second.error} />}
          <TextInput
            label="Code"
            description="6 digits from the app, or one of your recovery codes"
            name="code"
            autoComplete="one-time-code"
            inputMode="text"
            required
            autoFocus
            value={code}
            onChange={(e) => setCode(e.currentTarget.value)}
          />
          <Button type="submit" loading={second.isPending} fullWidth disabled={code.trim().length < 6}>
            Verify and sign in
          </Button>
          <Text size="sm" ta="center">
            <Anchor component="button" type="button" onClick={() => signIn.reset()}>
              Start again
            </Anchor>
          </Text>
        </MutationForm>
      </AuthCard>
    );
  }

  const sso = options.data?.sso ?? [];
  // The page serves staff and customers alike: the password form stays while either may use it.
  const passwords =
    !options.data || options.data.passwordSignIn.staff || options.data.passwordSignIn.customers;
  return (
    <AuthCard title="Sign in" subtitle="Tessera support: follow your tickets or work the queue." width={400}>
      {setup.data?.required && <SetupHint state={setup.data} />}
      <SsoSignIn providers={sso} redirect={redirect} />
      {sso.length > 0 && passwords && <Divider label="or with your password" labelPosition="center" />}
      {passwords && (
        <MutationForm mutation={signIn}>
          {signIn.isError && <AuthError title="Cannot sign in" error={signIn.error} />}
          <CredentialFields
            email={email}
            setEmail={setEmail}
            password={password}
            setPassword={setPassword}
            autoFocus
          />
          <Button type="submit" loading={signIn.isPending} fullWidth disabled={!email || !password}>
            Sign in
          </Button>
          <Text size="sm" ta="center">
            <AnchorLink to="/forgot-password">Forgot password?</AnchorLink>
          </Text>
        </MutationForm>
      )}
      {options.data?.signUp && (
        <Text size="sm" ta="center">
          New here? <AnchorLink to="/sign-up">Create an account</AnchorLink>
        </Text>
      )}
    </AuthCard>
  );
}

/** Why single sign-on sent the browser back here, read once from the address it came back to. */
function useSsoError(): string | null {
  const [error] = useState(() => new URLSearchParams(window.location.search).get(SSO_ERROR_PARAM));
  if (!error) return null;
  return error in SSO_ERRORS
    ? SSO_ERRORS[error as keyof typeof SSO_ERRORS]
    : 'Single sign-on did not work. Please try again.';
}

/** A button for each identity provider (links: the browser goes there and comes back signed in). */
function SsoSignIn(props: {
  providers: { audience: string; label: string; startUrl: string }[];
  redirect: string | undefined;
}) {
  const error = useSsoError();
  const query = props.redirect ? `?redirect=${encodeURIComponent(props.redirect)}` : '';
  return (
    <>
      {error && (
        <Alert color="red" variant="light" role="alert" title="Cannot sign in">
          {error}
        </Alert>
      )}
      {props.providers.map((p) => (
        <Button key={p.audience} component="a" href={`${p.startUrl}${query}`} variant="default" fullWidth>
          Sign in with {p.label}
        </Button>
      ))}
    </>
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
