import { Badge, Group, Select, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { IMPORT_OUTCOMES } from '../../../../../common/imports';
import { get } from '../../../api/client';
import { Loaded } from '../../../components/bits';
import { AnchorLink } from '../../../components/links';
import { importKey, kindLabel } from './labels';
import { ScrollRegion } from './ScrollRegion';

type Outcome = (typeof IMPORT_OUTCOMES)[number];

const OUTCOMES: Record<Outcome, { label: string; color: string }> = {
  refused: { label: 'Refused', color: 'red' },
  skipped: { label: 'Skipped', color: 'gray' },
  renumbered: { label: 'Renumbered', color: 'orange' },
  matched: { label: 'Matched', color: 'blue' },
};

/** How many entries the log shows at once (the API's most). */
const LIMIT = 1000;

/** What a run refused, skipped, renumbered or matched to what was here, with the reason. */
export function RunLog({ runId }: { runId: string }) {
  const [outcome, setOutcome] = useState<Outcome | 'all'>('all');
  const log = useQuery({
    queryKey: [...importKey(runId), 'log', outcome],
    queryFn: () =>
      get('/imports/:id/log', {
        params: { id: runId },
        query: { outcome: outcome === 'all' ? undefined : outcome, limit: LIMIT },
      }),
  });
  return (
    <section aria-labelledby="import-log-title">
      <Group justify="space-between" align="flex-end" mb="xs" wrap="wrap">
        <Title order={3} size="h5" id="import-log-title">
          Log
        </Title>
        <Select
          size="xs"
          w={200}
          label="Show"
          allowDeselect={false}
          value={outcome}
          onChange={(v) => setOutcome((v as Outcome | 'all' | null) ?? 'all')}
          data={[
            { value: 'all', label: 'Everything' },
            ...IMPORT_OUTCOMES.map((o) => ({ value: o, label: OUTCOMES[o].label })),
          ]}
        />
      </Group>
      <Loaded query={log} loading="Loading the log" errorTitle="Cannot show the log" retry>
        {({ items }) =>
          items.length === 0 ? (
            <Text size="sm" c="dimmed">
              {outcome === 'all'
                ? 'Nothing was refused, skipped, renumbered or matched: everything came over as it was.'
                : `Nothing was ${OUTCOMES[outcome].label.toLowerCase()}.`}
            </Text>
          ) : (
            <>
              <ScrollRegion label="Log entries" minWidth={280} maxHeight={480}>
                <Table verticalSpacing={4} aria-label="Import log" striped>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">What happened, and why</Table.Th>
                      <Table.Th scope="col" w={80}>
                        Ticket
                      </Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {items.map((e) => (
                      <Table.Tr key={`${e.kind}:${e.sourceId}:${e.outcome}:${e.at}`}>
                        <Table.Td>
                          <Group gap={6} wrap="wrap">
                            <Badge variant="light" color={OUTCOMES[e.outcome].color}>
                              {OUTCOMES[e.outcome].label}
                            </Badge>
                            <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                              {kindLabel(e.kind, false)} {e.sourceId}
                            </Text>
                          </Group>
                          <Text size="sm" mt={2} style={{ overflowWrap: 'anywhere' }}>
                            {e.detail}
                          </Text>
                        </Table.Td>
                        <Table.Td>
                          {e.ticketNumber !== null && (
                            <AnchorLink
                              to="/agent/tickets/$number"
                              params={{ number: String(e.ticketNumber) }}
                              size="sm"
                            >
                              #{e.ticketNumber}
                            </AnchorLink>
                          )}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </ScrollRegion>
              {items.length === LIMIT && (
                <Text size="xs" c="dimmed" mt={4}>
                  The first {LIMIT} entries are shown; choose what to show above to see others.
                </Text>
              )}
            </>
          )
        }
      </Loaded>
    </section>
  );
}
