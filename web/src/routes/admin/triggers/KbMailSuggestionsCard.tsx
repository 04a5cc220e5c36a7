import { Card, Switch, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { defineMessages } from 'react-intl';
import type { KbMailSuggestions } from '../../../../../common/kb';
import { get, send } from '../../../api/client';
import { useAdminMutation } from '../../../components/admin';
import { ErrorAlert } from '../../../components/bits';
import { t } from '../../../i18n/t';

const key = ['settings', 'kb-mail-suggestions'] as const;

const m = defineMessages({
  on: { id: 'triggers.kbSuggestions.on', defaultMessage: 'Suggested articles turned on' },
  off: { id: 'triggers.kbSuggestions.off', defaultMessage: 'Suggested articles turned off' },
  cannotLoad: { id: 'triggers.kbSuggestions.cannotLoad', defaultMessage: 'Cannot load the setting' },
  label: {
    id: 'triggers.kbSuggestions.label',
    defaultMessage: 'Suggest help-centre articles in the first answer to email tickets',
  },
  description: {
    id: 'triggers.kbSuggestions.description',
    defaultMessage:
      'A trigger’s notice to the requester when a ticket is opened by email lists up to three published articles matching its subject, among those the requester may read.',
  },
  audit: {
    id: 'triggers.kbSuggestions.audit',
    defaultMessage: 'Every change is recorded on the audit trail.',
  },
});

/**
 * Whether a trigger's first notice to the requester of a ticket opened by email lists up to three
 * help-centre articles its subject points to (those the requester may read). Saved when switched.
 */
export function KbMailSuggestionsCard() {
  const qc = useQueryClient();
  const setting = useQuery({ queryKey: key, queryFn: () => get('/settings/kb-mail-suggestions') });
  const save = useAdminMutation({
    fn: (body: KbMailSuggestions) => send('PUT /settings/kb-mail-suggestions', { body }),
    invalidate: [],
    success: (s) => (s.enabled ? t(m.on) : t(m.off)),
    onSuccess: (saved) => qc.setQueryData(key, saved),
  });
  if (setting.isError) return <ErrorAlert error={setting.error} title={t(m.cannotLoad)} />;
  const value = save.isPending ? save.variables : setting.data;
  return (
    <Card withBorder radius="md" padding="md">
      <Switch
        label={t(m.label)}
        description={t(m.description)}
        checked={value?.enabled ?? false}
        disabled={!value || save.isPending}
        onChange={(e) => save.mutate({ enabled: e.currentTarget.checked })}
      />
      <Text size="xs" c="dimmed" mt="xs">
        {t(m.audit)}
      </Text>
    </Card>
  );
}
