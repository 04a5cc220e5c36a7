import { Badge, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ImportRun } from '../../../../../common/imports';
import { get } from '../../../api/client';
import { HeaderCells, SectionList, TimeCell } from '../../../components/admin/table';
import { ButtonLink } from '../../../components/links';
import { importsKey, isActive, STATE_INFO, sourceLabel } from './labels';

/** "120 of 210", "210", or nothing yet. */
const ticketsOf = (r: ImportRun) =>
  r.total === null
    ? r.done
      ? r.done.toLocaleString()
      : '—'
    : `${r.done.toLocaleString()} of ${r.total.toLocaleString()}`;

/** The runs of this installation, newest first; asked again every few seconds while one runs. */
export function RunList({ current }: { current: string | undefined }) {
  const runs = useQuery({
    queryKey: importsKey,
    queryFn: async () => (await get('/imports')).items,
    refetchInterval: (q) => (q.state.data?.some(isActive) ? 3000 : false),
  });
  return (
    <SectionList
      title="Earlier imports"
      query={runs}
      empty="No import has been started yet."
      minWidth={640}
      head={
        <HeaderCells
          columns={[{ label: 'Started', w: 130 }, 'Source', { label: 'State', w: 140 }, 'Tickets', 'By']}
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
            <Badge variant="light" color={STATE_INFO[r.state].color}>
              {STATE_INFO[r.state].label}
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
              aria-label={`Show the import of ${new Date(r.createdAt).toLocaleString()}`}
            >
              Show
            </ButtonLink>
          </Table.Td>
        </Table.Tr>
      )}
    </SectionList>
  );
}
