import { TagsInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useIntl } from 'react-intl';
import { get } from '../../../api/client';
import type { Ticket } from '../../../api/types';
import type { useUpdateTicket } from './Properties';

/** The tags in use that start with `prefix`, most used first: what a tag box suggests. */
export function useTagSuggestions(prefix: string) {
  const [debounced] = useDebouncedValue(prefix.trim(), 200);
  const tags = useQuery({
    queryKey: ['tags', debounced],
    queryFn: () => get('/tags', { query: { q: debounced, limit: 10 } }),
    staleTime: 30_000,
  });
  return (tags.data?.items ?? []).map((t) => t.name);
}

/** The ticket's tags: typed (comma or Enter ends one) or picked from those in use; saved at once. */
export function TicketTags({
  ticket: t,
  update,
}: {
  ticket: Ticket;
  update: ReturnType<typeof useUpdateTicket>;
}) {
  const [search, setSearch] = useState('');
  const suggestions = useTagSuggestions(search);
  const intl = useIntl();
  // While a change saves, it is shown as made.
  const pending = update.isPending ? update.variables?.tags : undefined;
  return (
    <TagsInput
      label={intl.formatMessage({ id: 'agent.ticket.tags', defaultMessage: 'Tags' })}
      placeholder={
        (t.tags ?? []).length === 0
          ? intl.formatMessage({ id: 'agent.ticket.addTag', defaultMessage: 'Add a tag' })
          : undefined
      }
      data={suggestions}
      value={pending ?? t.tags ?? []}
      onChange={(tags) => update.mutate({ tags })}
      searchValue={search}
      onSearchChange={setSearch}
      splitChars={[',']}
      maxTags={50}
      clearable
      disabled={!t.abilities.update}
    />
  );
}
