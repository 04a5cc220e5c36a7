import { Alert, Button, Stack, Text } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useMutation, useQuery } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { send } from '../api/client';
import { signInOptionsQuery, useStartSession } from '../api/hooks';
import { AuthCard, AuthError, AuthField, fieldErrorOf, MutationForm } from '../components/AuthCard';
import { PageLoader } from '../components/bits';
import { AnchorLink } from '../components/links';

// Customers creating their own account: the sign-up form, the "check your mail" state that can
// send the mail again, and the page of the mailed link that confirms the address and signs in.

const BackToSignIn = () => (
  <Text size="sm" ta="center">
    <AnchorLink to="/login">
      <FormattedMessage id="auth.backToSignIn" defaultMessage="Back to sign in" />
    </AnchorLink>
  </Text>
);

export function SignUpPage() {
  const intl = useIntl();
  useDocumentTitle(
    intl.formatMessage({ id: 'auth.signUp.documentTitle', defaultMessage: 'Create an account · Tessera' }),
  );
  const options = useQuery(signInOptionsQuery);
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const signUp = useMutation({ mutationFn: () => send('POST /auth/sign-up', { body: { name, email } }) });
  const resend = useMutation({ mutationFn: () => send('POST /auth/sign-up', { body: { name, email } }) });
  const fieldError = fieldErrorOf(signUp.error);
  const named = ['name', 'email'].some((f) => fieldError(f));

  if (options.isPending) return <PageLoader />;
  if (signUp.isSuccess) {
    return (
      <AuthCard
        title={intl.formatMessage({ id: 'auth.signUp.checkMail', defaultMessage: 'Check your mail' })}
        subtitle={intl.formatMessage(
          { id: 'auth.signUp.writtenTo', defaultMessage: 'We have written to {email}.' },
          { email },
        )}
        width={440}
      >
        <Alert
          color="green"
          variant="light"
          title={intl.formatMessage({ id: 'auth.signUp.oneMoreStep', defaultMessage: 'One more step' })}
          role="status"
        >
          {resend.data?.message ?? signUp.data.message}
        </Alert>
        {resend.isError && (
          <AuthError
            title={intl.formatMessage({
              id: 'auth.signUp.resendFailed',
              defaultMessage: 'Cannot send the mail again',
            })}
            error={resend.error}
          />
        )}
        <Text size="sm" c="dimmed">
          <FormattedMessage
            id="auth.signUp.noMail"
            defaultMessage="No mail after a few minutes? Look in your spam folder, then send it again. An address gets one such mail in a while, however often it is asked for."
          />
        </Text>
        <Button variant="default" loading={resend.isPending} onClick={() => resend.mutate()}>
          <FormattedMessage id="auth.signUp.resend" defaultMessage="Send the mail again" />
        </Button>
        <BackToSignIn />
      </AuthCard>
    );
  }
  return (
    <AuthCard
      title={intl.formatMessage({ id: 'auth.signUp.title', defaultMessage: 'Create an account' })}
      subtitle={intl.formatMessage({
        id: 'auth.signUp.subtitle',
        defaultMessage: 'Open tickets and follow them in one place.',
      })}
      width={440}
    >
      {options.data?.signUp === false ? (
        <Alert
          color="yellow"
          variant="light"
          title={intl.formatMessage({ id: 'auth.signUp.closed', defaultMessage: 'Sign-up is closed' })}
          role="status"
        >
          <FormattedMessage
            id="auth.signUp.closedText"
            defaultMessage="This helpdesk does not take sign-ups. Ask its support team to create your account."
          />
        </Alert>
      ) : (
        <MutationForm mutation={signUp}>
          {signUp.isError && !named && (
            <AuthError
              title={intl.formatMessage({
                id: 'auth.signUp.failed',
                defaultMessage: 'Cannot create the account',
              })}
              error={signUp.error}
            />
          )}
          <AuthField kind="name" value={name} onChange={setName} error={fieldError('name')} autoFocus />
          <AuthField kind="email" value={email} onChange={setEmail} error={fieldError('email')} />
          <Text size="xs" c="dimmed">
            <FormattedMessage
              id="auth.signUp.linkHint"
              defaultMessage="We mail you a link; you choose your password there."
            />
          </Text>
          <Button type="submit" fullWidth loading={signUp.isPending} disabled={!name.trim() || !email}>
            <FormattedMessage id="auth.signUp.submit" defaultMessage="Create the account" />
          </Button>
        </MutationForm>
      )}
      <Text size="sm" ta="center">
        <FormattedMessage
          id="auth.signUp.haveAccount"
          defaultMessage="Have an account? <link>Sign in</link>"
          values={{ link: (chunks) => <AnchorLink to="/login">{chunks}</AnchorLink> }}
        />
      </Text>
    </AuthCard>
  );
}

const verifyRoute = getRouteApi('/verify-email');

/** Confirms the address behind `token` with the password chosen; the new customer is then signed in, on the portal. */
function useConfirmSignUp(token: string, password: string) {
  const startSession = useStartSession();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: () => send('POST /auth/sign-up/verify', { body: { token, password } }),
    onSuccess: ({ user }) => {
      startSession(user);
      void navigate({ to: '/', replace: true });
    },
  });
}

/**
 * The mailed link's page: whoever reads the mail chooses the password here (never whoever asked
 * for the account), and confirming takes a click, so a mail scanner that opens the link does not
 * use it up; then the new customer lands signed in on the portal.
 */
export function VerifyEmailPage() {
  const intl = useIntl();
  useDocumentTitle(
    intl.formatMessage({ id: 'auth.verify.documentTitle', defaultMessage: 'Confirm your address · Tessera' }),
  );
  const { token } = verifyRoute.useSearch();
  const [password, setPassword] = useState('');
  const confirm = useConfirmSignUp(token ?? '', password);
  const passwordError = fieldErrorOf(confirm.error)('password');
  return (
    <AuthCard
      title={intl.formatMessage({ id: 'auth.verify.title', defaultMessage: 'Choose your password' })}
      subtitle={intl.formatMessage({
        id: 'auth.verify.subtitle',
        defaultMessage: 'The last step of creating your account.',
      })}
      width={440}
    >
      {!token || (confirm.isError && !passwordError) ? (
        <Stack gap="md">
          <AuthError
            title={intl.formatMessage({
              id: 'auth.verify.badLink',
              defaultMessage: 'This link does not work',
            })}
            error={
              confirm.error ??
              intl.formatMessage({ id: 'auth.verify.incomplete', defaultMessage: 'The link is incomplete.' })
            }
          />
          <Text size="sm">
            <FormattedMessage
              id="auth.verify.again"
              defaultMessage="<signUp>Sign up again</signUp> or <signIn>sign in</signIn>."
              values={{
                signUp: (chunks) => <AnchorLink to="/sign-up">{chunks}</AnchorLink>,
                signIn: (chunks) => <AnchorLink to="/login">{chunks}</AnchorLink>,
              }}
            />
          </Text>
        </Stack>
      ) : (
        <MutationForm mutation={confirm}>
          <AuthField
            kind="newPassword"
            value={password}
            onChange={setPassword}
            error={passwordError}
            autoFocus
          />
          <Button type="submit" fullWidth loading={confirm.isPending} disabled={!password}>
            <FormattedMessage id="auth.verify.submit" defaultMessage="Create my account and sign in" />
          </Button>
        </MutationForm>
      )}
    </AuthCard>
  );
}
