import { BarChart, LineChart } from '@mantine/charts';
import { Grid, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { IconChartLine, IconClockHour4 } from '@tabler/icons-react';
import { useState } from 'react';
import { type ReportInterval, useResponseTimesReport, useVolumeReport } from '../../api/reports';
import {
  countAxes,
  dayLabel,
  FigureTable,
  formatMinutes,
  num,
  placeholderOf,
  ReportCard,
  type ReportRangeProps,
} from './ReportCard';

export function VolumeReport({ from, to, valid }: ReportRangeProps) {
  const [interval, setGrouping] = useState<ReportInterval>('day');
  const q = useVolumeReport(from, to, interval, valid);
  const rows = q.data ?? [];
  const created = rows.reduce((s, r) => s + r.created, 0);
  const resolved = rows.reduce((s, r) => s + r.resolved, 0);
  const label = (p: string) => (interval === 'week' ? `Week of ${dayLabel(p)}` : dayLabel(p));
  return (
    <ReportCard
      id="volume"
      csvQuery={{ from, to, interval }}
      title="Ticket volume"
      description="Tickets created and resolved per period (UTC)."
      controls={
        <SegmentedControl
          size="xs"
          aria-label="Group by"
          value={interval}
          onChange={(v) => setGrouping(v as ReportInterval)}
          data={[
            { value: 'day', label: 'Day' },
            { value: 'week', label: 'Week' },
          ]}
        />
      }
      instead={placeholderOf(q, {
        valid,
        isEmpty: () => created + resolved === 0,
        empty: {
          icon: <IconChartLine aria-hidden />,
          title: 'No tickets in this period',
          description: 'No ticket was created or resolved between these dates.',
        },
      })}
      chart={
        <Stack gap="xs">
          <Text size="sm" data-testid="volume-summary">
            <b style={num}>{created}</b> created · <b style={num}>{resolved}</b> resolved
          </Text>
          <LineChart
            h={260}
            data={rows.map((r) => ({ period: label(r.period), Created: r.created, Resolved: r.resolved }))}
            dataKey="period"
            series={[
              { name: 'Created', color: 'indigo.6' },
              { name: 'Resolved', color: 'teal.6' },
            ]}
            curveType="linear"
            withDots={rows.length <= 60}
            withLegend
            {...countAxes}
            role="img"
            aria-label="Tickets created and resolved per period"
          />
        </Stack>
      }
      table={
        <Table.ScrollContainer minWidth={320} maxHeight={360}>
          <FigureTable
            striped
            withTableBorder
            stickyHeader
            aria-label="Ticket volume"
            data-testid="volume-table"
            head={interval === 'week' ? 'Week of' : 'Day'}
            columns={['Created', 'Resolved']}
            rows={rows.map((r) => ({
              key: r.period,
              name: dayLabel(r.period, true),
              values: [r.created, r.resolved],
            }))}
            total={{ key: 'total', name: 'Total', values: [created, resolved] }}
          />
        </Table.ScrollContainer>
      }
    />
  );
}

/** One unit for a whole chart of durations, chosen so its longest bar reads naturally. */
function unitFor(longestMinutes: number) {
  if (longestMinutes < 120) return { per: 1, name: 'min' };
  if (longestMinutes < 72 * 60) return { per: 60, name: 'h' };
  return { per: 1440, name: 'd' };
}

export function ResponseTimesReport({ from, to, valid }: ReportRangeProps) {
  const q = useResponseTimesReport(from, to, valid);
  const d = q.data;
  const measures = d
    ? [
        { name: 'First response', ...d.firstResponse },
        { name: 'Resolution', ...d.resolution },
      ]
    : [];
  const unit = unitFor(Math.max(0, ...measures.map((m) => m.p90Minutes ?? 0)));
  const inUnit = (m: number | null) => (m === null ? 0 : Math.round((m / unit.per) * 10) / 10);
  const table = (
    <FigureTable
      withTableBorder
      withColumnBorders
      striped
      aria-label="Response times"
      data-testid="response-times-table"
      head=""
      columns={['Tickets', 'Median', '90th percentile']}
      rows={measures.map((m) => ({
        key: m.name,
        name: m.name,
        values: [m.count, formatMinutes(m.medianMinutes), formatMinutes(m.p90Minutes)],
      }))}
    />
  );
  return (
    <ReportCard
      id="response-times"
      csvQuery={{ from, to }}
      title="First response and resolution times"
      description={`Over tickets created in this period, from creation to the first staff reply and to resolution.${
        d?.sampled ? ' Measured on the newest 50,000 tickets only.' : ''
      }`}
      instead={placeholderOf(q, {
        valid,
        isEmpty: (data) => data.firstResponse.count + data.resolution.count === 0,
        empty: {
          icon: <IconClockHour4 aria-hidden />,
          title: 'Nothing to measure',
          description: 'No ticket created in this period has been answered or resolved yet.',
        },
      })}
      chart={
        <Grid gap="lg" align="center">
          <Grid.Col span={{ base: 12, md: 7 }}>
            <BarChart
              h={220}
              data={measures.map((m) => ({
                name: m.name,
                Median: inUnit(m.medianMinutes),
                '90th percentile': inUnit(m.p90Minutes),
              }))}
              dataKey="name"
              series={[
                { name: 'Median', color: 'indigo.6' },
                { name: '90th percentile', color: 'orange.6' },
              ]}
              valueFormatter={(v) => `${v} ${unit.name}`}
              withLegend
              tickLine="y"
              gridAxis="y"
              role="img"
              aria-label="Median and 90th percentile time to first response and to resolution"
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 5 }}>{table}</Grid.Col>
        </Grid>
      }
      table={table}
    />
  );
}
