import { Alert, Badge, Box, Button, Card, Group, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { ImportRun } from '../../../../../common/imports';
import { get } from '../../../api/client';
import { Loaded, Time } from '../../../components/bits';
import {
  importKey,
  importsKey,
  isActive,
  kindLabel,
  PHASE_LABELS,
  STATE_INFO,
  sortKinds,
  sourceLabel,
} from './labels';
import { RunLog } from './RunLog';
import { ScrollRegion } from './ScrollRegion';

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
    <Loaded query={run} loading="Loading the import" errorTitle="Cannot show this import" retry>
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
              Import from {sourceLabel(run.kind)}
            </Title>
            <Text size="xs" c="dimmed">
              Started <Time iso={run.createdAt} />
              {run.createdBy && ` by ${run.createdBy.name}`}
              {run.source && ` · ${run.source}`}
            </Text>
          </div>
          <Badge variant="light" size="lg" color={STATE_INFO[run.state].color} data-testid="import-state">
            {STATE_INFO[run.state].label}
          </Badge>
        </Group>
        <RunProgress run={run} />
        {run.state === 'failed' && (
          <Alert color="red" variant="light" title="The import stopped" role="alert">
            <Stack gap="xs">
              <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                {run.error ?? 'It stopped without saying why.'}
              </Text>
              <Text size="sm">Run it again: it goes on where it stopped.</Text>
              <Group>
                <Button size="xs" variant="white" color="red" onClick={onAgain}>
                  Run it again
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
    run.state === 'queued'
      ? 'Waiting for the worker to start it'
      : run.state === 'done'
        ? 'Finished'
        : PHASE_LABELS[run.phase];
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
          {known
            ? `${run.done.toLocaleString()} of ${run.total!.toLocaleString()} tickets`
            : `${run.done} tickets`}
        </Text>
      </Group>
      <Progress
        value={pct}
        size="lg"
        color={run.state === 'failed' ? 'red' : run.state === 'done' ? 'green' : 'blue'}
        animated={isActive(run)}
        aria-label="Progress of the import"
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
        Records
      </Title>
      <ScrollRegion label="Records imported, by kind" minWidth={420}>
        <Table verticalSpacing={4} aria-label="Records imported" maw={620}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Kind</Table.Th>
              {(['Imported', 'Updated', 'Skipped', 'Refused'] as const).map((h) => (
                <Table.Th key={h} scope="col" ta="right">
                  {h}
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
                  <Table.Td ta="right">{c.imported.toLocaleString()}</Table.Td>
                  <Table.Td ta="right">{c.updated.toLocaleString()}</Table.Td>
                  <Table.Td ta="right">{c.skipped.toLocaleString()}</Table.Td>
                  <Table.Td ta="right" c={c.refused > 0 ? 'red' : undefined}>
                    {c.refused.toLocaleString()}
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
