import {
  Alert,
  Badge,
  Button,
  Card,
  Code,
  Group,
  Image,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { get, send } from '../../api/client';
import { AuthField, fieldErrorOf, MutationForm } from '../../components/AuthCard';
import { ErrorAlert } from '../../components/bits';

const statusKey = ['me', 'second-factor'] as const;

/**
 * Two-factor sign-in with an authenticator app: set it up (scan the QR code or type the secret,
 * then confirm with a code), keep the recovery codes shown once, or turn it off with the password.
 */
export function SecondFactorCard({ onEnabled }: { onEnabled?: () => void } = {}) {
  const status = useQuery({ queryKey: statusKey, queryFn: () => get('/me/second-factor') });
  const [codes, setCodes] = useState<string[] | null>(null);
  const intl = useIntl();
  if (status.isPending) return null;
  if (status.isError)
    return (
      <ErrorAlert
        error={status.error}
        title={intl.formatMessage({
          id: 'account.secondFactor.loadError',
          defaultMessage: 'Cannot load two-factor sign-in',
        })}
      />
    );
  return (
    <Card withBorder padding="lg" radius="md">
      <Group gap="xs" mb="xs">
        <Title order={2} size="h4">
          <FormattedMessage id="account.secondFactor.title" defaultMessage="Two-factor sign-in" />
        </Title>
        <Badge color={status.data.enabled ? 'green' : 'gray'} variant="light">
          {status.data.enabled ? (
            <FormattedMessage id="account.secondFactor.on" defaultMessage="On" />
          ) : (
            <FormattedMessage id="account.secondFactor.off" defaultMessage="Off" />
          )}
        </Badge>
      </Group>
      {codes ? (
        <RecoveryCodes
          codes={codes}
          onDone={() => {
            setCodes(null);
            onEnabled?.();
          }}
        />
      ) : status.data.enabled && status.data.required ? (
        <Text size="sm">
          <FormattedMessage
            id="account.secondFactor.required"
            defaultMessage="Signing in asks for a code from your app; your administrator requires it of your role. {codesLeft, plural, one {# recovery code left.} other {# recovery codes left.}}"
            values={{ codesLeft: status.data.recoveryCodesLeft }}
          />
        </Text>
      ) : status.data.enabled ? (
        <TurnOff codesLeft={status.data.recoveryCodesLeft} />
      ) : (
        <SetUp onConfirmed={setCodes} />
      )}
    </Card>
  );
}

function SetUp({ onConfirmed }: { onConfirmed: (codes: string[]) => void }) {
  const qc = useQueryClient();
  const [code, setCode] = useState('');
  const intl = useIntl();
  const start = useMutation({ mutationFn: () => send('POST /me/second-factor') });
  const confirm = useMutation({
    mutationFn: () => send('POST /me/second-factor/confirm', { body: { code } }),
    onSuccess: ({ recoveryCodes }) => {
      onConfirmed(recoveryCodes);
      void qc.invalidateQueries({ queryKey: statusKey });
    },
  });
  if (!start.data)
    return (
      <Stack gap="sm" align="flex-start">
        <Text size="sm">
          <FormattedMessage
            id="account.secondFactor.intro"
            defaultMessage="Besides your password, ask for a code from an app on your phone when you sign in."
          />
        </Text>
        {start.isError && <ErrorAlert error={start.error} />}
        <Button loading={start.isPending} onClick={() => start.mutate()}>
          <FormattedMessage id="account.secondFactor.setUp" defaultMessage="Set up an authenticator app" />
        </Button>
      </Stack>
    );
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
      <Stack gap="xs">
        <Text size="sm">
          <FormattedMessage
            id="account.secondFactor.scan"
            defaultMessage="Scan this with your authenticator app, or type the key into it."
          />
        </Text>
        <Image
          src={`data:image/svg+xml;utf8,${encodeURIComponent(start.data.qrSvg)}`}
          alt={intl.formatMessage({
            id: 'account.secondFactor.qr',
            defaultMessage: 'QR code of the authenticator key',
          })}
          w={180}
          h={180}
        />
        <Code style={{ overflowWrap: 'anywhere' }} data-testid="second-factor-secret">
          {start.data.secret}
        </Code>
      </Stack>
      <MutationForm
        mutation={confirm}
        submit={{
          label: intl.formatMessage({ id: 'account.secondFactor.turnOn', defaultMessage: 'Turn on' }),
          disabled: code.trim().length < 6,
        }}
      >
        <AuthField
          kind="appCode"
          value={code}
          error={fieldErrorOf(confirm.error)('code')}
          onChange={setCode}
        />
      </MutationForm>
    </SimpleGrid>
  );
}

function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const intl = useIntl();
  return (
    <Stack gap="sm">
      <Alert
        color="yellow"
        variant="light"
        title={intl.formatMessage({
          id: 'account.secondFactor.codesTitle',
          defaultMessage: 'Keep these recovery codes somewhere safe',
        })}
      >
        <FormattedMessage
          id="account.secondFactor.codesText"
          defaultMessage="Each signs you in once without your phone. They are shown only now."
        />
      </Alert>
      <SimpleGrid
        cols={2}
        spacing={4}
        aria-label={intl.formatMessage({
          id: 'account.secondFactor.codes',
          defaultMessage: 'Recovery codes',
        })}
        component="ul"
        p={0}
        m={0}
        style={{ listStyle: 'none' }}
      >
        {codes.map((c) => (
          <Code key={c} component="li">
            {c}
          </Code>
        ))}
      </SimpleGrid>
      <Group>
        <Button onClick={onDone}>
          <FormattedMessage id="account.secondFactor.kept" defaultMessage="I have kept them" />
        </Button>
      </Group>
    </Stack>
  );
}

function TurnOff({ codesLeft }: { codesLeft: number }) {
  const qc = useQueryClient();
  const [password, setPassword] = useState('');
  const intl = useIntl();
  const off = useMutation({
    mutationFn: () => send('POST /me/second-factor/disable', { body: { password } }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: statusKey }),
  });
  return (
    <Stack gap="sm" maw={380}>
      <Text size="sm">
        <FormattedMessage
          id="account.secondFactor.enabled"
          defaultMessage="Signing in asks for a code from your app. {codesLeft, plural, one {# recovery code left.} other {# recovery codes left.}}"
          values={{ codesLeft }}
        />
      </Text>
      <MutationForm
        mutation={off}
        submit={{
          label: intl.formatMessage({ id: 'account.secondFactor.turnOff', defaultMessage: 'Turn off' }),
          disabled: !password,
          danger: true,
        }}
      >
        <AuthField
          kind="password"
          label={intl.formatMessage({
            id: 'account.secondFactor.password',
            defaultMessage: 'Your password, to turn it off',
          })}
          value={password}
          error={fieldErrorOf(off.error)('password')}
          onChange={setPassword}
        />
      </MutationForm>
    </Stack>
  );
}
