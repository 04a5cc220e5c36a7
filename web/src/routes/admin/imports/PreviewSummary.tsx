import { Alert, List, Stack, Table, Text, Title } from '@mantine/core';
import { defineMessages, type MessageDescriptor } from 'react-intl';
import type { z } from 'zod';
import type { importPreviewSchema } from '../../../../../common/imports';
import { t } from '../../../i18n/t';
import { formatDateTime, formatNumber } from '../../../lib/format';
import { kindLabel } from './labels';
import { ScrollRegion } from './ScrollRegion';

export type ImportPreview = z.infer<typeof importPreviewSchema>;

const OBJECTS: { key: keyof ImportPreview['objects']; label: MessageDescriptor }[] = [
  { key: 'organisations', label: { id: 'imports.preview.organisations', defaultMessage: 'Organisations' } },
  { key: 'customers', label: { id: 'imports.preview.customers', defaultMessage: 'Customers' } },
  { key: 'staff', label: { id: 'imports.preview.staff', defaultMessage: 'Staff' } },
  { key: 'departments', label: { id: 'imports.preview.departments', defaultMessage: 'Departments' } },
  { key: 'topics', label: { id: 'imports.preview.topics', defaultMessage: 'Help topics or ticket types' } },
  { key: 'fields', label: { id: 'imports.preview.fields', defaultMessage: 'Custom fields' } },
];

const m = defineMessages({
  uncounted: {
    id: 'imports.preview.uncounted',
    defaultMessage: 'The tickets are counted as they are imported.',
  },
  toImport: {
    id: 'imports.preview.toImport',
    defaultMessage: '{count, plural, one {# ticket to import.} other {# tickets to import.}}',
  },
  toImportAll: {
    id: 'imports.preview.toImportAll',
    defaultMessage:
      '{count, plural, one {# ticket to import: no earlier import of this source has finished, so all is read.} other {# tickets to import: no earlier import of this source has finished, so all is read.}}',
  },
  changed: {
    id: 'imports.preview.changed',
    defaultMessage:
      '{count, plural, one {# ticket changed since the last import ({since}).} other {# tickets changed since the last import ({since}).}}',
  },
  title: { id: 'imports.preview.title', defaultMessage: 'What there is to import' },
  regionLabel: { id: 'imports.preview.region', defaultMessage: 'Records in the source, by kind' },
  table: { id: 'imports.preview.table', defaultMessage: 'Records in the source' },
  records: { id: 'imports.preview.records', defaultMessage: 'Records' },
  inSource: { id: 'imports.preview.inSource', defaultMessage: 'In the source' },
  before: { id: 'imports.preview.before', defaultMessage: 'Imported before' },
  refused: {
    id: 'imports.preview.refused',
    defaultMessage: '{count, plural, one {# row will be refused} other {# rows will be refused}}',
  },
  refusal: { id: 'imports.preview.refusal', defaultMessage: '{kind} {id}: {reason}' },
  more: {
    id: 'imports.preview.more',
    defaultMessage: '… and {count, number} more; the import’s log lists them all.',
  },
});

/** "210 tickets", or what a delta run reads. */
function ticketsLine(preview: ImportPreview, delta: boolean): string {
  if (preview.tickets === null) return t(m.uncounted);
  const count = preview.tickets;
  if (!delta) return t(m.toImport, { count });
  if (!preview.since) return t(m.toImportAll, { count });
  return t(m.changed, { count, since: formatDateTime(preview.since) });
}

/** What the dry run found: tickets, the other records (and how many came over before), refusals. */
export function PreviewSummary({ preview, delta }: { preview: ImportPreview; delta: boolean }) {
  return (
    <Stack gap="sm">
      <Title order={3} size="h5">
        {t(m.title)}
      </Title>
      <Text fw={600} data-testid="import-ticket-count">
        {ticketsLine(preview, delta)}
      </Text>
      <ScrollRegion label={t(m.regionLabel)} minWidth={280}>
        <Table verticalSpacing={4} aria-label={t(m.table)} maw={520}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t(m.records)}</Table.Th>
              <Table.Th scope="col" ta="right">
                {t(m.inSource)}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {t(m.before)}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {OBJECTS.map(({ key, label }) => (
              <Table.Tr key={key}>
                <Table.Th scope="row" fw={400}>
                  {t(label)}
                </Table.Th>
                <Table.Td ta="right">{formatNumber(preview.objects[key].total)}</Table.Td>
                <Table.Td ta="right">{formatNumber(preview.objects[key].imported)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollRegion>
      {preview.refused.length > 0 && (
        <Alert color="yellow" variant="light" title={t(m.refused, { count: preview.refused.length })}>
          <List size="sm" spacing={2}>
            {preview.refused.slice(0, 20).map((r) => (
              <List.Item key={`${r.kind}:${r.sourceId}`}>
                {t(m.refusal, { kind: kindLabel(r.kind, false), id: r.sourceId, reason: r.reason })}
              </List.Item>
            ))}
          </List>
          {preview.refused.length > 20 && (
            <Text size="xs" mt={4}>
              {t(m.more, { count: preview.refused.length - 20 })}
            </Text>
          )}
        </Alert>
      )}
    </Stack>
  );
}
