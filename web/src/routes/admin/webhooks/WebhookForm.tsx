import { Checkbox, Select, Stack, Switch, TextInput } from '@mantine/core';
import { defineMessages, type MessageDescriptor } from 'react-intl';
import type { z } from 'zod';
import {
  WEBHOOK_EVENT_KEYS,
  WEBHOOK_KIND_LABELS,
  WEBHOOK_KINDS,
  type Webhook,
  type WebhookEvent,
  type WebhookKind,
  webhookBody,
} from '../../../../../common/webhooks';
import { send } from '../../../api/client';
import { NameInput, useModalSave } from '../../../components/admin/forms';
import { type Editing, ModalForm, useContractForm } from '../../../components/ModalForm';
import { t } from '../../../i18n/t';

/** An example of an endpoint's address, the same in every language. */
const URL_EXAMPLE = 'https://example.com/hooks/tessera';

export const webhooksKey = ['admin', 'webhooks'] as const;

/** What each event means, in the reader's language (the event's key is the API's and stays as is). */
const EVENT_DESCRIPTIONS = defineMessages({
  'ticket.created': {
    id: 'webhooks.event.ticketCreated',
    defaultMessage: 'A ticket was opened (any channel)',
  },
  'ticket.updated': {
    id: 'webhooks.event.ticketUpdated',
    defaultMessage: 'A ticket’s fields or status changed; `changes` lists each field from and to',
  },
  'message.created': {
    id: 'webhooks.event.messageCreated',
    defaultMessage: 'A public reply by a customer or by staff, or an internal note (internal endpoints only)',
  },
  'ticket.sla_warning': {
    id: 'webhooks.event.slaWarning',
    defaultMessage: 'A service-level target is close',
  },
  'ticket.sla_breach': {
    id: 'webhooks.event.slaBreach',
    defaultMessage: 'A service-level target was missed',
  },
  'kb.article_published': {
    id: 'webhooks.event.kbArticlePublished',
    defaultMessage:
      'A knowledge-base article was published (first, or again after being a draft or archived); staff-only articles go to internal endpoints only',
  },
}) satisfies Record<WebhookEvent, MessageDescriptor>;

const GENERIC = defineMessages({
  label: { id: 'webhooks.kind.generic', defaultMessage: 'Generic (signed JSON)' },
});

/** A format's name: the chat services' own names, or "Generic" in the reader's language. */
export const kindLabel = (kind: WebhookKind) =>
  kind === 'generic' ? t(GENERIC.label) : WEBHOOK_KIND_LABELS[kind];

const m = defineMessages({
  saved: { id: 'webhooks.form.saved', defaultMessage: 'Webhook saved' },
  created: { id: 'webhooks.form.created', defaultMessage: 'Webhook created' },
  edit: { id: 'webhooks.form.edit', defaultMessage: 'Edit {name}' },
  new: { id: 'webhooks.form.new', defaultMessage: 'New webhook' },
  save: { id: 'webhooks.form.save', defaultMessage: 'Save' },
  create: { id: 'webhooks.form.create', defaultMessage: 'Create webhook' },
  nameHint: { id: 'webhooks.form.name.description', defaultMessage: 'Where it goes, such as “Ops channel”' },
  urlHint: {
    id: 'webhooks.form.url.description',
    defaultMessage: 'http or https; Tessera does not reach local or private addresses unless allowed',
  },
  format: { id: 'webhooks.form.format', defaultMessage: 'Format' },
  events: { id: 'webhooks.form.events', defaultMessage: 'Events' },
  internal: { id: 'webhooks.form.internal', defaultMessage: 'Internal' },
  internalHint: {
    id: 'webhooks.form.internal.description',
    defaultMessage: 'Also send internal notes and staff-only changes',
  },
  enabled: { id: 'webhooks.form.enabled', defaultMessage: 'Enabled' },
});

type Body = z.input<typeof webhookBody>;
type Values = {
  name: string;
  url: string;
  kind: WebhookKind;
  events: string[];
  internal: boolean;
  enabled: boolean;
};

/** Creates an endpoint (its secret is answered once, to `onCreated`) or edits one. */
export function WebhookForm({
  editing,
  onClose,
  onCreated,
}: {
  editing: Editing<Webhook>;
  onClose: () => void;
  onCreated: (created: Webhook & { secret: string }) => void;
}) {
  const item = editing === 'new' || editing === null ? null : editing;
  const form = useContractForm<Values>(webhookBody, {
    name: item?.name ?? '',
    url: item?.url ?? '',
    kind: item?.kind ?? 'generic',
    events: item?.events ?? ['ticket.created'],
    internal: item?.internal ?? false,
    enabled: item?.enabled ?? true,
  });
  const save = useModalSave({
    fn: (body: Body) =>
      item
        ? send('PATCH /webhooks/:id', { params: { id: item.id }, body })
        : send('POST /webhooks', { body }),
    invalidate: [webhooksKey],
    success: () => (item ? t(m.saved) : t(m.created)),
    onClose: (result) => {
      if ('secret' in result) onCreated(result as Webhook & { secret: string });
      else onClose();
    },
  });
  return (
    <ModalForm
      opened={editing !== null}
      onClose={onClose}
      title={item ? t(m.edit, { name: item.name }) : t(m.new)}
      form={form}
      save={save}
      toBody={(v) => ({ ...v, name: v.name.trim(), url: v.url.trim(), events: v.events as Body['events'] })}
      submitLabel={item ? t(m.save) : t(m.create)}
      canSubmit={form.values.events.length > 0}
    >
      <NameInput form={form} description={t(m.nameHint)} maxLength={100} />
      <TextInput
        label="URL"
        required
        placeholder={URL_EXAMPLE}
        description={t(m.urlHint)}
        {...form.getInputProps('url')}
      />
      <Select
        label={t(m.format)}
        data={WEBHOOK_KINDS.map((k) => ({ value: k, label: kindLabel(k) }))}
        allowDeselect={false}
        {...form.getInputProps('kind')}
      />
      <Checkbox.Group label={t(m.events)} required {...form.getInputProps('events')}>
        <Stack gap={6} mt={6}>
          {WEBHOOK_EVENT_KEYS.map((e) => (
            <Checkbox key={e} value={e} label={e} description={t(EVENT_DESCRIPTIONS[e])} />
          ))}
        </Stack>
      </Checkbox.Group>
      <Switch
        label={t(m.internal)}
        description={t(m.internalHint)}
        {...form.getInputProps('internal', { type: 'checkbox' })}
      />
      <Switch label={t(m.enabled)} {...form.getInputProps('enabled', { type: 'checkbox' })} />
    </ModalForm>
  );
}
