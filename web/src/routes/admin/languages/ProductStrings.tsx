import { Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useIntl } from 'react-intl';
import { get } from '../../../api/client';
import { PageLoader } from '../../../components/bits';
import { LanguagePicker } from './LanguagePicker';
import { M } from './messages';
import { translationsKey, VariantEditor } from './VariantEditor';

type Catalogue = Record<string, string>;
// The English source catalogue: every product string by id. Its own chunk, loaded on this tab only.
const source = import.meta.glob<Catalogue>('../../../i18n/messages.en.json', { import: 'default' });
const loadSource = async (): Promise<Catalogue> => {
  const [load] = Object.values(source);
  return load ? load() : {};
};

const SHOWN = 50;
/** What an override of a product string may hold at most, as the server takes it. */
const MAX = 2000;

/** The product's own strings: find one by id or wording, and set this installation's wording. */
export function ProductStrings({ locales }: { locales: string[] }) {
  const intl = useIntl();
  const [locale, setLocale] = useState(locales[0] ?? 'en');
  const [typed, setTyped] = useState('');
  const [q] = useDebouncedValue(typed.trim().toLowerCase(), 200);
  const catalogue = useQuery({
    queryKey: ['catalogue', 'en'],
    queryFn: loadSource,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const overrides = useQuery({
    queryKey: translationsKey('ui', locale),
    queryFn: () => get('/translations/:kind', { params: { kind: 'ui' }, query: { locale } }),
  });
  const made = useMemo(
    () => new Map((overrides.data?.items ?? []).map((i) => [i.refId, i.text])),
    [overrides.data],
  );
  const matches = useMemo(() => {
    const all = Object.entries(catalogue.data ?? {});
    // Without a search, the strings already overridden come first, then the catalogue's order.
    const found = q
      ? all.filter(([id, text]) => id.toLowerCase().includes(q) || text.toLowerCase().includes(q))
      : [...all.filter(([id]) => made.has(id)), ...all.filter(([id]) => !made.has(id))];
    return found;
  }, [catalogue.data, q, made]);
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed" maw={640}>
        {intl.formatMessage(M.stringsHelp, { example: '{name}' })}
      </Text>
      <Group gap="md" align="flex-end" wrap="wrap">
        <LanguagePicker locales={locales} value={locale} onChange={setLocale} />
        <TextInput
          label={intl.formatMessage(M.searchStrings)}
          placeholder={intl.formatMessage(M.searchHint)}
          leftSection={<IconSearch size={16} aria-hidden />}
          value={typed}
          onChange={(e) => setTyped(e.currentTarget.value)}
          w={320}
        />
      </Group>
      {catalogue.isPending || overrides.isPending ? (
        <PageLoader />
      ) : matches.length === 0 ? (
        <Text c="dimmed">{intl.formatMessage(M.noStrings)}</Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="sm" layout="fixed">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w="45%">{intl.formatMessage(M.english)}</Table.Th>
                <Table.Th>{intl.formatMessage(M.override)}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {matches.slice(0, SHOWN).map(([id, text]) => (
                <Table.Tr key={`${locale} ${id}`}>
                  <Table.Td style={{ verticalAlign: 'top' }}>
                    <Text size="xs" c="dimmed" ff="monospace">
                      {id}
                    </Text>
                    <Text size="sm" dir="ltr">
                      {text}
                    </Text>
                  </Table.Td>
                  <Table.Td style={{ verticalAlign: 'top' }}>
                    <VariantEditor
                      key={made.get(id) ?? ''}
                      target={{ kind: 'ui', locale, refId: id, field: '' }}
                      text={made.get(id) ?? null}
                      maxLength={MAX}
                      label={intl.formatMessage(M.translationOf, { what: id })}
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {matches.length > SHOWN && (
        <Text size="sm" c="dimmed">
          {intl.formatMessage(M.moreStrings, { count: matches.length - SHOWN })}
        </Text>
      )}
    </Stack>
  );
}
