import { Button, Card, Group, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { CustomerNote, CustomerProfile } from '../../../../../common/profiles';
import { send } from '../../../api/client';
import { ErrorAlert, Time } from '../../../components/bits';
import { useProfileChange } from './api';

/** Staff's notes about the customer, newest first; never shown to the customer. */
export function NotesCard({ profile: p }: { profile: CustomerProfile }) {
  const id = p.customer.id;
  const [draft, setDraft] = useState('');
  const intl = useIntl();
  const add = useProfileChange(id, (body: string) =>
    send('POST /customers/:id/notes', { params: { id }, body: { body } }),
  );
  return (
    <Card withBorder radius="md" padding="md">
      <Title order={2} size="h4">
        <FormattedMessage id="agent.notes.title" defaultMessage="Notes" />
      </Title>
      <Text size="xs" c="dimmed" mb="sm">
        <FormattedMessage id="agent.notes.help" defaultMessage="Seen by staff only, never by the customer." />
      </Text>
      <Stack gap="sm">
        {p.abilities.addNote && (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (draft.trim()) add.mutate(draft, { onSuccess: () => setDraft('') });
            }}
          >
            <Stack gap="xs">
              {add.isError && (
                <ErrorAlert
                  error={add.error}
                  title={intl.formatMessage({ id: 'agent.notes.notAdded', defaultMessage: 'Note not added' })}
                />
              )}
              <Textarea
                aria-label={intl.formatMessage({ id: 'agent.notes.new', defaultMessage: 'New note' })}
                placeholder={intl.formatMessage({
                  id: 'agent.notes.placeholder',
                  defaultMessage: 'Something colleagues should know about this customer',
                })}
                autosize
                minRows={2}
                maxLength={10_000}
                value={draft}
                onChange={(e) => setDraft(e.currentTarget.value)}
              />
              <Group justify="flex-end">
                <Button type="submit" size="xs" loading={add.isPending} disabled={!draft.trim()}>
                  <FormattedMessage id="agent.notes.add" defaultMessage="Add note" />
                </Button>
              </Group>
            </Stack>
          </form>
        )}
        {p.notes.length === 0 && (
          <Text size="sm" c="dimmed">
            <FormattedMessage id="agent.notes.none" defaultMessage="No notes yet." />
          </Text>
        )}
        {p.notes.map((n) => (
          <Note key={n.id} customerId={id} note={n} />
        ))}
      </Stack>
    </Card>
  );
}

function Note({ customerId, note: n }: { customerId: string; note: CustomerNote }) {
  const [editing, setEditing] = useState<string | null>(null);
  const intl = useIntl();
  const params = { id: customerId, noteId: n.id };
  const save = useProfileChange(customerId, (body: string) =>
    send('PATCH /customers/:id/notes/:noteId', { params, body: { body } }),
  );
  const remove = useProfileChange(customerId, () => send('DELETE /customers/:id/notes/:noteId', { params }));
  return (
    <Card withBorder padding="sm" radius="sm" bg="var(--mantine-color-yellow-light)">
      {(save.isError || remove.isError) && (
        <ErrorAlert
          error={save.error ?? remove.error}
          title={intl.formatMessage({ id: 'agent.notes.notSaved', defaultMessage: 'Not saved' })}
        />
      )}
      {editing === null ? (
        <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {n.body}
        </Text>
      ) : (
        <Textarea
          aria-label={intl.formatMessage({ id: 'agent.notes.note', defaultMessage: 'Note' })}
          autosize
          minRows={2}
          value={editing}
          onChange={(e) => setEditing(e.currentTarget.value)}
        />
      )}
      <Group justify="space-between" mt={6} gap="xs" wrap="wrap">
        <Text size="xs" c="dimmed">
          {n.author?.name ?? (
            <FormattedMessage id="agent.notes.formerAuthor" defaultMessage="Someone no longer here" />
          )}{' '}
          · <Time iso={n.createdAt} />
          {n.updatedAt !== n.createdAt &&
            intl.formatMessage({ id: 'agent.notes.edited', defaultMessage: ' · edited' })}
        </Text>
        {n.canChange && (
          <Group gap={4}>
            {editing === null ? (
              <>
                <Button size="compact-xs" variant="subtle" onClick={() => setEditing(n.body)}>
                  <FormattedMessage id="agent.notes.edit" defaultMessage="Edit" />
                </Button>
                <Button
                  size="compact-xs"
                  variant="subtle"
                  color="red"
                  loading={remove.isPending}
                  onClick={() => remove.mutate(undefined)}
                >
                  <FormattedMessage id="agent.notes.delete" defaultMessage="Delete" />
                </Button>
              </>
            ) : (
              <>
                <Button size="compact-xs" variant="subtle" onClick={() => setEditing(null)}>
                  <FormattedMessage id="agent.notes.cancel" defaultMessage="Cancel" />
                </Button>
                <Button
                  size="compact-xs"
                  loading={save.isPending}
                  disabled={!editing.trim()}
                  onClick={() => save.mutate(editing, { onSuccess: () => setEditing(null) })}
                >
                  <FormattedMessage id="agent.notes.save" defaultMessage="Save" />
                </Button>
              </>
            )}
          </Group>
        )}
      </Group>
    </Card>
  );
}
