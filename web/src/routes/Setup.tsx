import { Alert, Button, Text } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useMutation, useQuery } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { z } from 'zod';
import type { setupStateSchema } from '../../../common/auth';
import { get, send } from '../api/client';
import { useStartSession } from '../api/hooks';
import {
  AuthCard,
  AuthError,
  AuthField,
  CredentialFields,
  fieldErrorOf,
  MutationForm,
} from '../components/AuthCard';
import { PageLoader } from '../components/bits';
import { AnchorLink } from '../components/links';
import { t } from '../i18n/t';

const route = getRouteApi('/setup');

/** Whether the first administrator is still to be made, and until when the set-up link works. */
export type SetupState = z.infer<typeof setupStateSchema>;
export const useSetupState = () =>
  useQuery({ queryKey: ['setup'], queryFn: () => get('/setup'), staleTime: 10_000 });

/**
 * The one-time set-up link from the server log lands here: it creates the first administrator,
 * then signs them in with the password just chosen and opens the admin.
 */
export function SetupPage() {
  const intl = useIntl();
  useDocumentTitle(
    intl.formatMessage({ id: 'auth.setup.documentTitle', defaultMessage: 'Set up · Tessera' }),
  );
  const signIn = (chunks: React.ReactNode[]) => <AnchorLink to="/login">{chunks}</AnchorLink>;
  const { token } = route.useSearch();
  const state = useSetupState();
  const admin = useFirstAdmin(token ?? '');

  if (state.isPending) return <PageLoader />;
  const done = state.data?.required === false && !admin.create.isPending && !admin.create.isSuccess;
  return (
    <AuthCard
      title={intl.formatMessage({ id: 'auth.setup.title', defaultMessage: 'Set up Tessera' })}
      subtitle={intl.formatMessage({
        id: 'auth.setup.subtitle',
        defaultMessage: 'Create the first administrator. You will be signed in as them.',
      })}
      width={440}
    >
      {done ? (
        <Alert
          color="blue"
          variant="light"
          title={intl.formatMessage({ id: 'auth.setup.done', defaultMessage: 'Set-up is done' })}
        >
          <FormattedMessage
            id="auth.setup.doneText"
            defaultMessage="This installation has an administrator already. <signIn>Sign in</signIn>."
            values={{ signIn }}
          />
        </Alert>
      ) : !token ? (
        <Alert
          color="yellow"
          variant="light"
          title={intl.formatMessage({
            id: 'auth.setup.needsLink',
            defaultMessage: 'This page needs the set-up link',
          })}
        >
          <FormattedMessage
            id="auth.setup.needsLinkText"
            defaultMessage="Open the one-time link from the server log (the line “No administrator yet”); it carries the token this page needs."
          />
        </Alert>
      ) : (
        <SetupForm admin={admin} />
      )}
    </AuthCard>
  );
}

/** The first administrator as typed, and the request that creates them and signs them in. */
function useFirstAdmin(token: string) {
  const startSession = useStartSession();
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const create = useMutation({
    mutationFn: async () => {
      await send('POST /setup', { body: { token, name, email, password } });
      const signedIn = await send('POST /auth/login', { body: { email, password } });
      // A new administrator has no second factor, so the password signs them in.
      if (!('user' in signedIn))
        throw new Error(
          t({ id: 'auth.setup.signInToContinue', defaultMessage: 'Set-up is done; sign in to continue' }),
        );
      return signedIn;
    },
    onSuccess: ({ user }) => {
      startSession(user);
      void navigate({ to: '/admin/departments', replace: true });
    },
  });
  return { name, setName, email, setEmail, password, setPassword, create };
}

function SetupForm({ admin }: { admin: ReturnType<typeof useFirstAdmin> }) {
  const { name, setName, email, setEmail, password, setPassword, create } = admin;
  const fieldError = fieldErrorOf(create.error);
  const intl = useIntl();
  return (
    <MutationForm mutation={create}>
      {create.isError && !fieldError('name') && !fieldError('email') && !fieldError('password') && (
        <AuthError
          title={intl.formatMessage({ id: 'auth.setup.failed', defaultMessage: 'Cannot set up' })}
          error={create.error}
        />
      )}
      <AuthField kind="name" value={name} onChange={setName} error={fieldError('name')} autoFocus />
      <CredentialFields
        email={email}
        setEmail={setEmail}
        password={password}
        setPassword={setPassword}
        newPassword
        errorOf={fieldError}
      />
      <Button type="submit" loading={create.isPending} fullWidth disabled={!name || !email || !password}>
        <FormattedMessage id="auth.setup.submit" defaultMessage="Create and sign in" />
      </Button>
      {create.isError && (
        <Text size="sm" c="dimmed">
          <FormattedMessage
            id="auth.setup.already"
            defaultMessage="Already created? <signIn>Sign in</signIn>."
            values={{ signIn: (chunks) => <AnchorLink to="/login">{chunks}</AnchorLink> }}
          />
        </Text>
      )}
    </MutationForm>
  );
}
