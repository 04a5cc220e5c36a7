import { BarChart } from '@mantine/charts';
import { NativeSelect, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { IconTargetArrow } from '@tabler/icons-react';
import { useState } from 'react';
import { SLA_METRIC_LABELS, SLA_METRICS } from '../../../../../common/sla';
import { useDepartments } from '../../../api/hooks';
import {
  type SlaReport as Report,
  type SlaGrouping,
  type SlaInterval,
  useSlaReport,
} from '../../../api/reports';
import {
  dayLabel,
  FigureTable,
  formatMinutes,
  placeholderOf,
  ReportCard,
  type ReportRangeProps,
} from '../ReportCard';

const GROUPINGS: { value: SlaGrouping; label: string }[] = [
  { value: 'metric', label: 'Target' },
  { value: 'department', label: 'Department' },
  { value: 'agent', label: 'Agent' },
  { value: 'priority', label: 'Priority' },
  { value: 'period', label: 'Period' },
];
const METRIC_COLORS = { firstReply: 'indigo.6', nextReply: 'teal.6', resolution: 'orange.6' } as const;

const percent = (v: number | null) => (v === null ? '—' : `${v}\u00a0%`);

/** A group's name as shown: periods as dates, the rest as the server names them. */
function groupLabel(r: Report, g: Report['groups'][number]) {
  if (r.groupBy !== 'period' || !g.key) return g.label;
  if (r.interval === 'week') return `Week of ${dayLabel(g.key, true)}`;
  if (r.interval === 'month')
    return new Date(`${g.key}T00:00:00.000Z`).toLocaleDateString(undefined, {
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    });
  return dayLabel(g.key, true);
}

/** Met % per group: a bar per target (one per group when the targets are the groups). */
function SlaChart({ r }: { r: Report }) {
  const byMetric = r.groupBy === 'metric';
  const series = byMetric
    ? [{ name: 'Met %', color: 'indigo.6' }]
    : SLA_METRICS.filter((m) => r.groups.some((g) => g.metrics.some((f) => f.metric === m && f.clocks))).map(
        (m) => ({ name: SLA_METRIC_LABELS[m], color: METRIC_COLORS[m] }),
      );
  const data = r.groups
    .filter((g) => g.metrics.some((f) => f.clocks))
    .map((g) => {
      const row: Record<string, string | number | null> = { name: groupLabel(r, g) };
      for (const f of g.metrics)
        if (f.clocks) row[byMetric ? 'Met %' : SLA_METRIC_LABELS[f.metric]] = f.metPercent;
      return row;
    });
  const perBar = Math.max(1, series.length) * 18 + 16;
  return (
    <BarChart
      h={Math.max(140, data.length * perBar + 60)}
      data={data}
      dataKey="name"
      orientation="vertical"
      series={series}
      withBarValueLabel
      valueFormatter={(v) => `${v}\u00a0%`}
      withLegend={!byMetric}
      gridAxis="x"
      xAxisProps={{ domain: [0, 100] }}
      yAxisProps={{ width: 110 }}
      // Room for the value beside a full bar.
      barChartProps={{ margin: { right: 56 } }}
      role="img"
      aria-label="Share of service-level targets met per group"
    />
  );
}

/** The figures: a row per group and target. */
function SlaTable({ r }: { r: Report | undefined }) {
  const byMetric = r?.groupBy === 'metric';
  const rows = r
    ? r.groups.flatMap((g) =>
        g.metrics.map((f) => ({
          key: `${g.key ?? ''}:${f.metric}`,
          name: byMetric ? g.label : `${groupLabel(r, g)} · ${SLA_METRIC_LABELS[f.metric]}`,
          values: [
            f.clocks,
            f.met,
            percent(f.metPercent),
            formatMinutes(f.medianMinutes),
            formatMinutes(f.p90Minutes),
            f.openBreached ? `${f.breached} (${f.openBreached} open)` : f.breached,
          ],
        })),
      )
    : [];
  return (
    <Table.ScrollContainer minWidth={560}>
      <FigureTable
        striped
        withTableBorder
        aria-label="Service levels"
        data-testid="sla-table"
        head={byMetric ? 'Target' : GROUPINGS.find((x) => x.value === r?.groupBy)?.label}
        columns={['Clocks', 'Met', 'Met %', 'Median', '90th percentile', 'Breached']}
        rows={rows}
      />
    </Table.ScrollContainer>
  );
}

/** Service-level targets met and missed over the range: met % per group, then the figures. */
export function SlaReport({ from, to, valid }: ReportRangeProps) {
  const [groupBy, setGroupBy] = useState<SlaGrouping>('metric');
  const [interval, setSlaInterval] = useState<SlaInterval>('week');
  const [departmentId, setDepartmentId] = useState('');
  const departments = useDepartments();
  const query = { from, to, groupBy, interval, departmentId: departmentId || undefined };
  const q = useSlaReport(query, valid);
  const r = q.data;
  const table = <SlaTable r={r} />;
  return (
    <ReportCard
      id="sla"
      csvQuery={query}
      title="Service levels"
      description="Targets met and breached: clocks that stopped in this period, and open clocks that fell due in it and are overdue (counted as breached)."
      controls={
        <>
          <NativeSelect
            size="xs"
            aria-label="Group service levels by"
            value={groupBy}
            onChange={(e) => setGroupBy(e.currentTarget.value as SlaGrouping)}
            data={GROUPINGS}
          />
          {groupBy === 'period' && (
            <SegmentedControl
              size="xs"
              aria-label="Period"
              value={interval}
              onChange={(v) => setSlaInterval(v as SlaInterval)}
              data={[
                { value: 'day', label: 'Day' },
                { value: 'week', label: 'Week' },
                { value: 'month', label: 'Month' },
              ]}
            />
          )}
          <NativeSelect
            size="xs"
            aria-label="Department"
            value={departmentId}
            onChange={(e) => setDepartmentId(e.currentTarget.value)}
            data={[
              { value: '', label: 'All departments' },
              ...(departments.data ?? []).map((d) => ({ value: d.id, label: d.name })),
            ]}
          />
        </>
      }
      instead={placeholderOf(q, {
        valid,
        isEmpty: (d) => d.groups.every((g) => g.metrics.every((f) => f.clocks === 0)),
        empty: {
          icon: <IconTargetArrow aria-hidden />,
          title: 'No service-level clocks in this period',
          description: 'No target was met or missed between these dates.',
        },
      })}
      chart={
        <Stack gap="md">
          {r && <SlaChart r={r} />}
          {table}
          <Text size="xs" c="dimmed" data-testid="sla-unit-note">
            {r?.unitNote}
            {r?.sampled ? ' Percentiles over the newest 100,000 stopped clocks only.' : ''}
          </Text>
        </Stack>
      }
      table={table}
    />
  );
}
