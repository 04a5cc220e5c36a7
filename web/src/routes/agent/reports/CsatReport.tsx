import { BarChart } from '@mantine/charts';
import { Card, Grid, Group, Text, Title } from '@mantine/core';
import { IconMoodSmile } from '@tabler/icons-react';
import { defineMessages, type IntlShape, useIntl } from 'react-intl';
import { useCsat } from '../../../api/hooks';
import type { Csat } from '../../../api/types';
import { Loaded } from '../../../components/bits';
import { formatNumber } from '../../../lib/format';
import { CsvLink, countAxes, FigureTable, NoData } from '../ReportCard';

const RATING_LABELS = defineMessages({
  '1': { id: 'agent.reports.csat.rating1', defaultMessage: '1 · Very poor' },
  '2': { id: 'agent.reports.csat.rating2', defaultMessage: '2 · Poor' },
  '3': { id: 'agent.reports.csat.rating3', defaultMessage: '3 · Okay' },
  '4': { id: 'agent.reports.csat.rating4', defaultMessage: '4 · Good' },
  '5': { id: 'agent.reports.csat.rating5', defaultMessage: '5 · Excellent' },
});
const ratingLabel = (intl: IntlShape, r: string) =>
  r in RATING_LABELS ? intl.formatMessage(RATING_LABELS[r as keyof typeof RATING_LABELS]) : r;
const percent = (intl: IntlShape, value: number) =>
  intl.formatMessage({ id: 'agent.reports.percent', defaultMessage: '{value, number} %' }, { value });
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
  const intl = useIntl();
  const loading = intl.formatMessage({ id: 'agent.reports.loading', defaultMessage: 'Loading the report' });
  const failed = intl.formatMessage({
    id: 'agent.reports.loadError',
    defaultMessage: 'Cannot load the report',
  });
  return (
    <Card withBorder radius="md" padding="lg">
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm" mb="md">
        <div>
          <Title order={2} size="h4">
            {intl.formatMessage({
              id: 'agent.reports.csat.title',
              defaultMessage: 'Customer satisfaction (CSAT)',
            })}
          </Title>
          <Text size="sm" c="dimmed">
            {intl.formatMessage({
              id: 'agent.reports.csat.description',
              defaultMessage: 'Answers to the survey sent when a ticket closes.',
            })}
          </Text>
        </div>
        {csat.data && (
          <CsvLink
            report="csat"
            title={intl.formatMessage({
              id: 'agent.reports.csat.csvTitle',
              defaultMessage: 'customer satisfaction',
            })}
            query={{ from, to }}
          />
        )}
      </Group>
      <Loaded query={csat} loading={loading} errorTitle={failed} retry>
        {(data) => (data.responses === 0 ? <NoAnswers sent={data.sent} /> : <Answers data={data} />)}
      </Loaded>
    </Card>
  );
}

function NoAnswers({ sent }: { sent: number }) {
  const intl = useIntl();
  return (
    <NoData
      icon={<IconMoodSmile aria-hidden />}
      title={intl.formatMessage({ id: 'agent.reports.csat.emptyTitle', defaultMessage: 'No answers yet' })}
      description={
        sent > 0
          ? intl.formatMessage(
              {
                id: 'agent.reports.csat.sentNoAnswers',
                defaultMessage:
                  '{sent, plural, one {# survey was sent in this period; none answered yet.} other {# surveys were sent in this period; none answered yet.}}',
              },
              { sent },
            )
          : intl.formatMessage({
              id: 'agent.reports.csat.noneSent',
              defaultMessage:
                'No survey was sent in this period. Turn on “survey on close” in the workflow to collect ratings.',
            })
      }
    />
  );
}

function Answers({ data }: { data: Csat }) {
  const intl = useIntl();
  const figure = (key: string, name: string, value: string | number) => ({
    key,
    name,
    values: [typeof value === 'number' ? formatNumber(value) : value],
  });
  const answers = intl.formatMessage({ id: 'agent.reports.csat.answers', defaultMessage: 'Answers' });
  return (
    <Grid gap="lg" align="center">
      <Grid.Col span={{ base: 12, md: 7 }}>
        <BarChart
          h={260}
          data={['1', '2', '3', '4', '5'].map((r) => ({
            rating: ratingLabel(intl, r),
            answers: data.distribution[r] ?? 0,
            color: RATING_COLORS[r],
          }))}
          dataKey="rating"
          series={[{ name: 'answers', label: answers, color: 'indigo.6' }]}
          withBarValueLabel
          {...countAxes}
          role="img"
          aria-label={intl.formatMessage({
            id: 'agent.reports.csat.chartLabel',
            defaultMessage: 'Number of answers for each rating from 1 to 5',
          })}
          barChartProps={{ accessibilityLayer: true }}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 5 }}>
        <FigureTable
          withTableBorder
          withColumnBorders
          striped
          aria-label={intl.formatMessage({
            id: 'agent.reports.csat.tableLabel',
            defaultMessage: 'CSAT figures',
          })}
          data-testid="csat-table"
          columns={['value']}
          rows={[
            figure(
              'sent',
              intl.formatMessage({ id: 'agent.reports.csat.sent', defaultMessage: 'Surveys sent' }),
              data.sent,
            ),
            figure('answers', answers, data.responses),
            figure(
              'rate',
              intl.formatMessage({ id: 'agent.reports.csat.rate', defaultMessage: 'Response rate' }),
              data.sent ? percent(intl, Math.round((data.responses / data.sent) * 1000) / 10) : '—',
            ),
            figure(
              'average',
              intl.formatMessage({ id: 'agent.reports.csat.average', defaultMessage: 'Average rating' }),
              data.average === null
                ? '—'
                : intl.formatMessage(
                    { id: 'agent.reports.csat.outOfFive', defaultMessage: '{value, number} / 5' },
                    { value: data.average },
                  ),
            ),
            figure(
              'satisfied',
              intl.formatMessage({
                id: 'agent.reports.csat.satisfied',
                defaultMessage: 'Satisfied (4 or 5)',
              }),
              data.satisfiedPercent === null ? '—' : percent(intl, data.satisfiedPercent),
            ),
            ...['5', '4', '3', '2', '1'].map((r) =>
              figure(r, ratingLabel(intl, r), data.distribution[r] ?? 0),
            ),
          ]}
        />
      </Grid.Col>
    </Grid>
  );
}
