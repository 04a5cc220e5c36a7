import { Alert, Button, Stack, Text, TextInput } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { type ReactNode, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { get, send } from '../api/client';
import { useStartSession } from '../api/hooks';
import { isStaffRole } from '../api/types';
import { AuthCard, AuthError, AuthField, fieldErrorOf, MutationForm } from '../components/AuthCard';
import { PageLoader } from '../components/bits';
import { AnchorLink } from '../components/links';
import { t } from '../i18n/t';

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
  const intl = useIntl();
  useDocumentTitle(
    intl.formatMessage(
      { id: 'auth.link.documentTitle', defaultMessage: '{title} · Tessera' },
      { title: props.title },
    ),
  );
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
      <AuthError
        title={intl.formatMessage({ id: 'auth.verify.badLink', defaultMessage: 'This link does not work' })}
        error={
          link.error ??
          intl.formatMessage({ id: 'auth.verify.incomplete', defaultMessage: 'The link is incomplete.' })
        }
      />
      <Text size="sm">
        {props.purpose === 'invite' ? (
          <FormattedMessage
            id="auth.link.inviteAgain"
            defaultMessage="Ask whoever invited you to send a new invitation. Or <signIn>sign in</signIn>."
            values={{ signIn: (chunks) => <AnchorLink to="/login">{chunks}</AnchorLink> }}
          />
        ) : (
          <FormattedMessage
            id="auth.link.resetAgain"
            defaultMessage="<ask>Ask for a new link</ask> Or <signIn>sign in</signIn>."
            values={{
              ask: (chunks) => <AnchorLink to="/forgot-password">{chunks}</AnchorLink>,
              signIn: (chunks) => <AnchorLink to="/login">{chunks}</AnchorLink>,
            }}
          />
        )}
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
  const intl = useIntl();
  return (
    <>
      <TextInput
        label={intl.formatMessage({ id: 'auth.field.email', defaultMessage: 'Email' })}
        value={props.email}
        readOnly
        name="email"
        autoComplete="username"
      />
      <AuthField kind="newPassword" value={props.password} onChange={props.onChange} error={props.error} />
    </>
  );
}

export function AcceptInvitationPage() {
  const intl = useIntl();
  return (
    <LinkPage
      purpose="invite"
      title={intl.formatMessage({ id: 'auth.invite.title', defaultMessage: 'Welcome to Tessera' })}
      subtitle={intl.formatMessage({
        id: 'auth.invite.subtitle',
        defaultMessage: 'Choose your name and a password to sign in.',
      })}
    >
      {(link) => <AcceptForm link={link} />}
    </LinkPage>
  );
}

function AcceptForm({ link }: { link: Link }) {
  const startSession = useStartSession();
  const navigate = useNavigate();
  const [name, setName] = useState(link.name);
  const intl = useIntl();
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
      {accept.isError && !fieldError('password') && (
        <AuthError
          title={intl.formatMessage({ id: 'auth.invite.failed', defaultMessage: 'Cannot accept' })}
          error={accept.error}
        />
      )}
      <AuthField kind="name" value={name} onChange={setName} error={fieldError('name')} />
      <NewPasswordFields
        email={link.email}
        password={password}
        onChange={setPassword}
        error={fieldError('password')}
      />
      <Button type="submit" fullWidth loading={accept.isPending} disabled={!name.trim() || !password}>
        <FormattedMessage id="auth.invite.submit" defaultMessage="Accept and sign in" />
      </Button>
    </MutationForm>
  );
}

export function ResetPasswordPage() {
  const intl = useIntl();
  return (
    <LinkPage
      purpose="reset"
      title={intl.formatMessage({ id: 'auth.reset.title', defaultMessage: 'Choose a new password' })}
      subtitle={intl.formatMessage({
        id: 'auth.reset.subtitle',
        defaultMessage: 'You will be signed out everywhere else.',
      })}
    >
      {(link) => <ResetForm link={link} />}
    </LinkPage>
  );
}

function ResetForm({ link }: { link: Link }) {
  const navigate = useNavigate();
  const [password, setPassword] = useState('');
  const intl = useIntl();
  const reset = useMutation({
    mutationFn: () => send('POST /auth/password/reset', { body: { token: link.token, password } }),
    onSuccess: () => {
      notifications.show({
        color: 'green',
        message: t({ id: 'auth.reset.done', defaultMessage: 'Your password is changed. Sign in with it.' }),
      });
      void navigate({ to: '/login', replace: true });
    },
  });
  const fieldError = fieldErrorOf(reset.error);
  return (
    <MutationForm mutation={reset}>
      {reset.isError && !fieldError('password') && (
        <AuthError
          title={intl.formatMessage({
            id: 'account.password.failed',
            defaultMessage: 'Cannot change the password',
          })}
          error={reset.error}
        />
      )}
      <NewPasswordFields
        email={link.email}
        password={password}
        onChange={setPassword}
        error={fieldError('password')}
      />
      <Button type="submit" fullWidth loading={reset.isPending} disabled={!password}>
        <FormattedMessage id="account.password.change" defaultMessage="Change password" />
      </Button>
    </MutationForm>
  );
}

export function ForgotPasswordPage() {
  const intl = useIntl();
  useDocumentTitle(
    intl.formatMessage({ id: 'auth.forgot.documentTitle', defaultMessage: 'Forgot password · Tessera' }),
  );
  const [email, setEmail] = useState('');
  const ask = useMutation({ mutationFn: () => send('POST /auth/password/forgot', { body: { email } }) });
  return (
    <AuthCard
      title={intl.formatMessage({ id: 'auth.signIn.forgot', defaultMessage: 'Forgot password?' })}
      subtitle={intl.formatMessage({
        id: 'auth.forgot.subtitle',
        defaultMessage: 'We will mail you a link to choose a new one.',
      })}
      width={420}
    >
      {ask.isSuccess ? (
        <Alert
          color="green"
          variant="light"
          title={intl.formatMessage({ id: 'auth.signUp.checkMail', defaultMessage: 'Check your mail' })}
          role="status"
        >
          {ask.data.message}
        </Alert>
      ) : (
        <MutationForm mutation={ask}>
          {ask.isError && (
            <AuthError
              title={intl.formatMessage({ id: 'auth.forgot.failed', defaultMessage: 'Cannot send the link' })}
              error={ask.error}
            />
          )}
          <AuthField
            kind="email"
            value={email}
            onChange={setEmail}
            error={fieldErrorOf(ask.error)('email')}
            autoFocus
          />
          <Button type="submit" fullWidth loading={ask.isPending} disabled={!email}>
            <FormattedMessage id="auth.forgot.submit" defaultMessage="Send the link" />
          </Button>
        </MutationForm>
      )}
      <Text size="sm" ta="center">
        <AnchorLink to="/login">
          <FormattedMessage id="auth.backToSignIn" defaultMessage="Back to sign in" />
        </AnchorLink>
      </Text>
    </AuthCard>
  );
}
