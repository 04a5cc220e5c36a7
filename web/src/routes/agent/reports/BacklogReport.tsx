import { BarChart } from '@mantine/charts';
import { EmptyState, Grid, Table, Text } from '@mantine/core';
import { IconChartBar } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useStaffWorkflow } from '../../../api/hooks';
import { useBacklogReport } from '../../../api/reports';
import { Loading, num, ReportCard } from '../ReportCard';

function CountTable({ label, rows }: { label: string; rows: { name: string; count: number }[] }) {
  return (
    <Table striped withTableBorder aria-label={label}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{label}</Table.Th>
          <Table.Th ta="right">Tickets</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((r) => (
          <Table.Tr key={r.name}>
            <Table.Th scope="row" fw={500}>
              {r.name}
            </Table.Th>
            <Table.Td ta="right" style={num}>
              {r.count}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function CountChart({ label, rows }: { label: string; rows: { name: string; count: number }[] }) {
  return (
    <BarChart
      h={Math.max(120, rows.length * 36 + 40)}
      data={rows.map((r) => ({ name: r.name, Tickets: r.count }))}
      dataKey="name"
      orientation="vertical"
      series={[{ name: 'Tickets', color: 'indigo.6' }]}
      withBarValueLabel
      gridAxis="x"
      xAxisProps={{ allowDecimals: false }}
      yAxisProps={{ width: 120 }}
      role="img"
      aria-label={label}
    />
  );
}

export function BacklogReport() {
  const q = useBacklogReport();
  const workflow = useStaffWorkflow();
  const labelOf = (key: string) => workflow.data?.statuses.find((s) => s.key === key)?.staffLabel ?? key;
  const byStatus = (q.data?.byStatus ?? []).map((r) => ({ name: labelOf(r.status), count: r.count }));
  const byDepartment = (q.data?.byDepartment ?? []).map((r) => ({ name: r.name, count: r.count }));
  const total = byDepartment.reduce((s, r) => s + r.count, 0);
  const instead =
    q.data === undefined ? (
      Loading(q)
    ) : total === 0 ? (
      <EmptyState
        icon={<IconChartBar aria-hidden />}
        title="Nothing waiting"
        description="Every ticket is solved or closed."
        py="lg"
      />
    ) : undefined;
  const two = (render: (label: string, rows: { name: string; count: number }[]) => ReactNode) => (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, md: 6 }}>
        <Text fw={500} size="sm" mb="xs">
          By status
        </Text>
        {render('Backlog by status', byStatus)}
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 6 }}>
        <Text fw={500} size="sm" mb="xs">
          By department
        </Text>
        {render('Backlog by department', byDepartment)}
      </Grid.Col>
    </Grid>
  );
  return (
    <ReportCard
      id="backlog"
      title={`Backlog${q.data ? ` · ${total} open` : ''}`}
      description="Tickets not yet solved or closed, as of now (the dates above do not apply)."
      instead={instead}
      chart={two((label, rows) => <CountChart label={label} rows={rows} />)}
      table={two((label, rows) => <CountTable label={label} rows={rows} />)}
    />
  );
}
