import { Alert, Group, Select, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useIntl } from 'react-intl';
import type { TranslatableText } from '../../../../../common/languages';
import { errorMessage, get } from '../../../api/client';
import { PageLoader } from '../../../components/bits';
import { LanguagePicker } from './LanguagePicker';
import { FIELD_MESSAGES, KIND_MESSAGES, M, OPTION_MESSAGE, TEXT_KINDS, type TextKind } from './messages';
import { translationsKey, VariantEditor } from './VariantEditor';

/** Which text of its row an item is, in words. */
function useFieldName() {
  const intl = useIntl();
  return (field: string) => {
    if (field.startsWith('option:')) return intl.formatMessage(OPTION_MESSAGE, { value: field.slice(7) });
    const known = FIELD_MESSAGES[field as keyof typeof FIELD_MESSAGES];
    return known ? intl.formatMessage(known) : field;
  };
}

/** Each configured text of a kind beside its variant in a language, edited in place. */
export function ConfiguredTexts({ locales }: { locales: string[] }) {
  const intl = useIntl();
  const [locale, setLocale] = useState(locales[0] ?? 'de');
  const [kind, setKind] = useState<TextKind>('status');
  const list = useQuery({
    queryKey: translationsKey(kind, locale),
    queryFn: () => get('/translations/:kind', { params: { kind }, query: { locale } }),
  });
  const items = list.data?.items ?? [];
  const done = items.filter((i) => i.text !== null).length;
  return (
    <Stack gap="md">
      <Group gap="md" align="flex-end" wrap="wrap">
        <LanguagePicker locales={locales} value={locale} onChange={setLocale} />
        <Select
          label={intl.formatMessage(M.kind)}
          data={TEXT_KINDS.map((k) => ({ value: k, label: intl.formatMessage(KIND_MESSAGES[k]) }))}
          value={kind}
          onChange={(v) => v && setKind(v as TextKind)}
          allowDeselect={false}
          w={280}
        />
        {list.data && items.length > 0 && (
          <Text size="sm" c="dimmed">
            {intl.formatMessage(M.translatedCount, { done, total: items.length })}
          </Text>
        )}
      </Group>
      {list.isPending ? (
        <PageLoader />
      ) : list.isError ? (
        <Alert color="red" title={intl.formatMessage(M.loadFailed)}>
          {errorMessage(list.error)}
        </Alert>
      ) : items.length === 0 ? (
        <Text c="dimmed">{intl.formatMessage(M.noTexts)}</Text>
      ) : (
        <TextsTable items={items} kind={kind} locale={locale} />
      )}
    </Stack>
  );
}

function TextsTable({ items, kind, locale }: { items: TranslatableText[]; kind: TextKind; locale: string }) {
  const intl = useIntl();
  const fieldName = useFieldName();
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table verticalSpacing="sm" layout="fixed">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w="45%">{intl.formatMessage(M.original)}</Table.Th>
            <Table.Th>{intl.formatMessage(M.translation)}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((item) => {
            const what = `${item.context} · ${fieldName(item.field)}`;
            return (
              <Table.Tr key={`${kind} ${locale} ${item.refId} ${item.field}`}>
                <Table.Td style={{ verticalAlign: 'top' }}>
                  <Text size="xs" c="dimmed">
                    {what}
                  </Text>
                  <Text size="sm" lineClamp={6} style={{ whiteSpace: 'pre-wrap' }}>
                    {item.original}
                  </Text>
                </Table.Td>
                <Table.Td style={{ verticalAlign: 'top' }}>
                  <VariantEditor
                    key={`${item.text ?? ''}`}
                    target={{ kind, locale, refId: item.refId, field: item.field }}
                    text={item.text}
                    maxLength={item.maxLength}
                    label={intl.formatMessage(M.translationOf, { what })}
                  />
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
