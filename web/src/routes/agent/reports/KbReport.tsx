import { LineChart } from '@mantine/charts';
import { Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconBook } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { defineMessages, FormattedMessage, useIntl } from 'react-intl';
import type { KbMetric } from '../../../../../common/kb';
import { get } from '../../../api/client';
import { Loaded } from '../../../components/bits';
import { formatNumber } from '../../../lib/format';
import { countAxes, dayLabel, FigureTable, NoData, num, type ReportRangeProps } from '../ReportCard';

// How the knowledge base is used: suggestions shown while customers write tickets, opened, and
// the problems they solved without a ticket; views, votes and uses on tickets.

const DAY = 86_400_000;
/** The longest range the report covers (the server's limit); longer ranges keep their last year. */
const MAX_DAYS = 366;
/** Without a range on the page: the last 30 days. */
const DEFAULT_DAYS = 30;

const LABELS = defineMessages({
  suggested: { id: 'agent.reports.kb.suggested', defaultMessage: 'Suggested' },
  clicked: { id: 'agent.reports.kb.clicked', defaultMessage: 'Opened' },
  deflected: { id: 'agent.reports.kb.deflected', defaultMessage: 'Solved without a ticket' },
  view: { id: 'agent.reports.kb.view', defaultMessage: 'Views' },
  helpful: { id: 'agent.reports.kb.helpful', defaultMessage: 'Helpful' },
  unhelpful: { id: 'agent.reports.kb.unhelpful', defaultMessage: 'Not helpful' },
  used: { id: 'agent.reports.kb.used', defaultMessage: 'Used on tickets' },
} satisfies Record<KbMetric, unknown>);
const CHART: { metric: KbMetric; color: string }[] = [
  { metric: 'suggested', color: 'indigo.6' },
  { metric: 'clicked', color: 'cyan.6' },
  { metric: 'deflected', color: 'teal.6' },
  { metric: 'view', color: 'gray.6' },
];
const COLUMNS: KbMetric[] = ['suggested', 'clicked', 'deflected', 'view', 'helpful', 'used'];

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The page's range as the report's days: its last year at most, the last 30 days without one. */
export function kbReportDays(from?: string, to?: string): { from: string; to: string; clamped: boolean } {
  const end = to ? Date.parse(to.slice(0, 10)) : Date.parse(isoDay(Date.now()));
  const wanted = from ? Date.parse(from.slice(0, 10)) : end - (DEFAULT_DAYS - 1) * DAY;
  const start = Math.max(wanted, end - (MAX_DAYS - 1) * DAY);
  return { from: isoDay(start), to: isoDay(end), clamped: start > wanted };
}

export function KbReport({ from, to, valid }: ReportRangeProps) {
  const days = kbReportDays(from, to);
  const report = useQuery({
    enabled: valid,
    queryKey: ['reports', 'kb', days.from, days.to],
    queryFn: () => get('/kb/report', { query: { from: days.from, to: days.to } }),
    placeholderData: keepPreviousData,
  });
  const intl = useIntl();
  return (
    <Card withBorder radius="md" padding="lg" data-testid="kb-card">
      <Stack gap="md">
        <div>
          <Title order={2} size="h4">
            <FormattedMessage id="agent.reports.kb.title" defaultMessage="Knowledge base" />
          </Title>
          <Text size="sm" c="dimmed">
            <FormattedMessage
              id="agent.reports.kb.description"
              defaultMessage="Articles suggested while customers write tickets, opened, and problems solved without a ticket; views, votes and uses on tickets. {from} to {to}{clamped, select, yes { (the last year of the range)} other {}}."
              values={{
                from: dayLabel(days.from, true),
                to: dayLabel(days.to, true),
                clamped: days.clamped ? 'yes' : 'no',
              }}
            />
          </Text>
        </div>
        {valid ? (
          <Loaded
            query={report}
            loading={intl.formatMessage({
              id: 'agent.reports.loading',
              defaultMessage: 'Loading the report',
            })}
            errorTitle={intl.formatMessage({
              id: 'agent.reports.loadError',
              defaultMessage: 'Cannot load the report',
            })}
            retry
          >
            {(data) =>
              data.articles.length === 0 ? (
                <NoData
                  icon={<IconBook aria-hidden />}
                  title={intl.formatMessage({
                    id: 'agent.reports.kb.emptyTitle',
                    defaultMessage: 'No activity',
                  })}
                  description={intl.formatMessage({
                    id: 'agent.reports.kb.emptyDescription',
                    defaultMessage: 'No article was suggested, read or used in this period.',
                  })}
                />
              ) : (
                <KbFigures data={data} />
              )
            }
          </Loaded>
        ) : (
          <Text c="dimmed">
            <FormattedMessage
              id="agent.reports.badRange"
              defaultMessage="Choose a start that is not after the end."
            />
          </Text>
        )}
      </Stack>
    </Card>
  );
}

type Data = Awaited<ReturnType<typeof get<'/kb/report'>>>;

function KbFigures({ data }: { data: Data }) {
  const t = data.totals;
  const shown = t.suggested ?? 0;
  const intl = useIntl();
  const label = (m: KbMetric) => intl.formatMessage(LABELS[m]);
  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
        {(['suggested', 'clicked', 'deflected', 'used'] as const).map((m) => (
          <Stack key={m} gap={0}>
            <Text size="xs" c="dimmed">
              {label(m)}
            </Text>
            <Text fw={700} fz="xl" style={num} data-testid={`kb-total-${m}`}>
              {formatNumber(t[m] ?? 0)}
            </Text>
            {m === 'deflected' && shown > 0 && (
              <Text size="xs" c="dimmed">
                <FormattedMessage
                  id="agent.reports.kb.ofSuggestions"
                  defaultMessage="{value, number} % of suggestions"
                  values={{ value: Math.round(((t.deflected ?? 0) / shown) * 1000) / 10 }}
                />
              </Text>
            )}
          </Stack>
        ))}
      </SimpleGrid>
      <LineChart
        h={240}
        data={data.days.map((d) => ({
          day: dayLabel(d.day),
          ...Object.fromEntries(CHART.map((c) => [c.metric, d.counts[c.metric] ?? 0])),
        }))}
        dataKey="day"
        series={CHART.map((c) => ({ name: c.metric, label: label(c.metric), color: c.color }))}
        curveType="linear"
        withDots={data.days.length <= 60}
        withLegend
        {...countAxes}
        role="img"
        aria-label={intl.formatMessage({
          id: 'agent.reports.kb.chartLabel',
          defaultMessage: 'Suggestions, articles opened, problems solved without a ticket and views, per day',
        })}
      />
      <Group>
        <Table.ScrollContainer minWidth={560} w="100%">
          <FigureTable
            withTableBorder
            striped
            aria-label={intl.formatMessage({
              id: 'agent.reports.kb.tableLabel',
              defaultMessage: 'Knowledge-base figures per article',
            })}
            data-testid="kb-articles-table"
            head={intl.formatMessage({ id: 'agent.reports.kb.article', defaultMessage: 'Article' })}
            columns={COLUMNS.map(label)}
            rows={data.articles.map((a) => ({
              key: a.id,
              name: a.title,
              values: COLUMNS.map((m) => formatNumber(a.counts[m] ?? 0)),
            }))}
          />
        </Table.ScrollContainer>
      </Group>
    </Stack>
  );
}
