import { Alert, Button, Group, Stack, Text, TextInput, type TextInputProps, Title } from '@mantine/core';
import { IconCircleCheck, IconCircleX, IconSend } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { ChannelName, ChannelTestResult } from '../../../../../common/channels';
import { errorMessage, send } from '../../../api/client';
import { useMe } from '../../../api/hooks';

type Run = {
  path: 'email' | 'imap' | 'whatsapp' | 'telegram';
  what: string;
  call: () => Promise<ChannelTestResult>;
};
type Result = ChannelTestResult & { what: string };

/** A test run now, and its answer (a failure to reach the server is an answer too). */
function useChannelTest() {
  const [result, setResult] = useState<Result | null>(null);
  const test = useMutation({
    mutationFn: ({ call }: Run) => call(),
    onMutate: () => setResult(null),
    onSuccess: (r, v) => setResult({ ...r, what: v.what }),
    onError: (e, v) => setResult({ ok: false, detail: errorMessage(e), what: v.what }),
  });
  return { test, result };
}
type Test = ReturnType<typeof useChannelTest>['test'];

/** "Send test" and its answer: tries the saved settings now, outside the outbox. */
export function ChannelTests({
  channel,
  configured,
  imap,
}: {
  channel: ChannelName;
  configured: boolean;
  imap: boolean;
}) {
  const { test, result } = useChannelTest();
  const intl = useIntl();
  return (
    <Stack gap="xs" mt="lg" pt="md" style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}>
      <Title order={3} size="h6">
        <FormattedMessage id="admin.channels.test.tryIt" defaultMessage="Try it" />
      </Title>
      <Group align="flex-end" gap="xs" wrap="wrap">
        {channel === 'email' && <EmailTests test={test} imap={imap} />}
        {channel === 'whatsapp' && <WhatsAppTest test={test} />}
        {channel === 'telegram' && (
          <TestButton
            test={test}
            run={{
              path: 'telegram',
              what: intl.formatMessage({ id: 'admin.channels.test.botCheck', defaultMessage: 'Bot check' }),
              call: () => send('POST /admin/channels/telegram/test', { body: {} }),
            }}
          >
            <FormattedMessage
              id="admin.channels.test.checkBot"
              defaultMessage="Check the bot and message me"
            />
          </TestButton>
        )}
      </Group>
      {!configured && (
        <Text size="xs" c="dimmed">
          <FormattedMessage
            id="admin.channels.test.saveFirst"
            defaultMessage="Save the settings first: a test uses what is saved."
          />
        </Text>
      )}
      <div aria-live="polite">
        {result && (
          <Alert
            color={result.ok ? 'green' : 'red'}
            icon={result.ok ? <IconCircleCheck aria-hidden /> : <IconCircleX aria-hidden />}
            title={
              result.ok
                ? intl.formatMessage(
                    { id: 'admin.channels.test.worked', defaultMessage: '{what}: it worked' },
                    { what: result.what },
                  )
                : intl.formatMessage(
                    { id: 'admin.channels.test.failed', defaultMessage: '{what}: it did not work' },
                    { what: result.what },
                  )
            }
            data-testid={`${channel}-test-result`}
          >
            <Text size="sm">{result.detail}</Text>
          </Alert>
        )}
      </div>
    </Stack>
  );
}

/** A button that runs one test; it spins while that test runs. */
function TestButton({
  test,
  run,
  plain = false,
  disabled,
  children,
}: {
  test: Test;
  run: Run;
  /** A secondary check: no send icon, a quieter button. */
  plain?: boolean;
  disabled?: boolean;
  children: ReactNode;
}) {
  return (
    <Button
      variant={plain ? 'default' : 'light'}
      leftSection={plain ? undefined : <IconSend size={16} aria-hidden />}
      disabled={disabled}
      loading={test.isPending && test.variables?.path === run.path}
      onClick={() => test.mutate(run)}
    >
      {children}
    </Button>
  );
}

/** Where a test message goes. */
function RecipientInput({
  onChange,
  ...props
}: Omit<TextInputProps, 'onChange'> & { onChange: (to: string) => void }) {
  return <TextInput onChange={(e) => onChange(e.currentTarget.value)} w={280} {...props} />;
}

function EmailTests({ test, imap }: { test: Test; imap: boolean }) {
  const me = useMe();
  const [to, setTo] = useState('');
  const intl = useIntl();
  return (
    <>
      <RecipientInput
        label={intl.formatMessage({
          id: 'admin.channels.test.emailTo',
          defaultMessage: 'Send a test email to',
        })}
        placeholder={me.data?.email ?? 'you@example.com'}
        value={to}
        onChange={setTo}
        type="email"
      />
      <TestButton
        test={test}
        run={{
          path: 'email',
          what: intl.formatMessage({ id: 'admin.channels.test.testEmail', defaultMessage: 'Test email' }),
          call: () => send('POST /admin/channels/email/test', { body: to.trim() ? { to: to.trim() } : {} }),
        }}
      >
        <FormattedMessage id="admin.channels.test.sendEmail" defaultMessage="Send test email" />
      </TestButton>
      <TestButton
        test={test}
        plain
        disabled={!imap}
        run={{
          path: 'imap',
          what: intl.formatMessage({
            id: 'admin.channels.test.mailboxCheck',
            defaultMessage: 'Mailbox check',
          }),
          call: () => send('POST /admin/channels/imap/test', { body: {} }),
        }}
      >
        <FormattedMessage id="admin.channels.test.checkImap" defaultMessage="Check the IMAP mailbox" />
      </TestButton>
    </>
  );
}

function WhatsAppTest({ test }: { test: Test }) {
  const [to, setTo] = useState('');
  const intl = useIntl();
  return (
    <>
      <RecipientInput
        label={intl.formatMessage({
          id: 'admin.channels.test.messageTo',
          defaultMessage: 'Send a test message to',
        })}
        description={intl.formatMessage({
          id: 'admin.channels.test.messageToHelp',
          defaultMessage: 'A WhatsApp number in international form',
        })}
        placeholder="+44 7700 900123"
        value={to}
        onChange={setTo}
        type="tel"
      />
      <TestButton
        test={test}
        disabled={!to.trim()}
        run={{
          path: 'whatsapp',
          what: intl.formatMessage({ id: 'admin.channels.test.testMessage', defaultMessage: 'Test message' }),
          call: () => send('POST /admin/channels/whatsapp/test', { body: { to: to.trim() } }),
        }}
      >
        <FormattedMessage id="admin.channels.test.sendMessage" defaultMessage="Send test message" />
      </TestButton>
    </>
  );
}
