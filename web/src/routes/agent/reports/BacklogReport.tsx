import { BarChart } from '@mantine/charts';
import { Grid, Text } from '@mantine/core';
import { IconChartBar } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useIntl } from 'react-intl';
import { useStaffWorkflow } from '../../../api/hooks';
import { useBacklogReport } from '../../../api/reports';
import { formatNumber } from '../../../lib/format';
import { FigureTable, placeholderOf, ReportCard } from '../ReportCard';

type Count = { name: string; count: number };

const TICKETS = { id: 'agent.reports.backlog.tickets', defaultMessage: 'Tickets' } as const;

function CountTable({ label, rows }: { label: string; rows: Count[] }) {
  const intl = useIntl();
  return (
    <FigureTable
      striped
      withTableBorder
      aria-label={label}
      head={label}
      columns={[intl.formatMessage(TICKETS)]}
      rows={rows.map((r) => ({ key: r.name, name: r.name, values: [formatNumber(r.count)] }))}
    />
  );
}

function CountChart({ label, rows }: { label: string; rows: Count[] }) {
  const intl = useIntl();
  return (
    <BarChart
      h={Math.max(120, rows.length * 36 + 40)}
      data={rows.map((r) => ({ name: r.name, tickets: r.count }))}
      dataKey="name"
      orientation="vertical"
      series={[{ name: 'tickets', label: intl.formatMessage(TICKETS), color: 'indigo.6' }]}
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
  const intl = useIntl();
  const labelOf = (key: string) => workflow.data?.statuses.find((s) => s.key === key)?.staffLabel ?? key;
  const byStatus = (q.data?.byStatus ?? []).map((r) => ({ name: labelOf(r.status), count: r.count }));
  const byDepartment = (q.data?.byDepartment ?? []).map((r) => ({ name: r.name, count: r.count }));
  const total = byDepartment.reduce((s, r) => s + r.count, 0);
  const sides = [
    {
      heading: intl.formatMessage({ id: 'agent.reports.backlog.byStatus', defaultMessage: 'By status' }),
      label: intl.formatMessage({
        id: 'agent.reports.backlog.byStatusLabel',
        defaultMessage: 'Backlog by status',
      }),
      rows: byStatus,
    },
    {
      heading: intl.formatMessage({
        id: 'agent.reports.backlog.byDepartment',
        defaultMessage: 'By department',
      }),
      label: intl.formatMessage({
        id: 'agent.reports.backlog.byDepartmentLabel',
        defaultMessage: 'Backlog by department',
      }),
      rows: byDepartment,
    },
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
      title={
        q.data
          ? intl.formatMessage(
              { id: 'agent.reports.backlog.titleOpen', defaultMessage: 'Backlog · {count, number} open' },
              { count: total },
            )
          : intl.formatMessage({ id: 'agent.reports.backlog.title', defaultMessage: 'Backlog' })
      }
      description={intl.formatMessage({
        id: 'agent.reports.backlog.description',
        defaultMessage: 'Tickets not yet solved or closed, as of now (the dates above do not apply).',
      })}
      instead={placeholderOf(q, {
        isEmpty: () => total === 0,
        empty: {
          icon: <IconChartBar aria-hidden />,
          title: intl.formatMessage({
            id: 'agent.reports.backlog.emptyTitle',
            defaultMessage: 'Nothing waiting',
          }),
          description: intl.formatMessage({
            id: 'agent.reports.backlog.emptyDescription',
            defaultMessage: 'Every ticket is solved or closed.',
          }),
        },
      })}
      chart={two((label, rows) => <CountChart label={label} rows={rows} />)}
      table={two((label, rows) => <CountTable label={label} rows={rows} />)}
    />
  );
}
