import { BarChart, LineChart } from '@mantine/charts';
import { EmptyState, Grid, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { IconChartLine, IconClockHour4 } from '@tabler/icons-react';
import { useState } from 'react';
import { type ReportInterval, useResponseTimesReport, useVolumeReport } from '../../api/reports';
import {
  dayLabel,
  formatMinutes,
  Loading,
  num,
  ReportCard,
  type ReportRangeProps,
  rangeNotice,
} from './ReportCard';

export function VolumeReport({ from, to, valid }: ReportRangeProps) {
  const [interval, setGrouping] = useState<ReportInterval>('day');
  const q = useVolumeReport(from, to, interval, valid);
  const rows = q.data ?? [];
  const created = rows.reduce((s, r) => s + r.created, 0);
  const resolved = rows.reduce((s, r) => s + r.resolved, 0);
  const label = (p: string) => (interval === 'week' ? `Week of ${dayLabel(p)}` : dayLabel(p));
  const instead = !valid ? (
    rangeNotice
  ) : q.data === undefined ? (
    Loading(q)
  ) : created + resolved === 0 ? (
    <EmptyState
      icon={<IconChartLine aria-hidden />}
      title="No tickets in this period"
      description="No ticket was created or resolved between these dates."
      py="lg"
    />
  ) : undefined;
  return (
    <ReportCard
      id="volume"
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
      instead={instead}
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
            tickLine="y"
            gridAxis="y"
            yAxisProps={{ allowDecimals: false }}
            role="img"
            aria-label="Tickets created and resolved per period"
          />
        </Stack>
      }
      table={
        <Table.ScrollContainer minWidth={320} maxHeight={360}>
          <Table striped withTableBorder stickyHeader aria-label="Ticket volume" data-testid="volume-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{interval === 'week' ? 'Week of' : 'Day'}</Table.Th>
                <Table.Th ta="right">Created</Table.Th>
                <Table.Th ta="right">Resolved</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.period}>
                  <Table.Th scope="row" fw={500}>
                    {dayLabel(r.period, true)}
                  </Table.Th>
                  <Table.Td ta="right" style={num}>
                    {r.created}
                  </Table.Td>
                  <Table.Td ta="right" style={num}>
                    {r.resolved}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
            <Table.Tfoot>
              <Table.Tr>
                <Table.Th scope="row">Total</Table.Th>
                <Table.Th ta="right" style={num}>
                  {created}
                </Table.Th>
                <Table.Th ta="right" style={num}>
                  {resolved}
                </Table.Th>
              </Table.Tr>
            </Table.Tfoot>
          </Table>
        </Table.ScrollContainer>
      }
    />
  );
}

export function ResponseTimesReport({ from, to, valid }: ReportRangeProps) {
  const q = useResponseTimesReport(from, to, valid);
  const d = q.data;
  const instead = !valid ? (
    rangeNotice
  ) : d === undefined ? (
    Loading(q)
  ) : d.firstResponse.count + d.resolution.count === 0 ? (
    <EmptyState
      icon={<IconClockHour4 aria-hidden />}
      title="Nothing to measure"
      description="No ticket created in this period has been answered or resolved yet."
      py="lg"
    />
  ) : undefined;
  const measures = d
    ? [
        { name: 'First response', ...d.firstResponse },
        { name: 'Resolution', ...d.resolution },
      ]
    : [];
  // One unit for the whole chart, chosen so the longest bar reads naturally.
  const longest = Math.max(0, ...measures.map((m) => m.p90Minutes ?? 0));
  const unit =
    longest < 120
      ? { per: 1, name: 'min' }
      : longest < 72 * 60
        ? { per: 60, name: 'h' }
        : { per: 1440, name: 'd' };
  const inUnit = (m: number | null) => (m === null ? 0 : Math.round((m / unit.per) * 10) / 10);
  const table = (
    <Table
      withTableBorder
      withColumnBorders
      striped
      aria-label="Response times"
      data-testid="response-times-table"
    >
      <Table.Thead>
        <Table.Tr>
          <Table.Th />
          <Table.Th ta="right">Tickets</Table.Th>
          <Table.Th ta="right">Median</Table.Th>
          <Table.Th ta="right">90th percentile</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {measures.map((m) => (
          <Table.Tr key={m.name}>
            <Table.Th scope="row" fw={500}>
              {m.name}
            </Table.Th>
            <Table.Td ta="right" style={num}>
              {m.count}
            </Table.Td>
            <Table.Td ta="right" style={num}>
              {formatMinutes(m.medianMinutes)}
            </Table.Td>
            <Table.Td ta="right" style={num}>
              {formatMinutes(m.p90Minutes)}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
  return (
    <ReportCard
      id="response-times"
      title="First response and resolution times"
      description={`Over tickets created in this period, from creation to the first staff reply and to resolution.${
        d?.sampled ? ' Measured on the newest 50,000 tickets only.' : ''
      }`}
      instead={instead}
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
