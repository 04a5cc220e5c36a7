import {
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
import type { UseFormReturnType } from '@mantine/form';
import { IconCircleCheck } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { z } from 'zod';
import {
  CHANNEL_FIELDS,
  type ChannelField,
  type ChannelFieldState,
  type ChannelName,
  type ChannelSettings,
  type ChannelSettingsBody,
  channelSettingsBodies,
} from '../../../../common/channels';
import { get, send } from '../../api/client';
import { useAdminMutation } from '../../components/admin';
import { AdminPage } from '../../components/admin/AdminPage';
import { ErrorAlert, PageLoader } from '../../components/bits';
import { serverFieldErrors, useContractForm } from '../../components/ModalForm';
import { ChannelTests } from './channels/ChannelTests';

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
  const settings = useQuery({
    queryKey: channelsKey,
    queryFn: () => get('/admin/channels'),
  });
  return (
    <AdminPage
      gap="lg"
      title="Channels"
      description="How Tessera sends and receives mail, WhatsApp and Telegram messages. What you save here overrides the server’s environment variables; clearing a field goes back to them. Secrets are never shown again once saved."
    >
      {settings.isPending ? (
        <PageLoader label="Loading channel settings" />
      ) : settings.isError ? (
        <ErrorAlert error={settings.error} title="Cannot load channel settings" />
      ) : (
        (['email', 'whatsapp', 'telegram'] as const).map((c) => (
          <ChannelCard key={c} channel={c} state={settings.data[c]} />
        ))
      )}
    </AdminPage>
  );
}

type Values = Record<string, string>;
type Changes = Record<string, string | null>;

/** Each channel's own route, so the body and the answer are the server's types for that channel. */
const saveSettings = {
  email: (body: ChannelSettingsBody<'email'>) => send('PUT /admin/channels/email', { body }),
  whatsapp: (body: ChannelSettingsBody<'whatsapp'>) => send('PUT /admin/channels/whatsapp', { body }),
  telegram: (body: ChannelSettingsBody<'telegram'>) => send('PUT /admin/channels/telegram', { body }),
} satisfies { [C in ChannelName]: (body: never) => Promise<ChannelSettings[C]> };

/** Only what changed: a new value, or null where a field was emptied (back to the environment). */
function changesOf(fields: Record<string, ChannelFieldState>, values: Values): Changes {
  return Object.fromEntries(
    Object.keys(values).flatMap((n) => {
      const v = (values[n] ?? '').trim();
      if (fields[n]?.secret) return v ? [[n, v]] : [];
      if (v === (fields[n]?.value ?? '')) return [];
      return [[n, v === '' ? null : v]];
    }),
  );
}

function ChannelCard<C extends ChannelName>({ channel, state }: { channel: C; state: ChannelSettings[C] }) {
  const info = CHANNEL_FIELDS[channel] as Record<string, { label: string; secret: boolean }>;
  const fields = state.fields as Record<string, ChannelFieldState>;
  const names = Object.keys(info) as ChannelField<C>[];
  /** The form as the server has it: secrets blank (never sent back), URLs with their password masked. */
  const valuesOf = (f: Record<string, ChannelFieldState>): Values =>
    Object.fromEntries(names.map((n) => [n, f[n]?.secret ? '' : (f[n]?.value ?? '')]));
  // The server checks only what changes, so the form checks the same: the changes, by the channel's body.
  const schema = useMemo(
    () => z.preprocess((v) => changesOf(fields, v as Values), channelSettingsBodies[channel]),
    [fields, channel],
  );
  const form = useContractForm<Values>(schema, valuesOf(fields));
  const [shownState, setShownState] = useState(state);
  if (shownState !== state) {
    // Saved elsewhere or re-fetched: show what the server has now.
    setShownState(state);
    form.setValues(valuesOf(fields));
  }

  const changes = changesOf(fields, form.values);
  const dirty = Object.keys(changes).length > 0;
  const save = useAdminMutation({
    // The form has checked these changes by this channel's body schema (above) before they are sent.
    fn: (body: Changes) => (saveSettings[channel] as (b: Changes) => Promise<ChannelSettings[C]>)(body),
    invalidate: [channelsKey],
    success: () => `${TITLES[channel].title} settings saved`,
    // What was typed (a password in a URL, a token) is replaced by what the server shows.
    onSuccess: (saved) => form.setValues(valuesOf(saved.fields as Record<string, ChannelFieldState>)),
    quietErrors: true,
  });
  const mutate = (body: Changes) =>
    save.mutate(body, { onError: (e) => form.setErrors(serverFieldErrors(e)) });
  const onFields = names.some((n) => n in serverFieldErrors(save.error));
  const headingId = `channel-${channel}`;

  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby={headingId}>
      <ChannelHeading channel={channel} id={headingId} configured={state.configured} />

      <form onSubmit={form.onSubmit(() => mutate(changes))} noValidate>
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm" verticalSpacing="sm">
          {names.map((n) => (
            <ChannelInput
              key={n}
              label={info[n]?.label ?? n}
              field={fields[n]}
              inputProps={form.getInputProps(n)}
              onReset={() => mutate({ [n]: null })}
            />
          ))}
        </SimpleGrid>
        {save.isError && !onFields && <ErrorAlert error={save.error} title="Not saved" />}
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
                form.setValues(valuesOf(fields));
                form.clearErrors();
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

function ChannelHeading({
  channel,
  id,
  configured,
}: {
  channel: ChannelName;
  id: string;
  configured: boolean;
}) {
  return (
    <Group justify="space-between" align="flex-start" mb="xs">
      <Stack gap={2}>
        <Title order={2} size="h4" id={id}>
          {TITLES[channel].title}
        </Title>
        <Text size="sm" c="dimmed" maw={680}>
          {TITLES[channel].about}
        </Text>
      </Stack>
      {configured ? (
        <Badge color="green" variant="light" leftSection={<IconCircleCheck size={12} aria-hidden />}>
          Set up
        </Badge>
      ) : (
        <Badge color="gray" variant="light">
          Not set up
        </Badge>
      )}
    </Group>
  );
}

/**
 * One setting: where its value comes from, a way back to the server's own value when it is set
 * here, and for a secret a password box that never shows what was saved.
 */
function ChannelInput({
  label,
  field: f,
  inputProps,
  onReset,
}: {
  label: string;
  field: ChannelFieldState | undefined;
  inputProps: ReturnType<UseFormReturnType<Values>['getInputProps']>;
  onReset: () => void;
}) {
  const reset =
    f?.source === 'admin' ? (
      <Anchor
        key="reset"
        component="button"
        type="button"
        size="xs"
        onClick={onReset}
        aria-label={`Use the server’s value for ${label}`}
      >
        Use the server’s value
      </Anchor>
    ) : null;
  const common = {
    label,
    description: (
      <>
        {f ? sourceText(f) : ''} {reset}
      </>
    ),
    ...inputProps,
  };
  return f?.secret ? (
    <PasswordInput
      {...common}
      placeholder={f.set ? 'Saved (hidden); type to replace' : 'Not set'}
      autoComplete="new-password"
    />
  ) : (
    <TextInput
      {...common}
      placeholder={f?.value ? undefined : 'Not set'}
      autoComplete="off"
      spellCheck={false}
    />
  );
}
