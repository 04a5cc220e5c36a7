import { Badge, Group, Select, Table, Text, Title } from '@mantine/core';
import { STATUS_CATEGORY_INFO } from '../../../lib/format';
import type { ImportPreview } from './PreviewSummary';

type SourceStatus = ImportPreview['statuses'][number];

/** What a source status's state means, in the words the README uses. */
const MEANING: Record<SourceStatus['state'], string> = {
  open: 'open',
  pending: 'waiting',
  solved: 'solved',
  closed: 'closed',
};

function Why({ status, chosen }: { status: SourceStatus; chosen: boolean }) {
  if (chosen || status.by === 'chosen')
    return (
      <Badge variant="light" color="blue">
        Chosen
      </Badge>
    );
  if (status.by === 'name')
    return (
      <Badge variant="light" color="green">
        Same name
      </Badge>
    );
  return (
    <Badge variant="light" color="gray">
      By meaning: {MEANING[status.state]}
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
    groups.push({ group: 'Other', items: others.map((w) => ({ value: w.key, label: w.label })) });
  return (
    <div>
      <Title order={3} size="h5" mb={4}>
        Statuses
      </Title>
      <Text size="sm" c="dimmed" mb="xs">
        Each ticket gets the workflow status its {sourceName} status maps to.
      </Text>
      {preview.statuses.length === 0 ? (
        <Text size="sm" c="dimmed">
          The source names no statuses: tickets get the status the workflow starts with.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={300}>
          <Table verticalSpacing={6} aria-label="Status mapping">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">In {sourceName}</Table.Th>
                <Table.Th scope="col">Becomes, and why</Table.Th>
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
                          aria-label={`“${s.name}” becomes`}
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
