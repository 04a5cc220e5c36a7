import { BarChart } from '@mantine/charts';
import { NativeSelect, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { IconTargetArrow } from '@tabler/icons-react';
import { useState } from 'react';
import { defineMessages, useIntl } from 'react-intl';
import { SLA_METRICS } from '../../../../../common/sla';
import { useDepartments } from '../../../api/hooks';
import {
  type SlaReport as Report,
  type SlaGrouping,
  type SlaInterval,
  useSlaReport,
} from '../../../api/reports';
import { slaMetricLabel } from '../../../i18n/labels';
import { currentIntl, t } from '../../../i18n/t';
import { formatNumber } from '../../../lib/format';
import {
  dayLabel,
  FigureTable,
  formatMinutes,
  placeholderOf,
  ReportCard,
  type ReportRangeProps,
} from '../ReportCard';

const GROUPING_LABEL = defineMessages({
  metric: { id: 'agent.reports.sla.by.metric', defaultMessage: 'Target' },
  department: { id: 'agent.reports.sla.by.department', defaultMessage: 'Department' },
  agent: { id: 'agent.reports.sla.by.agent', defaultMessage: 'Agent' },
  priority: { id: 'agent.reports.sla.by.priority', defaultMessage: 'Priority' },
  period: { id: 'agent.reports.sla.by.period', defaultMessage: 'Period' },
} satisfies Record<SlaGrouping, unknown>);
const GROUPINGS: SlaGrouping[] = ['metric', 'department', 'agent', 'priority', 'period'];
const METRIC_COLORS = { firstReply: 'indigo.6', nextReply: 'teal.6', resolution: 'orange.6' } as const;

const PERCENT = { id: 'agent.reports.sla.percent', defaultMessage: '{value, number}\u00a0%' } as const;
const percent = (v: number | null) => (v === null ? '—' : t(PERCENT, { value: v }));

/** A group's name as shown: periods as dates, the rest as the server names them. */
function groupLabel(r: Report, g: Report['groups'][number]) {
  if (r.groupBy !== 'period' || !g.key) return g.label;
  if (r.interval === 'week')
    return t(
      { id: 'agent.reports.volume.weekOf', defaultMessage: 'Week of {day}' },
      { day: dayLabel(g.key, true) },
    );
  if (r.interval === 'month')
    return new Date(`${g.key}T00:00:00.000Z`).toLocaleDateString(currentIntl().locale, {
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    });
  return dayLabel(g.key, true);
}

/** Met % per group: a bar per target (one per group when the targets are the groups). */
function SlaChart({ r }: { r: Report }) {
  const intl = useIntl();
  const byMetric = r.groupBy === 'metric';
  const series = byMetric
    ? [
        {
          name: 'met',
          label: intl.formatMessage({ id: 'agent.reports.sla.metPercent', defaultMessage: 'Met %' }),
          color: 'indigo.6',
        },
      ]
    : SLA_METRICS.filter((m) => r.groups.some((g) => g.metrics.some((f) => f.metric === m && f.clocks))).map(
        (m) => ({ name: m, label: slaMetricLabel(m), color: METRIC_COLORS[m] }),
      );
  const data = r.groups
    .filter((g) => g.metrics.some((f) => f.clocks))
    .map((g) => {
      const row: Record<string, string | number | null> = { name: groupLabel(r, g) };
      for (const f of g.metrics) if (f.clocks) row[byMetric ? 'met' : f.metric] = f.metPercent;
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
      valueFormatter={(v) => percent(v)}
      withLegend={!byMetric}
      gridAxis="x"
      xAxisProps={{ domain: [0, 100] }}
      yAxisProps={{ width: 110 }}
      // Room for the value beside a full bar.
      barChartProps={{ margin: { right: 56 } }}
      role="img"
      aria-label={intl.formatMessage({
        id: 'agent.reports.sla.chartLabel',
        defaultMessage: 'Share of service-level targets met per group',
      })}
    />
  );
}

/** The figures: a row per group and target. */
function SlaTable({ r }: { r: Report | undefined }) {
  const intl = useIntl();
  const byMetric = r?.groupBy === 'metric';
  const rows = r
    ? r.groups.flatMap((g) =>
        g.metrics.map((f) => ({
          key: `${g.key ?? ''}:${f.metric}`,
          name: byMetric
            ? g.label
            : intl.formatMessage(
                { id: 'agent.reports.sla.groupMetric', defaultMessage: '{group} · {metric}' },
                { group: groupLabel(r, g), metric: slaMetricLabel(f.metric) },
              ),
          values: [
            formatNumber(f.clocks),
            formatNumber(f.met),
            percent(f.metPercent),
            formatMinutes(f.medianMinutes),
            formatMinutes(f.p90Minutes),
            f.openBreached
              ? intl.formatMessage(
                  {
                    id: 'agent.reports.sla.breachedOpen',
                    defaultMessage: '{breached, number} ({open, number} open)',
                  },
                  { breached: f.breached, open: f.openBreached },
                )
              : formatNumber(f.breached),
          ],
        })),
      )
    : [];
  return (
    <Table.ScrollContainer minWidth={560}>
      <FigureTable
        striped
        withTableBorder
        aria-label={intl.formatMessage({ id: 'agent.reports.sla.title', defaultMessage: 'Service levels' })}
        data-testid="sla-table"
        head={r ? intl.formatMessage(GROUPING_LABEL[r.groupBy]) : intl.formatMessage(GROUPING_LABEL.metric)}
        columns={[
          intl.formatMessage({ id: 'agent.reports.sla.clocks', defaultMessage: 'Clocks' }),
          intl.formatMessage({ id: 'agent.reports.sla.met', defaultMessage: 'Met' }),
          intl.formatMessage({ id: 'agent.reports.sla.metPercent', defaultMessage: 'Met %' }),
          intl.formatMessage({ id: 'agent.reports.times.median', defaultMessage: 'Median' }),
          intl.formatMessage({ id: 'agent.reports.times.p90', defaultMessage: '90th percentile' }),
          intl.formatMessage({ id: 'agent.reports.sla.breached', defaultMessage: 'Breached' }),
        ]}
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
  const intl = useIntl();
  return (
    <ReportCard
      id="sla"
      csvQuery={query}
      title={intl.formatMessage({ id: 'agent.reports.sla.title', defaultMessage: 'Service levels' })}
      description={intl.formatMessage({
        id: 'agent.reports.sla.description',
        defaultMessage:
          'Targets met and breached: clocks that stopped in this period, and open clocks that fell due in it and are overdue (counted as breached).',
      })}
      controls={
        <>
          <NativeSelect
            size="xs"
            aria-label={intl.formatMessage({
              id: 'agent.reports.sla.groupBy',
              defaultMessage: 'Group service levels by',
            })}
            value={groupBy}
            onChange={(e) => setGroupBy(e.currentTarget.value as SlaGrouping)}
            data={GROUPINGS.map((value) => ({ value, label: intl.formatMessage(GROUPING_LABEL[value]) }))}
          />
          {groupBy === 'period' && (
            <SegmentedControl
              size="xs"
              aria-label={intl.formatMessage(GROUPING_LABEL.period)}
              value={interval}
              onChange={(v) => setSlaInterval(v as SlaInterval)}
              data={[
                {
                  value: 'day',
                  label: intl.formatMessage({ id: 'agent.reports.volume.day', defaultMessage: 'Day' }),
                },
                {
                  value: 'week',
                  label: intl.formatMessage({ id: 'agent.reports.volume.week', defaultMessage: 'Week' }),
                },
                {
                  value: 'month',
                  label: intl.formatMessage({ id: 'agent.reports.sla.month', defaultMessage: 'Month' }),
                },
              ]}
            />
          )}
          <NativeSelect
            size="xs"
            aria-label={intl.formatMessage({
              id: 'agent.reports.sla.department',
              defaultMessage: 'Department',
            })}
            value={departmentId}
            onChange={(e) => setDepartmentId(e.currentTarget.value)}
            data={[
              {
                value: '',
                label: intl.formatMessage({
                  id: 'agent.reports.sla.allDepartments',
                  defaultMessage: 'All departments',
                }),
              },
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
          title: intl.formatMessage({
            id: 'agent.reports.sla.emptyTitle',
            defaultMessage: 'No service-level clocks in this period',
          }),
          description: intl.formatMessage({
            id: 'agent.reports.sla.emptyDescription',
            defaultMessage: 'No target was met or missed between these dates.',
          }),
        },
      })}
      chart={
        <Stack gap="md">
          {r && <SlaChart r={r} />}
          {table}
          <Text size="xs" c="dimmed" data-testid="sla-unit-note">
            {r?.unitNote}
            {r?.sampled
              ? intl.formatMessage(
                  {
                    id: 'agent.reports.sla.sampled',
                    defaultMessage: ' Percentiles over the newest {limit, number} stopped clocks only.',
                  },
                  { limit: 100_000 },
                )
              : ''}
          </Text>
        </Stack>
      }
      table={table}
    />
  );
}
