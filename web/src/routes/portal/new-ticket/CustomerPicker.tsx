import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
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
      label="Customer"
      description="Who the ticket is for: type part of their name or email address"
      placeholder="Search customers"
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
          ? 'Type at least two letters'
          : found.isFetching
            ? 'Searching…'
            : 'No customer matches'
      }
      error={error}
    />
  );
}
