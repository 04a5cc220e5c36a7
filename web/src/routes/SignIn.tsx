import { Alert, Anchor, Button, Code, Divider, List, Stack, Text, TextInput } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useMutation, useQuery } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { SSO_ERROR_PARAM, SSO_ERRORS } from '../../../common/sso';
import { send } from '../api/client';
import { signInOptionsQuery, useMe, useStartSession } from '../api/hooks';
import { isStaffRole, type User } from '../api/types';
import { AuthCard, AuthError, CredentialFields, MutationForm } from '../components/AuthCard';
import { PageLoader } from '../components/bits';
import { AnchorLink } from '../components/links';
import { Redirect } from '../components/Redirect';
import { t } from '../i18n/t';
import { formatDateTime } from '../lib/format';
import { type SetupState, useSetupState } from './Setup';

const route = getRouteApi('/login');

export function SignInPage() {
  const intl = useIntl();
  useDocumentTitle(
    intl.formatMessage({ id: 'auth.signIn.documentTitle', defaultMessage: 'Sign in · Tessera' }),
  );
  const cannotSignIn = intl.formatMessage({ id: 'auth.signIn.failed', defaultMessage: 'Cannot sign in' });
  const { redirect } = route.useSearch();
  const me = useMe();
  const setup = useSetupState();
  const startSession = useStartSession();
  const navigate = useNavigate();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const options = useQuery(signInOptionsQuery);
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
        title={intl.formatMessage({ id: 'auth.secondFactor.title', defaultMessage: 'Two-factor sign-in' })}
        subtitle={intl.formatMessage({
          id: 'auth.secondFactor.subtitle',
          defaultMessage: 'Enter the code your authenticator app shows.',
        })}
        width={400}
      >
        <MutationForm mutation={second}>
          {second.isError && <AuthError title={cannotSignIn} error={second.error} />}
          <TextInput
            label={intl.formatMessage({ id: 'auth.secondFactor.code', defaultMessage: 'Code' })}
            description={intl.formatMessage({
              id: 'auth.secondFactor.codeHelp',
              defaultMessage: '6 digits from the app, or one of your recovery codes',
            })}
            name="code"
            autoComplete="one-time-code"
            inputMode="text"
            required
            autoFocus
            value={code}
            onChange={(e) => setCode(e.currentTarget.value)}
          />
          <Button type="submit" loading={second.isPending} fullWidth disabled={code.trim().length < 6}>
            <FormattedMessage id="auth.secondFactor.submit" defaultMessage="Verify and sign in" />
          </Button>
          <Text size="sm" ta="center">
            <Anchor component="button" type="button" onClick={() => signIn.reset()}>
              <FormattedMessage id="auth.secondFactor.restart" defaultMessage="Start again" />
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
    <AuthCard
      title={intl.formatMessage({ id: 'auth.signIn.title', defaultMessage: 'Sign in' })}
      subtitle={intl.formatMessage({
        id: 'auth.signIn.subtitle',
        defaultMessage: 'Tessera support: follow your tickets or work the queue.',
      })}
      width={400}
    >
      {setup.data?.required && <SetupHint state={setup.data} />}
      <SsoSignIn providers={sso} redirect={redirect} />
      {sso.length > 0 && passwords && (
        <Divider
          label={intl.formatMessage({
            id: 'auth.signIn.orPassword',
            defaultMessage: 'or with your password',
          })}
          labelPosition="center"
        />
      )}
      {passwords && (
        <MutationForm mutation={signIn}>
          {signIn.isError && <AuthError title={cannotSignIn} error={signIn.error} />}
          <CredentialFields
            email={email}
            setEmail={setEmail}
            password={password}
            setPassword={setPassword}
            autoFocus
          />
          <Button type="submit" loading={signIn.isPending} fullWidth disabled={!email || !password}>
            <FormattedMessage id="auth.signIn.submit" defaultMessage="Sign in" />
          </Button>
          <Text size="sm" ta="center">
            <AnchorLink to="/forgot-password">
              <FormattedMessage id="auth.signIn.forgot" defaultMessage="Forgot password?" />
            </AnchorLink>
          </Text>
        </MutationForm>
      )}
      {options.data?.signUp && (
        <Text size="sm" ta="center">
          <FormattedMessage
            id="auth.signIn.newHere"
            defaultMessage="New here? <link>Create an account</link>"
            values={{ link: (chunks) => <AnchorLink to="/sign-up">{chunks}</AnchorLink> }}
          />
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
    : t({ id: 'auth.sso.failed', defaultMessage: 'Single sign-on did not work. Please try again.' });
}

/** A button for each identity provider (links: the browser goes there and comes back signed in). */
function SsoSignIn(props: {
  providers: { audience: string; label: string; startUrl: string }[];
  redirect: string | undefined;
}) {
  const error = useSsoError();
  const intl = useIntl();
  const query = props.redirect ? `?redirect=${encodeURIComponent(props.redirect)}` : '';
  return (
    <>
      {error && (
        <Alert
          color="red"
          variant="light"
          role="alert"
          title={intl.formatMessage({ id: 'auth.signIn.failed', defaultMessage: 'Cannot sign in' })}
        >
          {error}
        </Alert>
      )}
      {props.providers.map((p) => (
        <Button key={p.audience} component="a" href={`${p.startUrl}${query}`} variant="default" fullWidth>
          <FormattedMessage
            id="auth.sso.signInWith"
            defaultMessage="Sign in with {provider}"
            values={{ provider: p.label }}
          />
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
  const intl = useIntl();
  const code = (chunks: React.ReactNode[]) => <Code>{chunks}</Code>;
  return (
    <Alert
      color="blue"
      variant="light"
      title={intl.formatMessage({ id: 'auth.setupHint.title', defaultMessage: 'Finish setting up Tessera' })}
    >
      <Stack gap={6}>
        <Text size="sm">
          <FormattedMessage
            id="auth.setupHint.intro"
            defaultMessage="No administrator exists yet. To create one:"
          />
        </Text>
        <List size="sm" spacing={4}>
          <List.Item>
            {state.linkExpiresAt ? (
              <FormattedMessage
                id="auth.setupHint.link"
                defaultMessage="open the one-time set-up link in the server log (the line “No administrator yet”), valid until {date};"
                values={{ date: formatDateTime(state.linkExpiresAt) }}
              />
            ) : (
              <FormattedMessage
                id="auth.setupHint.restart"
                defaultMessage="restart the server and open the one-time set-up link it writes to its log (the line “No administrator yet”);"
              />
            )}
          </List.Item>
          <List.Item>
            <FormattedMessage
              id="auth.setupHint.command"
              defaultMessage="or run <code>tessera admin create --email … --password …</code>,"
              values={{ code }}
            />
          </List.Item>
          <List.Item>
            <FormattedMessage
              id="auth.setupHint.environment"
              defaultMessage="or set <code>TESSERA_ADMIN_EMAIL</code> and <code>TESSERA_ADMIN_PASSWORD</code> and restart."
              values={{ code }}
            />
          </List.Item>
        </List>
      </Stack>
    </Alert>
  );
}
