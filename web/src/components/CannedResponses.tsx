import { Select } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@tanstack/react-query';
import { errorMessage, get, isApiError, send } from '../api/client';

/**
 * Pre-written replies for the ticket's department (and those for every department), rendered by
 * the server with the ticket's placeholders filled in, then put in the reply box. Absent where
 * the server has none.
 */
export function CannedResponsePicker({
  ticketNumber,
  departmentId,
  insert,
}: {
  ticketNumber: number;
  departmentId: string;
  insert: (text: string) => void;
}) {
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
  const render = useMutation({
    mutationFn: (id: string) =>
      send('POST /canned-responses/:id/render', { params: { id }, body: { ticketNumber } }),
    onSuccess: (r) => insert(r.body),
    onError: (e) => notifications.show({ color: 'red', title: 'Not inserted', message: errorMessage(e) }),
  });
  if (!list.data || list.data.length === 0) return null;
  return (
    <Select
      aria-label="Insert a canned response"
      placeholder="Insert a canned response"
      size="xs"
      w={240}
      searchable
      data={list.data.map((c) => ({ value: c.id, label: c.title }))}
      value={null}
      onChange={(id) => id && render.mutate(id)}
      disabled={render.isPending}
      nothingFoundMessage="No canned response matches"
    />
  );
}
