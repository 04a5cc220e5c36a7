import { Alert, List, Stack, Table, Text, Title } from '@mantine/core';
import type { z } from 'zod';
import type { importPreviewSchema } from '../../../../../common/imports';
import { formatDateTime } from '../../../lib/format';
import { kindLabel } from './labels';
import { ScrollRegion } from './ScrollRegion';

export type ImportPreview = z.infer<typeof importPreviewSchema>;

const OBJECTS: { key: keyof ImportPreview['objects']; label: string }[] = [
  { key: 'organisations', label: 'Organisations' },
  { key: 'customers', label: 'Customers' },
  { key: 'staff', label: 'Staff' },
  { key: 'departments', label: 'Departments' },
  { key: 'topics', label: 'Help topics or ticket types' },
  { key: 'fields', label: 'Custom fields' },
];

/** "210 tickets", or what a delta run reads. */
function ticketsLine(preview: ImportPreview, delta: boolean): string {
  if (preview.tickets === null) return 'The tickets are counted as they are imported.';
  const n = `${preview.tickets.toLocaleString()} ${preview.tickets === 1 ? 'ticket' : 'tickets'}`;
  if (!delta) return `${n} to import.`;
  if (!preview.since) return `${n} to import: no earlier import of this source has finished, so all is read.`;
  return `${n} changed since the last import (${formatDateTime(preview.since)}).`;
}

/** What the dry run found: tickets, the other records (and how many came over before), refusals. */
export function PreviewSummary({ preview, delta }: { preview: ImportPreview; delta: boolean }) {
  return (
    <Stack gap="sm">
      <Title order={3} size="h5">
        What there is to import
      </Title>
      <Text fw={600} data-testid="import-ticket-count">
        {ticketsLine(preview, delta)}
      </Text>
      <ScrollRegion label="Records in the source, by kind" minWidth={280}>
        <Table verticalSpacing={4} aria-label="Records in the source" maw={520}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Records</Table.Th>
              <Table.Th scope="col" ta="right">
                In the source
              </Table.Th>
              <Table.Th scope="col" ta="right">
                Imported before
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {OBJECTS.map(({ key, label }) => (
              <Table.Tr key={key}>
                <Table.Th scope="row" fw={400}>
                  {label}
                </Table.Th>
                <Table.Td ta="right">{preview.objects[key].total.toLocaleString()}</Table.Td>
                <Table.Td ta="right">{preview.objects[key].imported.toLocaleString()}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollRegion>
      {preview.refused.length > 0 && (
        <Alert color="yellow" variant="light" title={`${preview.refused.length} rows will be refused`}>
          <List size="sm" spacing={2}>
            {preview.refused.slice(0, 20).map((r) => (
              <List.Item key={`${r.kind}:${r.sourceId}`}>
                {kindLabel(r.kind, false)} {r.sourceId}: {r.reason}
              </List.Item>
            ))}
          </List>
          {preview.refused.length > 20 && (
            <Text size="xs" mt={4}>
              … and {preview.refused.length - 20} more; the import’s log lists them all.
            </Text>
          )}
        </Alert>
      )}
    </Stack>
  );
}
