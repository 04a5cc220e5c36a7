import { Badge, Group, Select, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { defineMessages, type MessageDescriptor } from 'react-intl';
import { IMPORT_OUTCOMES } from '../../../../../common/imports';
import { get } from '../../../api/client';
import { Loaded } from '../../../components/bits';
import { AnchorLink } from '../../../components/links';
import { t } from '../../../i18n/t';
import { importKey, kindLabel } from './labels';
import { ScrollRegion } from './ScrollRegion';

type Outcome = (typeof IMPORT_OUTCOMES)[number];

const OUTCOMES: Record<Outcome, { label: MessageDescriptor; none: MessageDescriptor; color: string }> = {
  refused: {
    ...defineMessages({
      label: { id: 'imports.log.outcome.refused', defaultMessage: 'Refused' },
      none: { id: 'imports.log.none.refused', defaultMessage: 'Nothing was refused.' },
    }),
    color: 'red',
  },
  skipped: {
    ...defineMessages({
      label: { id: 'imports.log.outcome.skipped', defaultMessage: 'Skipped' },
      none: { id: 'imports.log.none.skipped', defaultMessage: 'Nothing was skipped.' },
    }),
    color: 'gray',
  },
  renumbered: {
    ...defineMessages({
      label: { id: 'imports.log.outcome.renumbered', defaultMessage: 'Renumbered' },
      none: { id: 'imports.log.none.renumbered', defaultMessage: 'Nothing was renumbered.' },
    }),
    color: 'orange',
  },
  matched: {
    ...defineMessages({
      label: { id: 'imports.log.outcome.matched', defaultMessage: 'Matched' },
      none: { id: 'imports.log.none.matched', defaultMessage: 'Nothing was matched.' },
    }),
    color: 'blue',
  },
};

const m = defineMessages({
  title: { id: 'imports.log.title', defaultMessage: 'Log' },
  show: { id: 'imports.log.show', defaultMessage: 'Show' },
  everything: { id: 'imports.log.everything', defaultMessage: 'Everything' },
  loading: { id: 'imports.log.loading', defaultMessage: 'Loading the log' },
  cannotShow: { id: 'imports.log.cannotShow', defaultMessage: 'Cannot show the log' },
  nothing: {
    id: 'imports.log.nothing',
    defaultMessage: 'Nothing was refused, skipped, renumbered or matched: everything came over as it was.',
  },
  region: { id: 'imports.log.region', defaultMessage: 'Log entries' },
  table: { id: 'imports.log.table', defaultMessage: 'Import log' },
  what: { id: 'imports.log.column.what', defaultMessage: 'What happened, and why' },
  ticket: { id: 'imports.log.column.ticket', defaultMessage: 'Ticket' },
  entry: { id: 'imports.log.entry', defaultMessage: '{kind} {id}' },
  limit: {
    id: 'imports.log.limit',
    defaultMessage: 'The first {count, number} entries are shown; choose what to show above to see others.',
  },
});

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
          {t(m.title)}
        </Title>
        <Select
          size="xs"
          w={200}
          label={t(m.show)}
          allowDeselect={false}
          value={outcome}
          onChange={(v) => setOutcome((v as Outcome | 'all' | null) ?? 'all')}
          data={[
            { value: 'all', label: t(m.everything) },
            ...IMPORT_OUTCOMES.map((o) => ({ value: o, label: t(OUTCOMES[o].label) })),
          ]}
        />
      </Group>
      <Loaded query={log} loading={t(m.loading)} errorTitle={t(m.cannotShow)} retry>
        {({ items }) =>
          items.length === 0 ? (
            <Text size="sm" c="dimmed">
              {outcome === 'all' ? t(m.nothing) : t(OUTCOMES[outcome].none)}
            </Text>
          ) : (
            <>
              <ScrollRegion label={t(m.region)} minWidth={280} maxHeight={480}>
                <Table verticalSpacing={4} aria-label={t(m.table)} striped>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t(m.what)}</Table.Th>
                      <Table.Th scope="col" w={80}>
                        {t(m.ticket)}
                      </Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {items.map((e) => (
                      <Table.Tr key={`${e.kind}:${e.sourceId}:${e.outcome}:${e.at}`}>
                        <Table.Td>
                          <Group gap={6} wrap="wrap">
                            <Badge variant="light" color={OUTCOMES[e.outcome].color}>
                              {t(OUTCOMES[e.outcome].label)}
                            </Badge>
                            <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                              {t(m.entry, { kind: kindLabel(e.kind, false), id: e.sourceId })}
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
                  {t(m.limit, { count: LIMIT })}
                </Text>
              )}
            </>
          )
        }
      </Loaded>
    </section>
  );
}
