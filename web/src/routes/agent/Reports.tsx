import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import { Button, Card, EmptyState, Grid, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconMoodSmile } from '@tabler/icons-react';
import { useState } from 'react';
import { useCsat } from '../../api/hooks';
import { ErrorAlert, PageLoader } from '../../components/bits';
import { ResponseTimesReport, VolumeReport } from './ReportCharts';
import { BacklogReport } from './reports/BacklogReport';

const RATING_LABELS: Record<string, string> = {
  '1': '1 · Very poor',
  '2': '2 · Poor',
  '3': '3 · Okay',
  '4': '4 · Good',
  '5': '5 · Excellent',
};
const RATING_COLORS: Record<string, string> = {
  '1': 'red.6',
  '2': 'orange.6',
  '3': 'yellow.6',
  '4': 'lime.6',
  '5': 'green.6',
};

/** A date input's yyyy-mm-dd as the start (or end) of that day in UTC, the API's ISO form. */
const toIso = (day: string, end = false) =>
  day ? `${day}T${end ? '23:59:59.999' : '00:00:00.000'}Z` : undefined;

export function ReportsPage() {
  useDocumentTitle('Reports · Tessera');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const csat = useCsat(toIso(from), toIso(to, true));
  const rangeError = from && to && from > to ? 'The start is after the end' : undefined;
  const range = { from: toIso(from), to: toIso(to, true), valid: !rangeError };

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" wrap="wrap" gap="sm">
        <div>
          <Title order={1} size="h2">
            Reports
          </Title>
          <Text size="sm" c="dimmed">
            Over the tickets of the departments you work in.
          </Text>
        </div>
        <Group gap="xs" align="flex-end" wrap="wrap">
          <TextInput
            type="date"
            label="From"
            value={from}
            onChange={(e) => setFrom(e.currentTarget.value)}
            error={rangeError}
            w={160}
          />
          <TextInput
            type="date"
            label="To"
            value={to}
            onChange={(e) => setTo(e.currentTarget.value)}
            w={160}
          />
          {(from || to) && (
            <Button
              variant="subtle"
              onClick={() => {
                setFrom('');
                setTo('');
              }}
            >
              All time
            </Button>
          )}
        </Group>
      </Group>
      <VolumeReport {...range} />
      <BacklogReport />
      <ResponseTimesReport {...range} />
      <Card withBorder radius="md" padding="lg">
        <div>
          <Title order={2} size="h4">
            Customer satisfaction (CSAT)
          </Title>
          <Text size="sm" c="dimmed" mb="md">
            Answers to the survey sent when a ticket closes.
          </Text>
        </div>
        {csat.isPending ? (
          <PageLoader label="Loading the report" />
        ) : csat.isError ? (
          <ErrorAlert error={csat.error} title="Cannot load the report" onRetry={() => csat.refetch()} />
        ) : csat.data.responses === 0 ? (
          <EmptyState
            icon={<IconMoodSmile aria-hidden />}
            title="No answers yet"
            description={
              csat.data.sent > 0
                ? `${csat.data.sent} survey${csat.data.sent === 1 ? ' was' : 's were'} sent in this period; none answered yet.`
                : 'No survey was sent in this period. Turn on “survey on close” in the workflow to collect ratings.'
            }
            py="lg"
          />
        ) : (
          <Grid gap="lg" align="center">
            <Grid.Col span={{ base: 12, md: 7 }}>
              <BarChart
                h={260}
                data={['1', '2', '3', '4', '5'].map((r) => ({
                  rating: RATING_LABELS[r] ?? r,
                  Answers: csat.data.distribution[r] ?? 0,
                  color: RATING_COLORS[r],
                }))}
                dataKey="rating"
                series={[{ name: 'Answers', color: 'indigo.6' }]}
                withBarValueLabel
                tickLine="y"
                gridAxis="y"
                yAxisProps={{ allowDecimals: false }}
                role="img"
                aria-label="Number of answers for each rating from 1 to 5"
                barChartProps={{ accessibilityLayer: true }}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 5 }}>
              <Table
                withTableBorder
                withColumnBorders
                striped
                aria-label="CSAT figures"
                data-testid="csat-table"
              >
                <Table.Tbody>
                  <Row label="Surveys sent" value={csat.data.sent} />
                  <Row label="Answers" value={csat.data.responses} />
                  <Row
                    label="Response rate"
                    value={
                      csat.data.sent
                        ? `${Math.round((csat.data.responses / csat.data.sent) * 1000) / 10} %`
                        : '—'
                    }
                  />
                  <Row
                    label="Average rating"
                    value={csat.data.average === null ? '—' : `${csat.data.average} / 5`}
                  />
                  <Row
                    label="Satisfied (4 or 5)"
                    value={csat.data.satisfiedPercent === null ? '—' : `${csat.data.satisfiedPercent} %`}
                  />
                  {['5', '4', '3', '2', '1'].map((r) => (
                    <Row key={r} label={RATING_LABELS[r] ?? r} value={csat.data.distribution[r] ?? 0} />
                  ))}
                </Table.Tbody>
              </Table>
            </Grid.Col>
          </Grid>
        )}
      </Card>
    </Stack>
  );
}

function Row({ label, value }: { label: string; value: string | number }) {
  return (
    <Table.Tr>
      <Table.Th scope="row" fw={500}>
        {label}
      </Table.Th>
      <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
        {value}
      </Table.Td>
    </Table.Tr>
  );
}
