import { BarChart } from '@mantine/charts';
import { Grid, Text } from '@mantine/core';
import { IconChartBar } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useStaffWorkflow } from '../../../api/hooks';
import { useBacklogReport } from '../../../api/reports';
import { FigureTable, placeholderOf, ReportCard } from '../ReportCard';

type Count = { name: string; count: number };

function CountTable({ label, rows }: { label: string; rows: Count[] }) {
  return (
    <FigureTable
      striped
      withTableBorder
      aria-label={label}
      head={label}
      columns={['Tickets']}
      rows={rows.map((r) => ({ key: r.name, name: r.name, values: [r.count] }))}
    />
  );
}

function CountChart({ label, rows }: { label: string; rows: Count[] }) {
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
  const sides = [
    { heading: 'By status', label: 'Backlog by status', rows: byStatus },
    { heading: 'By department', label: 'Backlog by department', rows: byDepartment },
  ];
  const two = (render: (label: string, rows: Count[]) => ReactNode) => (
    <Grid gap="lg">
      {sides.map((s) => (
        <Grid.Col key={s.label} span={{ base: 12, md: 6 }}>
          <Text fw={500} size="sm" mb="xs">
            {s.heading}
          </Text>
          {render(s.label, s.rows)}
        </Grid.Col>
      ))}
    </Grid>
  );
  return (
    <ReportCard
      id="backlog"
      title={`Backlog${q.data ? ` · ${total} open` : ''}`}
      description="Tickets not yet solved or closed, as of now (the dates above do not apply)."
      instead={placeholderOf(q, {
        isEmpty: () => total === 0,
        empty: {
          icon: <IconChartBar aria-hidden />,
          title: 'Nothing waiting',
          description: 'Every ticket is solved or closed.',
        },
      })}
      chart={two((label, rows) => <CountChart label={label} rows={rows} />)}
      table={two((label, rows) => <CountTable label={label} rows={rows} />)}
    />
  );
}
