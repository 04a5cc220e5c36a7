import { Badge, Group, Select, Table, Text, Title } from '@mantine/core';
import { defineMessages, type MessageDescriptor } from 'react-intl';
import { t } from '../../../i18n/t';
import { STATUS_CATEGORY_INFO } from '../../../lib/format';
import type { ImportPreview } from './PreviewSummary';

type SourceStatus = ImportPreview['statuses'][number];

/** What a source status's state means, in the words the README uses. */
const MEANING = defineMessages({
  open: { id: 'imports.statuses.meaning.open', defaultMessage: 'By meaning: open' },
  pending: { id: 'imports.statuses.meaning.pending', defaultMessage: 'By meaning: waiting' },
  solved: { id: 'imports.statuses.meaning.solved', defaultMessage: 'By meaning: solved' },
  closed: { id: 'imports.statuses.meaning.closed', defaultMessage: 'By meaning: closed' },
}) satisfies Record<SourceStatus['state'], MessageDescriptor>;

const m = defineMessages({
  chosen: { id: 'imports.statuses.chosen', defaultMessage: 'Chosen' },
  sameName: { id: 'imports.statuses.sameName', defaultMessage: 'Same name' },
  other: { id: 'imports.statuses.other', defaultMessage: 'Other' },
  title: { id: 'imports.statuses.title', defaultMessage: 'Statuses' },
  help: {
    id: 'imports.statuses.help',
    defaultMessage: 'Each ticket gets the workflow status its {source} status maps to.',
  },
  none: {
    id: 'imports.statuses.none',
    defaultMessage: 'The source names no statuses: tickets get the status the workflow starts with.',
  },
  table: { id: 'imports.statuses.table', defaultMessage: 'Status mapping' },
  inSource: { id: 'imports.statuses.inSource', defaultMessage: 'In {source}' },
  becomes: { id: 'imports.statuses.becomes', defaultMessage: 'Becomes, and why' },
  statusBecomes: { id: 'imports.statuses.statusBecomes', defaultMessage: '“{name}” becomes' },
});

function Why({ status, chosen }: { status: SourceStatus; chosen: boolean }) {
  if (chosen || status.by === 'chosen')
    return (
      <Badge variant="light" color="blue">
        {t(m.chosen)}
      </Badge>
    );
  if (status.by === 'name')
    return (
      <Badge variant="light" color="green">
        {t(m.sameName)}
      </Badge>
    );
  return (
    <Badge variant="light" color="gray">
      {t(MEANING[status.state])}
    </Badge>
  );
}

/**
 * The source's statuses and where their tickets land in the workflow: as the dry run proposed
 * (same name first, then what the status means), or as the admin chooses here.
 */
export function StatusMapping({
  preview,
  sourceName,
  statusMap,
  onChange,
}: {
  preview: ImportPreview;
  sourceName: string;
  statusMap: Record<string, string>;
  onChange: (statusMap: Record<string, string>) => void;
}) {
  // The workflow's statuses grouped by category, in the workflow's order.
  const groups = Object.entries(STATUS_CATEGORY_INFO).flatMap(([category, info]) => {
    const items = preview.workflow
      .filter((w) => w.category === category)
      .map((w) => ({ value: w.key, label: w.label }));
    return items.length ? [{ group: info.label, items }] : [];
  });
  const known = new Set(Object.keys(STATUS_CATEGORY_INFO));
  const others = preview.workflow.filter((w) => !known.has(w.category));
  if (others.length)
    groups.push({ group: t(m.other), items: others.map((w) => ({ value: w.key, label: w.label })) });
  return (
    <div>
      <Title order={3} size="h5" mb={4}>
        {t(m.title)}
      </Title>
      <Text size="sm" c="dimmed" mb="xs">
        {t(m.help, { source: sourceName })}
      </Text>
      {preview.statuses.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t(m.none)}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={300}>
          <Table verticalSpacing={6} aria-label={t(m.table)}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t(m.inSource, { source: sourceName })}</Table.Th>
                <Table.Th scope="col">{t(m.becomes)}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {preview.statuses.map((s) => {
                const chosen = statusMap[s.sourceId];
                return (
                  <Table.Tr key={s.sourceId}>
                    <Table.Th scope="row" fw={500}>
                      {s.name}
                    </Table.Th>
                    <Table.Td>
                      {/* The reason sits beside the choice, or under it where the screen is narrow. */}
                      <Group gap="xs" wrap="wrap">
                        <Select
                          size="xs"
                          w={170}
                          aria-label={t(m.statusBecomes, { name: s.name })}
                          allowDeselect={false}
                          data={groups}
                          value={chosen ?? s.to}
                          onChange={(v) => v && onChange({ ...statusMap, [s.sourceId]: v })}
                        />
                        <Why status={s} chosen={chosen !== undefined} />
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </div>
  );
}
