import { Button, Card, Group, Stack, Text, Textarea, Title } from '@mantine/core';
import { type FormEvent, useEffect, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { PRIORITIES } from '../../../common/api';
import { ApiError, send } from '../api/client';
import { type PriorityHelp, priorityHelpKey, usePriorityHelp } from '../api/priorityHelp';
import { t } from '../i18n/t';
import { PRIORITY_INFO } from '../lib/format';
import { useAdminMutation } from './admin';
import { ErrorAlert } from './bits';

/** Admin › Ticket types: the words a customer reads under each priority when opening a ticket. */
export function PriorityHelpCard() {
  const help = usePriorityHelp();
  const intl = useIntl();
  const [draft, setDraft] = useState<PriorityHelp | null>(null);
  useEffect(() => {
    if (help.data) setDraft(help.data);
  }, [help.data]);
  const save = useAdminMutation({
    fn: (value: PriorityHelp) => send('PUT /settings/priority-help', { body: value }),
    invalidate: [priorityHelpKey],
    success: () => t({ id: 'common.priorityHelp.saved', defaultMessage: 'Priority descriptions saved' }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (draft) save.mutate(draft);
  };
  const fieldError = (p: string) => (save.error instanceof ApiError ? save.error.fieldError(p) : undefined);

  return (
    <Card withBorder radius="md" padding="md" component="section" aria-labelledby="priority-help-title">
      <Stack gap="sm">
        <div>
          <Title order={2} size="h4" id="priority-help-title">
            <FormattedMessage id="common.priorityHelp.title" defaultMessage="Priority descriptions" />
          </Title>
          <Text size="sm" c="dimmed">
            <FormattedMessage
              id="common.priorityHelp.intro"
              defaultMessage="What each priority means here, shown to customers when they open a ticket."
            />
          </Text>
        </div>
        {help.isError ? (
          <ErrorAlert
            error={help.error}
            title={intl.formatMessage({
              id: 'common.priorityHelp.loadError',
              defaultMessage: 'Cannot load the priority descriptions',
            })}
          />
        ) : (
          <form onSubmit={submit}>
            <Stack gap="xs">
              {PRIORITIES.map((p) => (
                <Textarea
                  key={p}
                  label={PRIORITY_INFO[p].label}
                  autosize
                  minRows={1}
                  maxLength={300}
                  value={draft?.[p] ?? ''}
                  error={fieldError(p)}
                  disabled={!draft}
                  onChange={(e) => {
                    const value = e.currentTarget.value;
                    setDraft((d) => (d ? { ...d, [p]: value } : d));
                  }}
                />
              ))}
              <Group justify="flex-end">
                <Button type="submit" loading={save.isPending} disabled={!draft}>
                  <FormattedMessage id="common.priorityHelp.save" defaultMessage="Save descriptions" />
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Stack>
    </Card>
  );
}
