import { Button, Card, Group, Text, Title } from '@mantine/core';
import { IconChartBar, IconTable } from '@tabler/icons-react';
import { type ReactNode, useState } from 'react';
import { ErrorAlert, PageLoader } from '../../components/bits';

// The frame the report charts share: a card with a chart ⇄ table toggle, and a few formatters.

/** The page's date range as ISO instants; `valid` is false while the start is after the end. */
export type ReportRangeProps = { from?: string; to?: string; valid: boolean };

export const num = { fontVariantNumeric: 'tabular-nums' } as const;

export const dayLabel = (period: string, withYear = false) =>
  new Date(`${period}T00:00:00.000Z`).toLocaleDateString(undefined, {
    day: 'numeric',
    month: 'short',
    year: withYear ? 'numeric' : undefined,
    timeZone: 'UTC',
  });

/** Minutes as "45 min", "3 h 20 min" or "2 d 4 h". */
export function formatMinutes(minutes: number | null): string {
  if (minutes === null) return '—';
  const m = Math.round(minutes);
  if (m < 60) return `${m} min`;
  if (m < 24 * 60) return m % 60 ? `${Math.floor(m / 60)} h ${m % 60} min` : `${m / 60} h`;
  const h = Math.round(m / 60);
  return h % 24 ? `${Math.floor(h / 24)} d ${h % 24} h` : `${h / 24} d`;
}

/** A report card whose chart turns into the table of its numbers with one click. */
export function ReportCard(props: {
  id: string;
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
              {asTable ? 'Show chart' : 'Show table'}
            </Button>
          )}
        </Group>
      </Group>
      {props.instead ?? (asTable ? props.table : props.chart)}
    </Card>
  );
}

export function Loading<T>(q: {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  refetch: () => unknown;
  data?: T;
}) {
  if (q.isPending) return <PageLoader label="Loading the report" />;
  if (q.isError)
    return <ErrorAlert error={q.error} title="Cannot load the report" onRetry={() => q.refetch()} />;
  return null;
}

export const rangeNotice = <Text c="dimmed">Choose a start that is not after the end.</Text>;
