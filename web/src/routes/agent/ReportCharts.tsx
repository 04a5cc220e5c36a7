import { BarChart, LineChart } from '@mantine/charts';
import { Grid, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { IconChartLine, IconClockHour4 } from '@tabler/icons-react';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { type ReportInterval, useResponseTimesReport, useVolumeReport } from '../../api/reports';
import { t } from '../../i18n/t';
import { formatNumber } from '../../lib/format';
import { SPAN } from './queue/SlaDue';
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
  const intl = useIntl();
  const q = useVolumeReport(from, to, interval, valid);
  const rows = q.data ?? [];
  const created = rows.reduce((s, r) => s + r.created, 0);
  const resolved = rows.reduce((s, r) => s + r.resolved, 0);
  const label = (p: string) =>
    interval === 'week'
      ? intl.formatMessage(
          { id: 'agent.reports.volume.weekOf', defaultMessage: 'Week of {day}' },
          { day: dayLabel(p) },
        )
      : dayLabel(p);
  const title = intl.formatMessage({ id: 'agent.reports.volume.title', defaultMessage: 'Ticket volume' });
  const createdName = intl.formatMessage({ id: 'agent.reports.volume.created', defaultMessage: 'Created' });
  const resolvedName = intl.formatMessage({
    id: 'agent.reports.volume.resolved',
    defaultMessage: 'Resolved',
  });
  return (
    <ReportCard
      id="volume"
      csvQuery={{ from, to, interval }}
      title={title}
      description={intl.formatMessage({
        id: 'agent.reports.volume.description',
        defaultMessage: 'Tickets created and resolved per period (UTC).',
      })}
      controls={
        <SegmentedControl
          size="xs"
          aria-label={intl.formatMessage({ id: 'agent.reports.volume.groupBy', defaultMessage: 'Group by' })}
          value={interval}
          onChange={(v) => setGrouping(v as ReportInterval)}
          data={[
            {
              value: 'day',
              label: intl.formatMessage({ id: 'agent.reports.volume.day', defaultMessage: 'Day' }),
            },
            {
              value: 'week',
              label: intl.formatMessage({ id: 'agent.reports.volume.week', defaultMessage: 'Week' }),
            },
          ]}
        />
      }
      instead={placeholderOf(q, {
        valid,
        isEmpty: () => created + resolved === 0,
        empty: {
          icon: <IconChartLine aria-hidden />,
          title: intl.formatMessage({
            id: 'agent.reports.volume.emptyTitle',
            defaultMessage: 'No tickets in this period',
          }),
          description: intl.formatMessage({
            id: 'agent.reports.volume.emptyDescription',
            defaultMessage: 'No ticket was created or resolved between these dates.',
          }),
        },
      })}
      chart={
        <Stack gap="xs">
          <Text size="sm" data-testid="volume-summary">
            <FormattedMessage
              id="agent.reports.volume.summary"
              defaultMessage="<b>{created, number}</b> created · <b>{resolved, number}</b> resolved"
              values={{ created, resolved, b: (chunks) => <b style={num}>{chunks}</b> }}
            />
          </Text>
          <LineChart
            h={260}
            data={rows.map((r) => ({ period: label(r.period), created: r.created, resolved: r.resolved }))}
            dataKey="period"
            series={[
              { name: 'created', label: createdName, color: 'indigo.6' },
              { name: 'resolved', label: resolvedName, color: 'teal.6' },
            ]}
            curveType="linear"
            withDots={rows.length <= 60}
            withLegend
            {...countAxes}
            role="img"
            aria-label={intl.formatMessage({
              id: 'agent.reports.volume.chartLabel',
              defaultMessage: 'Tickets created and resolved per period',
            })}
          />
        </Stack>
      }
      table={
        <Table.ScrollContainer minWidth={320} maxHeight={360}>
          <FigureTable
            striped
            withTableBorder
            stickyHeader
            aria-label={title}
            data-testid="volume-table"
            head={
              interval === 'week'
                ? intl.formatMessage({ id: 'agent.reports.volume.weekHead', defaultMessage: 'Week of' })
                : intl.formatMessage({ id: 'agent.reports.volume.day', defaultMessage: 'Day' })
            }
            columns={[createdName, resolvedName]}
            rows={rows.map((r) => ({
              key: r.period,
              name: dayLabel(r.period, true),
              values: [formatNumber(r.created), formatNumber(r.resolved)],
            }))}
            total={{
              key: 'total',
              name: intl.formatMessage({ id: 'agent.reports.total', defaultMessage: 'Total' }),
              values: [formatNumber(created), formatNumber(resolved)],
            }}
          />
        </Table.ScrollContainer>
      }
    />
  );
}

