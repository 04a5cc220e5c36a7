import { Button, Card, EmptyState, Group, Table, type TableProps, Text, Title } from '@mantine/core';
import { IconChartBar, IconDownload, IconTable } from '@tabler/icons-react';
import { type ReactNode, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { toQueryString } from '../../api/client';
import { ErrorAlert, PageLoader, type QueryState } from '../../components/bits';
import { currentIntl, t } from '../../i18n/t';
import { SPAN } from './queue/SlaDue';

// The frame the report charts share: a card with a chart ⇄ table toggle, and a few formatters.

/** The page's date range as ISO instants; `valid` is false while the start is after the end. */
export type ReportRangeProps = { from?: string; to?: string; valid: boolean };

export const num = { fontVariantNumeric: 'tabular-nums' } as const;

/**
 * A report's day ("2026-03-01") in the reader's language. The day is a calendar day, not an
 * instant, so it is read and written in UTC: another time zone would show the day before or after.
 */
export const dayLabel = (period: string, withYear = false) =>
  new Date(`${period}T00:00:00.000Z`).toLocaleDateString(currentIntl().locale, {
    day: 'numeric',
    month: 'short',
    year: withYear ? 'numeric' : undefined,
    timeZone: 'UTC',
  });

/** Minutes as "45 min", "3 h 20 min" or "2 d 4 h". */
export function formatMinutes(minutes: number | null): string {
  if (minutes === null) return '—';
  const m = Math.round(minutes);
  if (m < 60) return t(SPAN.minutes, { minutes: m });
  if (m < 24 * 60)
    return m % 60
      ? t(SPAN.hoursMinutes, { hours: Math.floor(m / 60), minutes: m % 60 })
      : t(SPAN.hours, { hours: m / 60 });
  const h = Math.round(m / 60);
  return h % 24
    ? t(SPAN.daysHours, { days: Math.floor(h / 24), hours: h % 24 })
    : t(SPAN.days, { days: h / 24 });
}

/** Downloads a report's numbers as CSV, for the same range: `GET /api/v1/reports/{id}.csv`. */
export function CsvLink({
  report,
  title,
  query = {},
}: {
  report: string;
  title: string;
  query?: Record<string, string | undefined>;
}) {
  const intl = useIntl();
  return (
    <Button
      component="a"
      aria-label={intl.formatMessage(
        { id: 'agent.reports.downloadCsv', defaultMessage: 'Download {title} as CSV' },
        { title },
      )}
      href={`/api/v1/reports/${report}.csv${toQueryString(query)}`}
      download
      variant="default"
      size="xs"
      leftSection={<IconDownload size={16} aria-hidden />}
    >
      CSV
    </Button>
  );
}

/**
 * A report card whose chart turns into the table of its numbers with one click; `csvQuery` is the
 * query its CSV download takes (the card's id names the report).
 */
export function ReportCard(props: {
  id: string;
  csvQuery?: Record<string, string | undefined>;
  title: string;
  description: string;
  controls?: ReactNode;
  chart: ReactNode;
  table: ReactNode;
  /** A loader, an error or an empty state shown instead of the chart and table. */
  instead?: ReactNode;
}) {
  const [asTable, setAsTable] = useState(false);
  return (
    <Card withBorder radius="md" padding="lg" data-testid={`${props.id}-card`}>
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm" mb="md">
        <div>
          <Title order={2} size="h4">
            {props.title}
          </Title>
          <Text size="sm" c="dimmed">
            {props.description}
          </Text>
        </div>
        <Group gap="xs" wrap="wrap">
          {props.controls}
          {!props.instead && <CsvLink report={props.id} title={props.title} query={props.csvQuery} />}
          {!props.instead && (
            <Button
              variant="light"
              size="xs"
              leftSection={
                asTable ? <IconChartBar size={16} aria-hidden /> : <IconTable size={16} aria-hidden />
              }
              onClick={() => setAsTable((v) => !v)}
              aria-pressed={asTable}
            >
              {asTable ? (
                <FormattedMessage id="agent.reports.showChart" defaultMessage="Show chart" />
              ) : (
                <FormattedMessage id="agent.reports.showTable" defaultMessage="Show table" />
              )}
            </Button>
          )}
        </Group>
      </Group>
      {props.instead ?? (asTable ? props.table : props.chart)}
    </Card>
  );
}

/**
 * What a report shows instead of its chart and table, if anything: a note while the range is the
 * wrong way round, its loader or error, or `empty` where its data hold nothing to show.
 */
export function placeholderOf<T>(
  q: QueryState<T>,
  { valid = true, isEmpty, empty }: { valid?: boolean; isEmpty: (data: T) => boolean; empty: NoDataProps },
): ReactNode | undefined {
  if (!valid)
    return (
      <Text c="dimmed">
        <FormattedMessage
          id="agent.reports.badRange"
          defaultMessage="Choose a start that is not after the end."
        />
      </Text>
    );
  if (q.data === undefined) {
    if (q.isPending)
      return <PageLoader label={t({ id: 'agent.reports.loading', defaultMessage: 'Loading the report' })} />;
    if (q.isError)
      return (
        <ErrorAlert
          error={q.error}
          title={t({ id: 'agent.reports.loadError', defaultMessage: 'Cannot load the report' })}
          onRetry={() => q.refetch()}
        />
      );
    return null;
  }
  return isEmpty(q.data) ? <NoData {...empty} /> : undefined;
}

type NoDataProps = { icon: ReactNode; title: string; description: string };

/** A report's empty state. */
export function NoData({ icon, title, description }: NoDataProps) {
  return <EmptyState icon={icon} title={title} description={description} py="lg" />;
}

/** The axes of a chart of counts: whole numbers up the side, grid lines across. */
export const countAxes = { tickLine: 'y', gridAxis: 'y', yAxisProps: { allowDecimals: false } } as const;

export type FigureRow = { key: string; name: ReactNode; values: ReactNode[] };

/**
 * A report's numbers as a table: a row per name with its figures right-aligned in `columns`, under
 * a header row where `head` (the name column's heading) is given, above `total` where given.
 */
export function FigureTable({
  head,
  columns,
  rows,
  total,
  ...table
}: TableProps & {
  'aria-label': string;
  'data-testid'?: string;
  head?: string;
  columns: string[];
  rows: FigureRow[];
  total?: FigureRow;
}) {
  const figures = (r: FigureRow, Cell: typeof Table.Td | typeof Table.Th) =>
    columns.map((c, i) => (
      <Cell key={c} ta="end" style={num}>
        {r.values[i]}
      </Cell>
    ));
  return (
    <Table {...table}>
      {head !== undefined && (
        <Table.Thead>
          <Table.Tr>
            {head ? <Table.Th>{head}</Table.Th> : <Table.Th />}
            {columns.map((c) => (
              <Table.Th key={c} ta="end">
                {c}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
      )}
      <Table.Tbody>
        {rows.map((r) => (
          <Table.Tr key={r.key}>
            <Table.Th scope="row" fw={500}>
              {r.name}
            </Table.Th>
            {figures(r, Table.Td)}
          </Table.Tr>
        ))}
      </Table.Tbody>
      {total && (
        <Table.Tfoot>
          <Table.Tr>
            <Table.Th scope="row">{total.name}</Table.Th>
            {figures(total, Table.Th)}
          </Table.Tr>
        </Table.Tfoot>
      )}
    </Table>
  );
}
