import { Card, Select, Stack, Table, Text, Title } from '@mantine/core';
import { defineMessages } from 'react-intl';
import type { z } from 'zod';
import type { csvInspectSchema } from '../../../../../common/imports';
import { t } from '../../../i18n/t';
import { ScrollRegion } from './ScrollRegion';

type Inspection = z.infer<typeof csvInspectSchema>;
/** Column header → what it becomes, or null where the column is ignored. */
export type Mapping = Record<string, string | null>;

const m = defineMessages({
  size: {
    id: 'imports.mapping.size',
    defaultMessage:
      '{rows, plural, one {# row} other {# rows}}, {columns, plural, one {# column} other {# columns}}',
  },
  missing: { id: 'imports.mapping.missing', defaultMessage: 'No column is chosen for: {fields}.' },
  columnsOf: { id: 'imports.mapping.columnsOf', defaultMessage: 'Columns of {name}' },
  column: { id: 'imports.mapping.column', defaultMessage: 'Column' },
  becomes: { id: 'imports.mapping.becomes', defaultMessage: 'Becomes' },
  columnBecomes: { id: 'imports.mapping.columnBecomes', defaultMessage: 'Column “{header}” becomes' },
  ignored: { id: 'imports.mapping.ignored', defaultMessage: 'Ignored' },
  firstRowsAsRead: { id: 'imports.mapping.firstRowsAsRead', defaultMessage: 'First rows of {name}, as read' },
  firstRows: { id: 'imports.mapping.firstRows', defaultMessage: 'First rows of {name}' },
});

/** The Select's value for an ignored column (no target is named so). */
const IGNORE = '(ignore)';

/** The labels of the required targets no column is mapped to. */
export function missingTargets(inspection: Inspection, mapping: Mapping): string[] {
  const used = new Set(Object.values(mapping));
  return inspection.targets.filter((t) => t.required && !used.has(t.target)).map((t) => t.label);
}

/**
 * The mapping step of one spreadsheet: each column with what it becomes (as proposed from its
 * header, changeable; a target is taken by one column only), then its first rows as they were read.
 */
export function CsvMapping({
  name,
  inspection,
  mapping,
  fields,
  onChange,
}: {
  name: string;
  inspection: Inspection;
  mapping: Mapping;
  /** Further targets: the custom fields a column may fill. */
  fields: { target: string; label: string }[];
  onChange: (mapping: Mapping) => void;
}) {
  const targets = [
    ...inspection.targets.map((t) => ({ target: t.target, label: t.required ? `${t.label} *` : t.label })),
    ...fields,
  ];
  // A proposal the lists above lack (a custom field not set up yet) stays choosable as it is.
  for (const to of Object.values(mapping)) {
    if (to && !targets.some((t) => t.target === to)) targets.push({ target: to, label: to });
  }
  const missing = missingTargets(inspection, mapping);
  const headingId = `csv-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;
  return (
    <Card withBorder radius="md" padding="sm" component="section" aria-labelledby={headingId}>
      <Stack gap="sm">
        <div>
          <Title order={3} size="h5" id={headingId} style={{ overflowWrap: 'anywhere' }}>
            {name}
          </Title>
          <Text size="xs" c="dimmed">
            {t(m.size, { rows: inspection.rows, columns: inspection.headers.length })}
          </Text>
        </div>
        {missing.length > 0 && (
          <Text size="sm" c="red" role="alert">
            {t(m.missing, { fields: missing.join(', ') })}
          </Text>
        )}
        <Table verticalSpacing={4} aria-label={t(m.columnsOf, { name })}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t(m.column)}</Table.Th>
              <Table.Th scope="col">{t(m.becomes)}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {inspection.headers.map((header) => {
              const takenByOthers = new Set(
                Object.entries(mapping).flatMap(([h, to]) => (h !== header && to ? [to] : [])),
              );
              return (
                <Table.Tr key={header}>
                  <Table.Td style={{ overflowWrap: 'anywhere' }}>
                    <Text size="sm" fw={500}>
                      {header}
                    </Text>
                  </Table.Td>
                  <Table.Td w="60%">
                    <Select
                      size="xs"
                      aria-label={t(m.columnBecomes, { header })}
                      allowDeselect={false}
                      value={mapping[header] ?? IGNORE}
                      data={[
                        { value: IGNORE, label: t(m.ignored) },
                        ...targets.map((t) => ({
                          value: t.target,
                          label: t.label,
                          disabled: takenByOthers.has(t.target),
                        })),
                      ]}
                      onChange={(v) => onChange({ ...mapping, [header]: !v || v === IGNORE ? null : v })}
                    />
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
        <FirstRows name={name} inspection={inspection} />
      </Stack>
    </Card>
  );
}

function FirstRows({ name, inspection }: { name: string; inspection: Inspection }) {
  if (inspection.sample.length === 0) return null;
  return (
    <ScrollRegion
      label={t(m.firstRowsAsRead, { name })}
      minWidth={Math.max(300, inspection.headers.length * 120)}
      maxHeight={260}
    >
      <Table
        verticalSpacing={2}
        fz="xs"
        striped
        withTableBorder
        aria-label={t(m.firstRows, { name })}
        style={{ whiteSpace: 'nowrap' }}
      >
        <Table.Thead>
          <Table.Tr>
            {inspection.headers.map((h) => (
              <Table.Th key={h} scope="col">
                {h}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {inspection.sample.map((row, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the rows are the file's, in its order, never moved.
            <Table.Tr key={i}>
              {inspection.headers.map((h, c) => (
                <Table.Td key={h} maw={220} style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>
                  {row[c] ?? ''}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollRegion>
  );
}
