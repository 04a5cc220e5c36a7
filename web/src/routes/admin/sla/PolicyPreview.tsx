import { Button, Card, Group, List, NumberInput, Stack, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { SLA_METRIC_LABELS } from '../../../../../common/sla';
import { send } from '../../../api/client';
import { ErrorAlert } from '../../../components/bits';
import { formatDateTime } from '../../../lib/format';
import type { PolicyBody } from './shared';

const STATE: Record<string, string> = {
  running: 'running',
  paused: 'paused (no due time while it waits)',
  met: 'met',
  breached: 'missed',
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
    <Card withBorder component="section" aria-label="Try on a ticket">
      <Stack gap="xs">
        <Title order={4} size="h5">
          Try on a ticket
        </Title>
        <Group gap="xs" align="flex-end" wrap="wrap">
          <NumberInput
            size="xs"
            label="Ticket no."
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
            Preview
          </Button>
        </Group>
        {preview.isError && <ErrorAlert error={preview.error} title="No preview" />}
        {result && (
          <div aria-live="polite" data-testid="policy-preview">
            <Text size="sm">
              {result.matches
                ? 'This policy matches the ticket.'
                : 'This policy does not match the ticket; were it to apply:'}
            </Text>
            {result.clocks.length === 0 ? (
              <Text size="sm" c="dimmed">
                No target for this ticket’s priority.
              </Text>
            ) : (
              <List size="sm">
                {result.clocks.map((c) => (
                  <List.Item key={`${c.metric}-${c.startedAt}`}>
                    {SLA_METRIC_LABELS[c.metric]}: {STATE[c.state]}
                    {c.dueAt && `, due ${formatDateTime(c.dueAt)}`}
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
