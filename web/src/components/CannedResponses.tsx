import { Select } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { defineMessages, useIntl } from 'react-intl';
import type { z } from 'zod';
import type { cannedSchema } from '../../../common/intake';
import { errorMessage, get, isApiError, send } from '../api/client';
import { keys } from '../api/hooks';
import { t } from '../i18n/t';
import type { PendingMacro } from './ReplyExtras';

type Canned = z.infer<typeof cannedSchema>;

const DOES = defineMessages({
  note: { id: 'common.macro.does.note', defaultMessage: 'add an internal note' },
  status: { id: 'common.macro.does.status', defaultMessage: 'status → {status}' },
  priority: { id: 'common.macro.does.priority', defaultMessage: 'priority → {priority}' },
  addTags: { id: 'common.macro.does.addTags', defaultMessage: 'tag {tags}' },
  removeTags: { id: 'common.macro.does.removeTags', defaultMessage: 'untag {tags}' },
});

/** What a macro does besides its text, in a few words ("add a note", "status → closed", …). */
export function macroDoes(c: Canned): string[] {
  const ch = c.actions.changes ?? {};
  const tags = (key: 'addTags' | 'removeTags') =>
    Array.isArray(ch[key]) && ch[key].length > 0
      ? [t(DOES[key], { tags: (ch[key] as string[]).join(', ') })]
      : [];
  return [
    ...(c.actions.note ? [t(DOES.note)] : []),
    ...(typeof ch.status === 'string' ? [t(DOES.status, { status: ch.status })] : []),
    ...(typeof ch.priority === 'string' ? [t(DOES.priority, { priority: ch.priority })] : []),
    ...tags('addTags'),
    ...tags('removeTags'),
  ];
}

/**
 * Pre-written replies and macros for the ticket's department (and those for every department). A
 * response's text, filled in by the server, goes in the reply box; a macro's other actions wait
 * there (`onMacro`) and apply with the reply; a macro without text applies at once.
 */
export function CannedResponsePicker({
  ticketNumber,
  departmentId,
  insert,
  onMacro,
}: {
  ticketNumber: number;
  departmentId: string;
  insert: (text: string) => void;
  onMacro: (m: PendingMacro) => void;
}) {
  const qc = useQueryClient();
  const intl = useIntl();
  const list = useQuery({
    queryKey: ['canned-responses', departmentId],
    queryFn: async () => {
      try {
        return (await get('/canned-responses', { query: { departmentId } })).items;
      } catch (e) {
        if (isApiError(e, 404)) return [];
        throw e;
      }
    },
    staleTime: 60_000,
  });
  const failed = (e: unknown) =>
    notifications.show({
      color: 'red',
      title: intl.formatMessage({ id: 'common.canned.notApplied', defaultMessage: 'Not applied' }),
      message: errorMessage(e),
    });
  const render = useMutation({
    mutationFn: async (c: Canned) => ({
      c,
      text: (
        await send('POST /canned-responses/:id/render', { params: { id: c.id }, body: { ticketNumber } })
      ).body,
    }),
    onSuccess: ({ c, text }) => {
      insert(text);
      const does = macroDoes(c);
      if (does.length > 0) onMacro({ id: c.id, title: c.title, does });
    },
    onError: failed,
  });
  const apply = useMutation({
    mutationFn: (c: Canned) =>
      send('POST /tickets/:number/actions', { params: { number: ticketNumber }, body: { macroId: c.id } }),
    onSuccess: (ticket, c) => {
      qc.setQueryData(keys.ticket(ticketNumber), ticket);
      void qc.invalidateQueries({ queryKey: keys.messages(ticketNumber) });
      void qc.invalidateQueries({ queryKey: keys.events(ticketNumber) });
      void qc.invalidateQueries({ queryKey: ['tickets'] });
      notifications.show({
        color: 'green',
        message: intl.formatMessage(
          { id: 'common.canned.macroApplied', defaultMessage: 'Macro “{title}” applied' },
          { title: c.title },
        ),
      });
    },
    onError: failed,
  });
  if (!list.data || list.data.length === 0) return null;
  const pick = (id: string | null) => {
    const c = list.data.find((x) => x.id === id);
    if (!c) return;
    if (c.body) render.mutate(c);
    else apply.mutate(c);
  };
  return (
    <Select
      aria-label={intl.formatMessage({
        id: 'common.canned.insert',
        defaultMessage: 'Insert a canned response',
      })}
      placeholder={intl.formatMessage({
        id: 'common.canned.placeholder',
        defaultMessage: 'Insert a canned response or macro',
      })}
      size="xs"
      w={260}
      searchable
      data={list.data.map((c) => ({
        value: c.id,
        label:
          macroDoes(c).length > 0
            ? intl.formatMessage(
                { id: 'common.canned.macroOption', defaultMessage: '{title} (macro)' },
                { title: c.title },
              )
            : c.title,
      }))}
      value={null}
      onChange={pick}
      disabled={render.isPending || apply.isPending}
      nothingFoundMessage={intl.formatMessage({
        id: 'common.canned.nothingFound',
        defaultMessage: 'No canned response matches',
      })}
    />
  );
}
