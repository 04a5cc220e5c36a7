import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useIntl } from 'react-intl';
import { get } from '../../../api/client';
import type { User } from '../../../api/types';

/** A customer found by part of their name or email, as the agent types. */
export function CustomerPicker({
  value,
  onChange,
  error,
}: {
  value: User | null;
  onChange: (u: User | null) => void;
  error?: string;
}) {
  const [search, setSearch] = useState('');
  const intl = useIntl();
  const [text] = useDebouncedValue(search.trim(), 250);
  const found = useQuery({
    queryKey: ['users', 'customer', text],
    queryFn: async () => (await get('/users', { query: { role: 'customer', q: text, limit: 20 } })).items,
    enabled: text.length >= 2,
    placeholderData: keepPreviousData,
  });
  const options = [...(value ? [value] : []), ...(found.data ?? []).filter((u) => u.id !== value?.id)];
  return (
    <Select
      label={intl.formatMessage({ id: 'portal.new.customer', defaultMessage: 'Customer' })}
      description={intl.formatMessage({
        id: 'portal.new.customerHelp',
        defaultMessage: 'Who the ticket is for: type part of their name or email address',
      })}
      placeholder={intl.formatMessage({
        id: 'portal.new.customerSearch',
        defaultMessage: 'Search customers',
      })}
      required
      searchable
      clearable
      filter={({ options: all }) => all}
      searchValue={search}
      onSearchChange={setSearch}
      data={options.map((u) => ({ value: u.id, label: `${u.name} <${u.email}>` }))}
      value={value?.id ?? null}
      onChange={(id) => onChange(options.find((u) => u.id === id) ?? null)}
      nothingFoundMessage={
        text.length < 2
          ? intl.formatMessage({ id: 'portal.new.typeTwo', defaultMessage: 'Type at least two letters' })
          : found.isFetching
            ? intl.formatMessage({ id: 'portal.new.searching', defaultMessage: 'Searching…' })
            : intl.formatMessage({ id: 'portal.new.noCustomer', defaultMessage: 'No customer matches' })
      }
      error={error}
    />
  );
}
