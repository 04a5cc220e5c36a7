import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Code,
  Group,
  PasswordInput,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconCircleCheck, IconCircleX, IconSend } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import {
  CHANNEL_FIELDS,
  type ChannelField,
  type ChannelFieldState,
  type ChannelName,
  type ChannelSettings,
  type ChannelTestResult,
} from '../../../../common/channels';
import { ApiError, api, errorMessage, get } from '../../api/client';
import { useMe } from '../../api/hooks';
import { AdminHeader, useAdminMutation } from '../../components/admin';
import { ErrorAlert, PageLoader } from '../../components/bits';

const channelsKey = ['admin', 'channels'] as const;

const TITLES: Record<ChannelName, { title: string; about: string }> = {
  email: {
    title: 'Email',
    about:
      'Notifications go out through the SMTP server; replies to them and mail to the support address come back in, by the built-in SMTP listener or by polling the IMAP mailbox.',
  },
  whatsapp: {
    title: 'WhatsApp',
    about:
      'The WhatsApp Business Cloud API: customers write to your number, and get ticket updates there. Meta’s webhook points at /webhooks/whatsapp.',
  },
  telegram: {
    title: 'Telegram',
    about:
      'A Telegram bot that sends notifications to users who linked it in Account settings. Its webhook points at /webhooks/telegram.',
  },
};

/** Where a setting's value comes from, in words. */
function sourceText(f: ChannelFieldState): string {
  if (f.source === 'admin') return `Set here; overrides ${f.env}.`;
  if (f.source === 'env') return `From the server’s ${f.env} (or its default).`;
  return `Not set (${f.env}).`;
}

/**
 * Channel settings: SMTP, IMAP, WhatsApp and Telegram. Values saved here override the server's
 * environment variables; secrets are write-only (the server never sends them back), and each
 * channel can be tried at once with a test.
 */
export function ChannelsPage() {
  useDocumentTitle('Channels · Admin · Tessera');
  const settings = useQuery({
    queryKey: channelsKey,
    queryFn: () => get('/admin/channels'),
  });
  return (
    <Stack gap="lg">
      <AdminHeader
        title="Channels"
        description="How Tessera sends and receives mail, WhatsApp and Telegram messages. What you save here overrides the server’s environment variables; clearing a field goes back to them. Secrets are never shown again once saved."
      />
      {settings.isPending ? (
        <PageLoader label="Loading channel settings" />
      ) : settings.isError ? (
        <ErrorAlert error={settings.error} title="Cannot load channel settings" />
      ) : (
        (['email', 'whatsapp', 'telegram'] as const).map((c) => (
          <ChannelCard key={c} channel={c} state={settings.data[c]} />
        ))
      )}
    </Stack>
  );
}

