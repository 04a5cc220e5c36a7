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
import { defineMessages, FormattedMessage, type MessageDescriptor, useIntl } from 'react-intl';
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
import { channelFieldLabel } from '../../i18n/labels';
import { t } from '../../i18n/t';
import { ChannelTests } from './channels/ChannelTests';

const channelsKey = ['admin', 'channels'] as const;

const TITLES = {
  email: defineMessages({
    title: { id: 'admin.channels.email.title', defaultMessage: 'Email' },
    about: {
      id: 'admin.channels.email.about',
      defaultMessage:
        'Notifications go out through the SMTP server; replies to them and mail to the support address come back in, by the built-in SMTP listener or by polling the IMAP mailbox.',
    },
  }),
  whatsapp: defineMessages({
    title: { id: 'admin.channels.whatsapp.title', defaultMessage: 'WhatsApp' },
    about: {
      id: 'admin.channels.whatsapp.about',
      defaultMessage:
        'The WhatsApp Business Cloud API: customers write to your number, and get ticket updates there. Meta’s webhook points at /webhooks/whatsapp.',
    },
  }),
  telegram: defineMessages({
    title: { id: 'admin.channels.telegram.title', defaultMessage: 'Telegram' },
    about: {
      id: 'admin.channels.telegram.about',
      defaultMessage:
        'A Telegram bot that sends notifications to users who linked it in Account settings. Its webhook points at /webhooks/telegram.',
    },
  }),
} satisfies Record<ChannelName, { title: MessageDescriptor; about: MessageDescriptor }>;

/** Where a setting's value comes from, in words. */
function sourceText(f: ChannelFieldState): string {
  if (f.source === 'admin')
    return t(
      { id: 'admin.channels.source.admin', defaultMessage: 'Set here; overrides {env}.' },
      { env: f.env },
    );
  if (f.source === 'env')
    return t(
      { id: 'admin.channels.source.env', defaultMessage: 'From the server’s {env} (or its default).' },
      { env: f.env },
    );
  return t({ id: 'admin.channels.source.none', defaultMessage: 'Not set ({env}).' }, { env: f.env });
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
  const intl = useIntl();
  return (
    <AdminPage
      gap="lg"
      title={intl.formatMessage({ id: 'admin.channels.title', defaultMessage: 'Channels' })}
      description={intl.formatMessage({
        id: 'admin.channels.description',
        defaultMessage:
          'How Tessera sends and receives mail, WhatsApp and Telegram messages. What you save here overrides the server’s environment variables; clearing a field goes back to them. Secrets are never shown again once saved.',
      })}
    >
      {settings.isPending ? (
        <PageLoader
          label={intl.formatMessage({
            id: 'admin.channels.loading',
            defaultMessage: 'Loading channel settings',
          })}
        />
      ) : settings.isError ? (
        <ErrorAlert
          error={settings.error}
          title={intl.formatMessage({
            id: 'admin.channels.loadError',
            defaultMessage: 'Cannot load channel settings',
          })}
        />
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
  const fields = state.fields as Record<string, ChannelFieldState>;
  const names = Object.keys(CHANNEL_FIELDS[channel]) as ChannelField<C>[];
  const intl = useIntl();
  const title = intl.formatMessage(TITLES[channel].title);
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
    success: () =>
      intl.formatMessage(
        { id: 'admin.channels.saved', defaultMessage: '{channel} settings saved' },
        { channel: title },
      ),
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
              label={channelFieldLabel(channel, n)}
              field={fields[n]}
              inputProps={form.getInputProps(n)}
              onReset={() => mutate({ [n]: null })}
            />
          ))}
        </SimpleGrid>
        {save.isError && !onFields && (
          <ErrorAlert
            error={save.error}
            title={intl.formatMessage({ id: 'admin.notSaved', defaultMessage: 'Not saved' })}
          />
        )}
        <Group justify="space-between" mt="md" wrap="wrap">
          <Text size="xs" c="dimmed">
            {channel === 'email' && (
              <FormattedMessage
                id="admin.channels.maskedPassword"
                defaultMessage="A URL’s password shows as <code>********</code>; leave it so to keep the saved one."
                values={{ code: (c) => <Code>{c}</Code> }}
              />
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
              <FormattedMessage id="admin.channels.discard" defaultMessage="Discard changes" />
            </Button>
            <Button type="submit" disabled={!dirty} loading={save.isPending}>
              <FormattedMessage
                id="admin.channels.save"
                defaultMessage="Save {channel} settings"
                values={{ channel: title }}
              />
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
  const intl = useIntl();
  return (
    <Group justify="space-between" align="flex-start" mb="xs">
      <Stack gap={2}>
        <Title order={2} size="h4" id={id}>
          {intl.formatMessage(TITLES[channel].title)}
        </Title>
        <Text size="sm" c="dimmed" maw={680}>
          {intl.formatMessage(TITLES[channel].about)}
        </Text>
      </Stack>
      {configured ? (
        <Badge color="green" variant="light" leftSection={<IconCircleCheck size={12} aria-hidden />}>
          <FormattedMessage id="admin.channels.setUp" defaultMessage="Set up" />
        </Badge>
      ) : (
        <Badge color="gray" variant="light">
          <FormattedMessage id="admin.channels.notSetUp" defaultMessage="Not set up" />
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
  const intl = useIntl();
  const reset =
    f?.source === 'admin' ? (
      <Anchor
        key="reset"
        component="button"
        type="button"
        size="xs"
        onClick={onReset}
        aria-label={intl.formatMessage(
          { id: 'admin.channels.useServerValueFor', defaultMessage: 'Use the server’s value for {field}' },
          { field: label },
        )}
      >
        <FormattedMessage id="admin.channels.useServerValue" defaultMessage="Use the server’s value" />
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
      placeholder={
        f.set
          ? intl.formatMessage({
              id: 'admin.signIn.sso.secretSaved',
              defaultMessage: 'Saved (hidden); type to replace',
            })
          : intl.formatMessage({ id: 'admin.signIn.sso.secretNotSet', defaultMessage: 'Not set' })
      }
      autoComplete="new-password"
    />
  ) : (
    <TextInput
      {...common}
      placeholder={
        f?.value
          ? undefined
          : intl.formatMessage({ id: 'admin.signIn.sso.secretNotSet', defaultMessage: 'Not set' })
      }
      autoComplete="off"
      spellCheck={false}
    />
  );
}
