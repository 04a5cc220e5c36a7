import { BarChart } from '@mantine/charts';
import { Card, Grid, Group, Text, Title } from '@mantine/core';
import { IconMoodSmile } from '@tabler/icons-react';
import { useCsat } from '../../../api/hooks';
import type { Csat } from '../../../api/types';
import { Loaded } from '../../../components/bits';
import { CsvLink, countAxes, FigureTable, NoData } from '../ReportCard';

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

/** Answers to the survey sent when a ticket closes: their spread over 1 to 5, and the figures. */
export function CsatReport({ from, to }: { from?: string; to?: string }) {
  const csat = useCsat(from, to);
  return (
    <Card withBorder radius="md" padding="lg">
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm" mb="md">
        <div>
          <Title order={2} size="h4">
            Customer satisfaction (CSAT)
          </Title>
          <Text size="sm" c="dimmed">
            Answers to the survey sent when a ticket closes.
          </Text>
        </div>
        {csat.data && <CsvLink report="csat" title="customer satisfaction" query={{ from, to }} />}
      </Group>
      <Loaded query={csat} loading="Loading the report" errorTitle="Cannot load the report" retry>
        {(data) => (data.responses === 0 ? <NoAnswers sent={data.sent} /> : <Answers data={data} />)}
      </Loaded>
    </Card>
  );
}

function NoAnswers({ sent }: { sent: number }) {
  return (
    <NoData
      icon={<IconMoodSmile aria-hidden />}
      title="No answers yet"
      description={
        sent > 0
          ? `${sent} survey${sent === 1 ? ' was' : 's were'} sent in this period; none answered yet.`
          : 'No survey was sent in this period. Turn on “survey on close” in the workflow to collect ratings.'
      }
    />
  );
}

function Answers({ data }: { data: Csat }) {
  const figure = (key: string, name: string, value: string | number) => ({ key, name, values: [value] });
  return (
    <Grid gap="lg" align="center">
      <Grid.Col span={{ base: 12, md: 7 }}>
        <BarChart
          h={260}
          data={['1', '2', '3', '4', '5'].map((r) => ({
            rating: RATING_LABELS[r] ?? r,
            Answers: data.distribution[r] ?? 0,
            color: RATING_COLORS[r],
          }))}
          dataKey="rating"
          series={[{ name: 'Answers', color: 'indigo.6' }]}
          withBarValueLabel
          {...countAxes}
          role="img"
          aria-label="Number of answers for each rating from 1 to 5"
          barChartProps={{ accessibilityLayer: true }}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 5 }}>
        <FigureTable
          withTableBorder
          withColumnBorders
          striped
          aria-label="CSAT figures"
          data-testid="csat-table"
          columns={['value']}
          rows={[
            figure('sent', 'Surveys sent', data.sent),
            figure('answers', 'Answers', data.responses),
            figure(
              'rate',
              'Response rate',
              data.sent ? `${Math.round((data.responses / data.sent) * 1000) / 10} %` : '—',
            ),
            figure('average', 'Average rating', data.average === null ? '—' : `${data.average} / 5`),
            figure(
              'satisfied',
              'Satisfied (4 or 5)',
              data.satisfiedPercent === null ? '—' : `${data.satisfiedPercent} %`,
            ),
            ...['5', '4', '3', '2', '1'].map((r) =>
              figure(r, RATING_LABELS[r] ?? r, data.distribution[r] ?? 0),
            ),
          ]}
        />
      </Grid.Col>
    </Grid>
  );
}