function ChannelCard<C extends ChannelName>({ channel, state }: { channel: C; state: ChannelSettings[C] }) {
  const info = CHANNEL_FIELDS[channel] as Record<string, { label: string; secret: boolean }>;
  const fields = state.fields as Record<string, ChannelFieldState>;
  const names = Object.keys(info) as ChannelField<C>[];
  /** The form as the server has it: secrets blank (never sent back), URLs with their password masked. */
  const valuesOf = (f: Record<string, ChannelFieldState>) =>
    Object.fromEntries(names.map((n) => [n, f[n]?.secret ? '' : (f[n]?.value ?? '')]));
  const initial = () => valuesOf(fields);
  const [values, setValues] = useState<Record<string, string>>(initial);
  const [shownState, setShownState] = useState(state);
  if (shownState !== state) {
    // Saved elsewhere or re-fetched: show what the server has now.
    setShownState(state);
    setValues(initial());
  }

  /** Only what changed: a new value, or null where a field was emptied (back to the environment). */
  const changes = Object.fromEntries(
    names.flatMap((n) => {
      const v = (values[n] ?? '').trim();
      if (fields[n]?.secret) return v ? [[n, v]] : [];
      if (v === (fields[n]?.value ?? '')) return [];
      return [[n, v === '' ? null : v]];
    }),
  );
  const dirty = Object.keys(changes).length > 0;
  const edit = (name: string, value: string) => setValues((v) => ({ ...v, [name]: value }));
  const save = useAdminMutation({
    fn: (body: Record<string, string | null>) =>
      api<ChannelSettings[C]>('PUT', `/admin/channels/${channel}`, body),
    invalidate: [channelsKey],
    success: () => `${TITLES[channel].title} settings saved`,
    // What was typed (a password in a URL, a token) is replaced by what the server shows.
    onSuccess: (saved) => setValues(valuesOf(saved.fields as Record<string, ChannelFieldState>)),
    quietErrors: true,
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(changes);
  };
  const headingId = `channel-${channel}`;

  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby={headingId}>
      <Group justify="space-between" align="flex-start" mb="xs">
        <Stack gap={2}>
          <Title order={2} size="h4" id={headingId}>
            {TITLES[channel].title}
          </Title>
          <Text size="sm" c="dimmed" maw={680}>
            {TITLES[channel].about}
          </Text>
        </Stack>
        {state.configured ? (
          <Badge color="green" variant="light" leftSection={<IconCircleCheck size={12} aria-hidden />}>
            Set up
          </Badge>
        ) : (
          <Badge color="gray" variant="light">
            Not set up
          </Badge>
        )}
      </Group>

      <form onSubmit={submit} noValidate>
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm" verticalSpacing="sm">
          {names.map((n) => {
            const f = fields[n];
            const label = info[n]?.label ?? n;
            const fieldError = save.error && errorFor(save.error, n);
            const reset =
              f?.source === 'admin' ? (
                <Anchor
                  key="reset"
                  component="button"
                  type="button"
                  size="xs"
                  onClick={() => save.mutate({ [n]: null })}
                  aria-label={`Use the server’s value for ${label}`}
                >
                  Use the server’s value
                </Anchor>
              ) : null;
            const description = (
              <>
                {f ? sourceText(f) : ''} {reset}
              </>
            );
            return f?.secret ? (
              <PasswordInput
                key={n}
                label={label}
                description={description}
                placeholder={f.set ? 'Saved (hidden); type to replace' : 'Not set'}
                value={values[n] ?? ''}
                onChange={(e) => edit(n, e.currentTarget.value)}
                autoComplete="new-password"
                error={fieldError}
              />
            ) : (
              <TextInput
                key={n}
                label={label}
                description={description}
                placeholder={f?.value ? undefined : 'Not set'}
                value={values[n] ?? ''}
                onChange={(e) => edit(n, e.currentTarget.value)}
                autoComplete="off"
                spellCheck={false}
                error={fieldError}
              />
            );
          })}
        </SimpleGrid>
        {save.isError && !names.some((n) => errorFor(save.error, n)) && (
          <ErrorAlert error={save.error} title="Not saved" />
        )}
        <Group justify="space-between" mt="md" wrap="wrap">
          <Text size="xs" c="dimmed">
            {channel === 'email' && (
              <>
                A URL’s password shows as <Code>********</Code>; leave it so to keep the saved one.
              </>
            )}
          </Text>
          <Group gap="xs">
            <Button
              variant="default"
              type="button"
              disabled={!dirty || save.isPending}
              onClick={() => {
                save.reset();
                setValues(initial());
              }}
            >
              Discard changes
            </Button>
            <Button type="submit" disabled={!dirty} loading={save.isPending}>
              Save {TITLES[channel].title} settings
            </Button>
          </Group>
        </Group>
      </form>

      <ChannelTests channel={channel} configured={state.configured} imap={Boolean(fields.imapUrl?.set)} />
    </Card>
  );
}

/** The field's message from a 400 problem, if it names that field. */
const errorFor = (error: unknown, field: string) =>
  error instanceof ApiError ? error.fieldError(field) : undefined;

/** "Send test" and its answer: tries the saved settings now, outside the outbox. */
function ChannelTests({
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
    mutationFn: ({ path, body }: { path: string; body: Record<string, string>; what: string }) =>
      api<ChannelTestResult>('POST', `/admin/channels/${path}/test`, body),
    onMutate: () => setResult(null),
    onSuccess: (r, v) => setResult({ ...r, what: v.what }),
    onError: (e, v) => setResult({ ok: false, detail: errorMessage(e), what: v.what }),
  });
  const run = (path: string, what: string, body: Record<string, string> = {}) =>
    test.mutate({ path, body, what });

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
              onClick={() => run('email', 'Test email', to.trim() ? { to: to.trim() } : {})}
            >
              Send test email
            </Button>
            <Button
              variant="default"
              disabled={!imap}
              loading={test.isPending && test.variables?.path === 'imap'}
              onClick={() => run('imap', 'Mailbox check')}
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
              onClick={() => run('whatsapp', 'Test message', { to: to.trim() })}
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
            onClick={() => run('telegram', 'Bot check')}
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
