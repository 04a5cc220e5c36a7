import { Button, Card, Group, List, NumberInput, Stack, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { defineMessages, type MessageDescriptor } from 'react-intl';
import { send } from '../../../api/client';
import { ErrorAlert } from '../../../components/bits';
import { t } from '../../../i18n/t';
import { formatDateTime } from '../../../lib/format';
import { metricLabel, type PolicyBody } from './shared';

const STATE: Record<string, MessageDescriptor> = defineMessages({
  running: { id: 'sla.preview.state.running', defaultMessage: 'running' },
  paused: { id: 'sla.preview.state.paused', defaultMessage: 'paused (no due time while it waits)' },
  met: { id: 'sla.preview.state.met', defaultMessage: 'met' },
  breached: { id: 'sla.preview.state.breached', defaultMessage: 'missed' },
});

const m = defineMessages({
  title: { id: 'sla.preview.title', defaultMessage: 'Try on a ticket' },
  ticket: { id: 'sla.preview.ticket', defaultMessage: 'Ticket no.' },
  preview: { id: 'sla.preview.button', defaultMessage: 'Preview' },
  noPreview: { id: 'sla.preview.error', defaultMessage: 'No preview' },
  matches: { id: 'sla.preview.matches', defaultMessage: 'This policy matches the ticket.' },
  notMatches: {
    id: 'sla.preview.notMatches',
    defaultMessage: 'This policy does not match the ticket; were it to apply:',
  },
  noTarget: { id: 'sla.preview.noTarget', defaultMessage: 'No target for this ticket’s priority.' },
  clock: { id: 'sla.preview.clock', defaultMessage: '{metric}: {state}' },
  clockDue: { id: 'sla.preview.clockDue', defaultMessage: '{metric}: {state}, due {due}' },
});

const stateLabel = (state: string) => {
  const label = STATE[state];
  return label ? t(label) : state;
};

/** "This ticket would be due at …": the policy as written, tried on a ticket; nothing is saved. */
export function PolicyPreview({ body, disabled }: { body: () => PolicyBody; disabled: boolean }) {
  const [ticket, setTicket] = useState<number | string>('');
  const preview = useMutation({
    mutationFn: () =>
      send('POST /sla/policies/preview', { body: { ticketNumber: Number(ticket), policy: body() } }),
  });
  const result = preview.data;
  return (
    <Card withBorder component="section" aria-label={t(m.title)}>
      <Stack gap="xs">
        <Title order={4} size="h5">
          {t(m.title)}
        </Title>
        <Group gap="xs" align="flex-end" wrap="wrap">
          <NumberInput
            size="xs"
            label={t(m.ticket)}
            min={1}
            w={140}
            value={ticket}
            onChange={setTicket}
            allowDecimal={false}
          />
          <Button
            size="xs"
            variant="default"
            disabled={disabled || !Number(ticket)}
            loading={preview.isPending}
            onClick={() => preview.mutate()}
          >
            {t(m.preview)}
          </Button>
        </Group>
        {preview.isError && <ErrorAlert error={preview.error} title={t(m.noPreview)} />}
        {result && (
          <div aria-live="polite" data-testid="policy-preview">
            <Text size="sm">{result.matches ? t(m.matches) : t(m.notMatches)}</Text>
            {result.clocks.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t(m.noTarget)}
              </Text>
            ) : (
              <List size="sm">
                {result.clocks.map((c) => (
                  <List.Item key={`${c.metric}-${c.startedAt}`}>
                    {c.dueAt
                      ? t(m.clockDue, {
                          metric: metricLabel(c.metric),
                          state: stateLabel(c.state),
                          due: formatDateTime(c.dueAt),
                        })
                      : t(m.clock, { metric: metricLabel(c.metric), state: stateLabel(c.state) })}
                  </List.Item>
                ))}
              </List>
            )}
          </div>
        )}
      </Stack>
    </Card>
  );
}
