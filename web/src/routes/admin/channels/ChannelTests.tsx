import { Alert, Button, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconCircleCheck, IconCircleX, IconSend } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { ChannelName, ChannelTestResult } from '../../../../../common/channels';
import { errorMessage, send } from '../../../api/client';
import { useMe } from '../../../api/hooks';

type Run = {
  path: 'email' | 'imap' | 'whatsapp' | 'telegram';
  what: string;
  call: () => Promise<ChannelTestResult>;
};

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
  const me = useMe();
  const [to, setTo] = useState('');
  const [result, setResult] = useState<(ChannelTestResult & { what: string }) | null>(null);
  const test = useMutation({
    mutationFn: ({ call }: Run) => call(),
    onMutate: () => setResult(null),
    onSuccess: (r, v) => setResult({ ...r, what: v.what }),
    onError: (e, v) => setResult({ ok: false, detail: errorMessage(e), what: v.what }),
  });
  const run = (path: Run['path'], what: string, call: Run['call']) => test.mutate({ path, what, call });

  return (
    <Stack gap="xs" mt="lg" pt="md" style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}>
      <Title order={3} size="h6">
        Try it
      </Title>
      <Group align="flex-end" gap="xs" wrap="wrap">
        {channel === 'email' && (
          <>
            <TextInput
              label="Send a test email to"
              placeholder={me.data?.email ?? 'you@example.com'}
              value={to}
              onChange={(e) => setTo(e.currentTarget.value)}
              type="email"
              w={280}
            />
            <Button
              variant="light"
              leftSection={<IconSend size={16} aria-hidden />}
              loading={test.isPending && test.variables?.path === 'email'}
              onClick={() =>
                run('email', 'Test email', () =>
                  send('POST /admin/channels/email/test', { body: to.trim() ? { to: to.trim() } : {} }),
                )
              }
            >
              Send test email
            </Button>
            <Button
              variant="default"
              disabled={!imap}
              loading={test.isPending && test.variables?.path === 'imap'}
              onClick={() =>
                run('imap', 'Mailbox check', () => send('POST /admin/channels/imap/test', { body: {} }))
              }
            >
              Check the IMAP mailbox
            </Button>
          </>
        )}
        {channel === 'whatsapp' && (
          <>
            <TextInput
              label="Send a test message to"
              description="A WhatsApp number in international form"
              placeholder="+44 7700 900123"
              value={to}
              onChange={(e) => setTo(e.currentTarget.value)}
              type="tel"
              w={280}
            />
            <Button
              variant="light"
              leftSection={<IconSend size={16} aria-hidden />}
              disabled={!to.trim()}
              loading={test.isPending}
              onClick={() =>
                run('whatsapp', 'Test message', () =>
                  send('POST /admin/channels/whatsapp/test', { body: { to: to.trim() } }),
                )
              }
            >
              Send test message
            </Button>
          </>
        )}
        {channel === 'telegram' && (
          <Button
            variant="light"
            leftSection={<IconSend size={16} aria-hidden />}
            loading={test.isPending}
            onClick={() =>
              run('telegram', 'Bot check', () => send('POST /admin/channels/telegram/test', { body: {} }))
            }
          >
            Check the bot and message me
          </Button>
        )}
      </Group>
      {!configured && (
        <Text size="xs" c="dimmed">
          Save the settings first: a test uses what is saved.
        </Text>
      )}
      <div aria-live="polite">
        {result && (
          <Alert
            color={result.ok ? 'green' : 'red'}
            icon={result.ok ? <IconCircleCheck aria-hidden /> : <IconCircleX aria-hidden />}
            title={`${result.what}: ${result.ok ? 'it worked' : 'it did not work'}`}
            data-testid={`${channel}-test-result`}
          >
            <Text size="sm">{result.detail}</Text>
          </Alert>
        )}
      </div>
    </Stack>
  );
}
