import { Alert, Badge, Box, Button, Card, Group, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { defineMessages, FormattedMessage } from 'react-intl';
import type { ImportRun } from '../../../../../common/imports';
import { get } from '../../../api/client';
import { Loaded, Time } from '../../../components/bits';
import { t } from '../../../i18n/t';
import { formatNumber } from '../../../lib/format';
import {
  importKey,
  importsKey,
  isActive,
  kindLabel,
  phaseLabel,
  sortKinds,
  sourceLabel,
  stateInfo,
} from './labels';
import { RunLog } from './RunLog';
import { ScrollRegion } from './ScrollRegion';

const m = defineMessages({
  loading: { id: 'imports.run.loading', defaultMessage: 'Loading the import' },
  cannotShow: { id: 'imports.run.cannotShow', defaultMessage: 'Cannot show this import' },
  title: { id: 'imports.run.title', defaultMessage: 'Import from {source}' },
  stopped: { id: 'imports.run.stopped', defaultMessage: 'The import stopped' },
  noReason: { id: 'imports.run.noReason', defaultMessage: 'It stopped without saying why.' },
  again: { id: 'imports.run.againHelp', defaultMessage: 'Run it again: it goes on where it stopped.' },
  againButton: { id: 'imports.run.again', defaultMessage: 'Run it again' },
  waiting: { id: 'imports.run.waiting', defaultMessage: 'Waiting for the worker to start it' },
  finished: { id: 'imports.run.finished', defaultMessage: 'Finished' },
  progressOf: {
    id: 'imports.run.progressOf',
    defaultMessage: '{done, number} of {total, plural, one {# ticket} other {# tickets}}',
  },
  progress: {
    id: 'imports.run.progress',
    defaultMessage: '{done, plural, one {# ticket} other {# tickets}}',
  },
  progressLabel: { id: 'imports.run.progressLabel', defaultMessage: 'Progress of the import' },
  records: { id: 'imports.run.records', defaultMessage: 'Records' },
  region: { id: 'imports.run.region', defaultMessage: 'Records imported, by kind' },
  table: { id: 'imports.run.table', defaultMessage: 'Records imported' },
  kind: { id: 'imports.run.column.kind', defaultMessage: 'Kind' },
  imported: { id: 'imports.run.column.imported', defaultMessage: 'Imported' },
  updated: { id: 'imports.run.column.updated', defaultMessage: 'Updated' },
  skipped: { id: 'imports.run.column.skipped', defaultMessage: 'Skipped' },
  refused: { id: 'imports.run.column.refused', defaultMessage: 'Refused' },
});

/** How often a run is asked about while it is queued or running. */
const POLL_MS = 1000;

export function useImportRun(id: string) {
  return useQuery({
    queryKey: importKey(id),
    queryFn: () => get('/imports/:id', { params: { id } }),
    refetchInterval: (q) => (q.state.data && !isActive(q.state.data) ? false : POLL_MS),
  });
}

/**
 * One import: its progress while it runs (asked every second), then what it did per kind of record,
 * the log of what was refused, renumbered or matched, and why it stopped where it did.
 */
export function RunPanel({ id, onAgain }: { id: string; onAgain: () => void }) {
  const run = useImportRun(id);
  return (
    <Loaded query={run} loading={t(m.loading)} errorTitle={t(m.cannotShow)} retry>
      {(r) => <RunView run={r} onAgain={onAgain} />}
    </Loaded>
  );
}

function RunView({ run, onAgain }: { run: ImportRun; onAgain: () => void }) {
  const qc = useQueryClient();
  const active = isActive(run);
  // The list of runs shows each one's state: refresh it as this one ends.
  useEffect(() => {
    if (!active) void qc.invalidateQueries({ queryKey: importsKey, exact: true });
  }, [active, qc]);
  return (
    <Card withBorder radius="md" padding="md" component="section" aria-labelledby="import-run-title">
      <Stack gap="md">
        <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
          <div>
            <Title order={2} size="h4" id="import-run-title">
              {t(m.title, { source: sourceLabel(run.kind) })}
            </Title>
            <Text size="xs" c="dimmed">
              {run.createdBy ? (
                <FormattedMessage
                  id="imports.run.startedBy"
                  defaultMessage="Started <time></time> by {name}"
                  values={{ name: run.createdBy.name, time: () => <Time iso={run.createdAt} /> }}
                />
              ) : (
                <FormattedMessage
                  id="imports.run.started"
                  defaultMessage="Started <time></time>"
                  values={{ time: () => <Time iso={run.createdAt} /> }}
                />
              )}
              {run.source && ` · ${run.source}`}
            </Text>
          </div>
          <Badge variant="light" size="lg" color={stateInfo(run.state).color} data-testid="import-state">
            {stateInfo(run.state).label}
          </Badge>
        </Group>
        <RunProgress run={run} />
        {run.state === 'failed' && (
          <Alert color="red" variant="light" title={t(m.stopped)} role="alert">
            <Stack gap="xs">
              <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                {run.error ?? t(m.noReason)}
              </Text>
              <Text size="sm">{t(m.again)}</Text>
              <Group>
                <Button size="xs" variant="white" color="red" onClick={onAgain}>
                  {t(m.againButton)}
                </Button>
              </Group>
            </Stack>
          </Alert>
        )}
        <Counts run={run} />
        {!active && <RunLog runId={run.id} />}
      </Stack>
    </Card>
  );
}

function RunProgress({ run }: { run: ImportRun }) {
  const known = run.total !== null && run.total > 0;
  const pct =
    run.state === 'done' ? 100 : known ? Math.min(100, Math.round((run.done / run.total!) * 100)) : 0;
  const what =
    run.state === 'queued' ? t(m.waiting) : run.state === 'done' ? t(m.finished) : phaseLabel(run.phase);
  return (
    <Box aria-live="polite">
      <Group justify="space-between" gap="xs" mb={4} wrap="wrap">
        <Text size="sm" fw={500} data-testid="import-phase">
          {what}
          {run.state === 'done' && run.finishedAt && (
            <Text span size="sm" c="dimmed" fw={400}>
              {' '}
              <Time iso={run.finishedAt} />
            </Text>
          )}
        </Text>
        <Text size="sm" c="dimmed" data-testid="import-progress">
          {known ? t(m.progressOf, { done: run.done, total: run.total }) : t(m.progress, { done: run.done })}
        </Text>
      </Group>
      <Progress
        value={pct}
        size="lg"
        color={run.state === 'failed' ? 'red' : run.state === 'done' ? 'green' : 'blue'}
        animated={isActive(run)}
        aria-label={t(m.progressLabel)}
      />
    </Box>
  );
}

function Counts({ run }: { run: ImportRun }) {
  const kinds = sortKinds(Object.keys(run.counts));
  if (kinds.length === 0) return null;
  return (
    <div>
      <Title order={3} size="h5" mb={4}>
        {t(m.records)}
      </Title>
      <ScrollRegion label={t(m.region)} minWidth={420}>
        <Table verticalSpacing={4} aria-label={t(m.table)} maw={620}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t(m.kind)}</Table.Th>
              {[m.imported, m.updated, m.skipped, m.refused].map((h) => (
                <Table.Th key={h.id} scope="col" ta="right">
                  {t(h)}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {kinds.map((k) => {
              const c = run.counts[k];
              if (!c) return null;
              return (
                <Table.Tr key={k} data-testid={`count-${k}`}>
                  <Table.Th scope="row" fw={400}>
                    {kindLabel(k)}
                  </Table.Th>
                  <Table.Td ta="right">{formatNumber(c.imported)}</Table.Td>
                  <Table.Td ta="right">{formatNumber(c.updated)}</Table.Td>
                  <Table.Td ta="right">{formatNumber(c.skipped)}</Table.Td>
                  <Table.Td ta="right" c={c.refused > 0 ? 'red' : undefined}>
                    {formatNumber(c.refused)}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </ScrollRegion>
    </div>
  );
}
