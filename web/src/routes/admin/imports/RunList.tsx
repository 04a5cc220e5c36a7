import { Badge, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { defineMessages } from 'react-intl';
import type { ImportRun } from '../../../../../common/imports';
import { get } from '../../../api/client';
import { HeaderCells, SectionList, TimeCell } from '../../../components/admin/table';
import { ButtonLink } from '../../../components/links';
import { t } from '../../../i18n/t';
import { formatDateTime, formatNumber } from '../../../lib/format';
import { importsKey, isActive, sourceLabel, stateInfo } from './labels';

const m = defineMessages({
  doneOf: { id: 'imports.runs.doneOf', defaultMessage: '{done, number} of {total, number}' },
  title: { id: 'imports.runs.title', defaultMessage: 'Earlier imports' },
  empty: { id: 'imports.runs.empty', defaultMessage: 'No import has been started yet.' },
  started: { id: 'imports.runs.column.started', defaultMessage: 'Started' },
  source: { id: 'imports.runs.column.source', defaultMessage: 'Source' },
  state: { id: 'imports.runs.column.state', defaultMessage: 'State' },
  tickets: { id: 'imports.runs.column.tickets', defaultMessage: 'Tickets' },
  by: { id: 'imports.runs.column.by', defaultMessage: 'By' },
  showOne: { id: 'imports.runs.showOne', defaultMessage: 'Show the import of {date}' },
  show: { id: 'imports.runs.show', defaultMessage: 'Show' },
});

/** "120 of 210", "210", or nothing yet. */
const ticketsOf = (r: ImportRun) =>
  r.total === null ? (r.done ? formatNumber(r.done) : '—') : t(m.doneOf, { done: r.done, total: r.total });

/** The runs of this installation, newest first; asked again every few seconds while one runs. */
export function RunList({ current }: { current: string | undefined }) {
  const runs = useQuery({
    queryKey: importsKey,
    queryFn: async () => (await get('/imports')).items,
    refetchInterval: (q) => (q.state.data?.some(isActive) ? 3000 : false),
  });
  return (
    <SectionList
      title={t(m.title)}
      query={runs}
      empty={t(m.empty)}
      minWidth={640}
      head={
        <HeaderCells
          columns={[
            { label: t(m.started), w: 130 },
            t(m.source),
            { label: t(m.state), w: 140 },
            t(m.tickets),
            t(m.by),
          ]}
          actions={90}
        />
      }
    >
      {(r) => (
        <Table.Tr
          key={r.id}
          aria-current={r.id === current ? 'true' : undefined}
          bg={r.id === current ? 'var(--mantine-color-blue-light)' : undefined}
        >
          <TimeCell iso={r.createdAt} />
          <Table.Td>
            <Text size="sm">{sourceLabel(r.kind)}</Text>
            {r.source && (
              <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                {r.source}
              </Text>
            )}
          </Table.Td>
          <Table.Td>
            <Badge variant="light" color={stateInfo(r.state).color}>
              {stateInfo(r.state).label}
            </Badge>
          </Table.Td>
          <Table.Td>
            <Text size="sm">{ticketsOf(r)}</Text>
          </Table.Td>
          <Table.Td>
            <Text size="sm">{r.createdBy?.name ?? '—'}</Text>
          </Table.Td>
          <Table.Td>
            <ButtonLink
              to="/admin/imports"
              search={{ run: r.id }}
              size="xs"
              variant="default"
              aria-label={t(m.showOne, { date: formatDateTime(r.createdAt) })}
            >
              {t(m.show)}
            </ButtonLink>
          </Table.Td>
        </Table.Tr>
      )}
    </SectionList>
  );
}