/** One unit for a whole chart of durations, chosen so its longest bar reads naturally. */
function unitFor(longestMinutes: number) {
  if (longestMinutes < 120) return { per: 1, span: SPAN.minutes, value: 'minutes' };
  if (longestMinutes < 72 * 60) return { per: 60, span: SPAN.hours, value: 'hours' };
  return { per: 1440, span: SPAN.days, value: 'days' };
}

export function ResponseTimesReport({ from, to, valid }: ReportRangeProps) {
  const q = useResponseTimesReport(from, to, valid);
  const intl = useIntl();
  const d = q.data;
  const measures = d
    ? [
        {
          key: 'firstResponse',
          name: intl.formatMessage({
            id: 'agent.reports.times.firstResponse',
            defaultMessage: 'First response',
          }),
          ...d.firstResponse,
        },
        {
          key: 'resolution',
          name: intl.formatMessage({ id: 'agent.reports.times.resolution', defaultMessage: 'Resolution' }),
          ...d.resolution,
        },
      ]
    : [];
  const unit = unitFor(Math.max(0, ...measures.map((m) => m.p90Minutes ?? 0)));
  const inUnit = (m: number | null) => (m === null ? 0 : Math.round((m / unit.per) * 10) / 10);
  const median = intl.formatMessage({ id: 'agent.reports.times.median', defaultMessage: 'Median' });
  const p90 = intl.formatMessage({ id: 'agent.reports.times.p90', defaultMessage: '90th percentile' });
  const table = (
    <FigureTable
      withTableBorder
      withColumnBorders
      striped
      aria-label={intl.formatMessage({
        id: 'agent.reports.times.tableLabel',
        defaultMessage: 'Response times',
      })}
      data-testid="response-times-table"
      head=""
      columns={[
        intl.formatMessage({ id: 'agent.reports.times.tickets', defaultMessage: 'Tickets' }),
        median,
        p90,
      ]}
      rows={measures.map((m) => ({
        key: m.key,
        name: m.name,
        values: [formatNumber(m.count), formatMinutes(m.medianMinutes), formatMinutes(m.p90Minutes)],
      }))}
    />
  );
  return (
    <ReportCard
      id="response-times"
      csvQuery={{ from, to }}
      title={intl.formatMessage({
        id: 'agent.reports.times.title',
        defaultMessage: 'First response and resolution times',
      })}
      description={intl.formatMessage(
        {
          id: 'agent.reports.times.description',
          defaultMessage:
            'Over tickets created in this period, from creation to the first staff reply and to resolution.{sampled, select, yes { Measured on the newest {limit, number} tickets only.} other {}}',
        },
        { sampled: d?.sampled ? 'yes' : 'no', limit: 50_000 },
      )}
      instead={placeholderOf(q, {
        valid,
        isEmpty: (data) => data.firstResponse.count + data.resolution.count === 0,
        empty: {
          icon: <IconClockHour4 aria-hidden />,
          title: intl.formatMessage({
            id: 'agent.reports.times.emptyTitle',
            defaultMessage: 'Nothing to measure',
          }),
          description: intl.formatMessage({
            id: 'agent.reports.times.emptyDescription',
            defaultMessage: 'No ticket created in this period has been answered or resolved yet.',
          }),
        },
      })}
      chart={
        <Grid gap="lg" align="center">
          <Grid.Col span={{ base: 12, md: 7 }}>
            <BarChart
              h={220}
              data={measures.map((m) => ({
                name: m.name,
                median: inUnit(m.medianMinutes),
                p90: inUnit(m.p90Minutes),
              }))}
              dataKey="name"
              series={[
                { name: 'median', label: median, color: 'indigo.6' },
                { name: 'p90', label: p90, color: 'orange.6' },
              ]}
              valueFormatter={(v) => t(unit.span, { [unit.value]: v })}
              withLegend
              tickLine="y"
              gridAxis="y"
              role="img"
              aria-label={intl.formatMessage({
                id: 'agent.reports.times.chartLabel',
                defaultMessage: 'Median and 90th percentile time to first response and to resolution',
              })}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 5 }}>{table}</Grid.Col>
        </Grid>
      }
      table={table}
    />
  );
}
