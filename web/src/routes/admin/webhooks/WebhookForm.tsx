import { Checkbox, Select, Stack, Switch, TextInput } from '@mantine/core';
import type { z } from 'zod';
import {
  WEBHOOK_EVENT_KEYS,
  WEBHOOK_EVENTS,
  WEBHOOK_KIND_LABELS,
  WEBHOOK_KINDS,
  type Webhook,
  type WebhookKind,
  webhookBody,
} from '../../../../../common/webhooks';
import { send } from '../../../api/client';
import { NameInput, useModalSave } from '../../../components/admin/forms';
import { type Editing, ModalForm, useContractForm } from '../../../components/ModalForm';

export const webhooksKey = ['admin', 'webhooks'] as const;

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
    success: () => (item ? 'Webhook saved' : 'Webhook created'),
    onClose: (result) => {
      if ('secret' in result) onCreated(result as Webhook & { secret: string });
      else onClose();
    },
  });
  return (
    <ModalForm
      opened={editing !== null}
      onClose={onClose}
      title={item ? `Edit ${item.name}` : 'New webhook'}
      form={form}
      save={save}
      toBody={(v) => ({ ...v, name: v.name.trim(), url: v.url.trim(), events: v.events as Body['events'] })}
      submitLabel={item ? 'Save' : 'Create webhook'}
      canSubmit={form.values.events.length > 0}
    >
      <NameInput form={form} description="Where it goes, such as “Ops channel”" maxLength={100} />
      <TextInput
        label="URL"
        required
        placeholder="https://example.com/hooks/tessera"
        description="http or https; Tessera does not reach local or private addresses unless allowed"
        {...form.getInputProps('url')}
      />
      <Select
        label="Format"
        data={WEBHOOK_KINDS.map((k) => ({ value: k, label: WEBHOOK_KIND_LABELS[k] }))}
        allowDeselect={false}
        {...form.getInputProps('kind')}
      />
      <Checkbox.Group label="Events" required {...form.getInputProps('events')}>
        <Stack gap={6} mt={6}>
          {WEBHOOK_EVENT_KEYS.map((e) => (
            <Checkbox key={e} value={e} label={e} description={WEBHOOK_EVENTS[e]} />
          ))}
        </Stack>
      </Checkbox.Group>
      <Switch
        label="Internal"
        description="Also send internal notes and staff-only changes"
        {...form.getInputProps('internal', { type: 'checkbox' })}
      />
      <Switch label="Enabled" {...form.getInputProps('enabled', { type: 'checkbox' })} />
    </ModalForm>
  );
}
