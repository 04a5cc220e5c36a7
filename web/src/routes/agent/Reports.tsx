import '@mantine/charts/styles.css';
import { Button, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { ResponseTimesReport, VolumeReport } from './ReportCharts';
import { BacklogReport } from './reports/BacklogReport';
import { CsatReport } from './reports/CsatReport';
import { KbReport } from './reports/KbReport';
import { SlaReport } from './reports/SlaReport';

/** A date input's yyyy-mm-dd as the start (or end) of that day in UTC, the API's ISO form. */
const toIso = (day: string, end = false) =>
  day ? `${day}T${end ? '23:59:59.999' : '00:00:00.000'}Z` : undefined;

export function ReportsPage() {
  const intl = useIntl();
  useDocumentTitle(
    `${intl.formatMessage({ id: 'agent.reports.title', defaultMessage: 'Reports' })} · Tessera`,
  );
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const rangeError =
    from && to && from > to
      ? intl.formatMessage({
          id: 'agent.reports.startAfterEnd',
          defaultMessage: 'The start is after the end',
        })
      : undefined;
  const range = { from: toIso(from), to: toIso(to, true), valid: !rangeError };

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" wrap="wrap" gap="sm">
        <div>
          <Title order={1} size="h2">
            <FormattedMessage id="agent.reports.title" defaultMessage="Reports" />
          </Title>
          <Text size="sm" c="dimmed">
            <FormattedMessage
              id="agent.reports.scope"
              defaultMessage="Over the tickets of the departments you work in."
            />
          </Text>
        </div>
        <Group gap="xs" align="flex-end" wrap="wrap">
          <TextInput
            type="date"
            label={intl.formatMessage({ id: 'agent.reports.from', defaultMessage: 'From' })}
            value={from}
            onChange={(e) => setFrom(e.currentTarget.value)}
            error={rangeError}
            w={160}
          />
          <TextInput
            type="date"
            label={intl.formatMessage({ id: 'agent.reports.to', defaultMessage: 'To' })}
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
              <FormattedMessage id="agent.reports.allTime" defaultMessage="All time" />
            </Button>
          )}
        </Group>
      </Group>
      <VolumeReport {...range} />
      <BacklogReport />
      <ResponseTimesReport {...range} />
      <SlaReport {...range} />
      <CsatReport from={range.from} to={range.to} />
      <KbReport {...range} />
    </Stack>
  );
}
