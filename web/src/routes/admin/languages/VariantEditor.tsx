import { Button, Group, Stack, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useIntl } from 'react-intl';
import type { TranslationKind } from '../../../../../common/languages';
import { errorMessage, send } from '../../../api/client';
import { M } from './messages';

export type VariantTarget = { kind: TranslationKind; locale: string; refId: string; field: string };

/** The query key of a kind's list in a language, refreshed after each change. */
export const translationsKey = (kind: TranslationKind, locale: string) => ['translations', kind, locale];

/**
 * One text's variant, edited where it is listed: saved or removed on its own, and the list
 * refreshed. Long texts (an article, a canned response) get a growing text area.
 */
export function VariantEditor({
  target,
  text,
  maxLength,
  label,
}: {
  target: VariantTarget;
  text: string | null;
  maxLength: number;
  label: string;
}) {
  const intl = useIntl();
  const qc = useQueryClient();
  const [draft, setDraft] = useState(text ?? '');
  const done = (message: string) => {
    void qc.invalidateQueries({ queryKey: translationsKey(target.kind, target.locale) });
    notifications.show({ color: 'green', message });
  };
  const failed = (e: unknown) =>
    notifications.show({ color: 'red', title: intl.formatMessage(M.notSaved), message: errorMessage(e) });
  const save = useMutation({
    mutationFn: () =>
      send('PUT /translations/:kind', {
        params: { kind: target.kind },
        body: { locale: target.locale, refId: target.refId, field: target.field, text: draft },
      }),
    onSuccess: () => done(intl.formatMessage(M.saved)),
    onError: failed,
  });
  const remove = useMutation({
    mutationFn: () =>
      send('DELETE /translations/:kind', {
        params: { kind: target.kind },
        body: { locale: target.locale, refId: target.refId, field: target.field },
      }),
    onSuccess: () => {
      setDraft('');
      done(intl.formatMessage(M.removed));
    },
    onError: failed,
  });
  const long = maxLength > 300;
  const input = { value: draft, maxLength, 'aria-label': label, dir: 'auto' as const };
  const changed = draft.trim() !== (text ?? '') && draft.trim() !== '';
  return (
    <Stack gap={4}>
      {long ? (
        <Textarea
          {...input}
          autosize
          minRows={2}
          maxRows={12}
          onChange={(e) => setDraft(e.currentTarget.value)}
        />
      ) : (
        <TextInput {...input} onChange={(e) => setDraft(e.currentTarget.value)} />
      )}
      <Group gap="xs" justify="flex-end">
        {text !== null && (
          <Button
            size="compact-xs"
            variant="subtle"
            color="red"
            loading={remove.isPending}
            onClick={() => remove.mutate()}
          >
            {intl.formatMessage(M.remove)}
          </Button>
        )}
        <Button size="compact-xs" disabled={!changed} loading={save.isPending} onClick={() => save.mutate()}>
          {intl.formatMessage(M.save)}
        </Button>
      </Group>
    </Stack>
  );
}
