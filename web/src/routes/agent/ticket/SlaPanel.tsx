import { Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { SLA_METRIC_LABELS, type SlaClock, type TicketSla } from '../../../../../common/sla';
import { formatDateTime, formatRelative } from '../../../lib/format';
import { longMinutes, useNow } from '../queue/SlaDue';

const STATE_INFO: Record<SlaClock['state'], { label: string; color: string }> = {
  running: { label: 'Running', color: 'blue' },
  paused: { label: 'Paused', color: 'gray' },
  met: { label: 'Met', color: 'green' },
  breached: { label: 'Breached', color: 'red' },
};

/**
 * The ticket's service-level clocks under its policy: each one's state, when it is due and how
 * long is left. It comes with the ticket, so it follows every change to it.
 */
export function SlaPanel({ sla }: { sla: TicketSla }) {
  return (
    <Card withBorder radius="md" padding="md" component="section" aria-labelledby="sla-panel-title">
      <Title order={2} size="h5" id="sla-panel-title">
        Service level
      </Title>
      <Text size="xs" c="dimmed" mb="sm" data-testid="sla-policy">
        {sla.policyName ? `Policy: ${sla.policyName}` : 'Policy removed'}
      </Text>
      {sla.clocks.length === 0 ? (
        <Text size="sm" c="dimmed">
          No target applies to this ticket.
        </Text>
      ) : (
        <Stack gap="sm" component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
          {sla.clocks.map((c, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a metric may come again (next reply), in order.
            <ClockRow key={`${c.metric}-${i}`} clock={c} />
          ))}
        </Stack>
      )}
    </Card>
  );
}

function ClockRow({ clock: c }: { clock: SlaClock }) {
  const now = useNow();
  const state = STATE_INFO[c.state];
  const label = SLA_METRIC_LABELS[c.metric];
  const left = minutesLeft(c, now);
  return (
    <li data-sla-clock={c.metric} aria-label={`${label}: ${state.label.toLowerCase()}`}>
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <Text size="sm">
          <Text span size="sm" fw={600}>
            {label}
          </Text>{' '}
          <Text span size="xs" c="dimmed">
            within {longMinutes(c.targetMinutes)}
          </Text>
        </Text>
        <Badge color={state.color} variant="light" radius="sm">
          {state.label}
        </Badge>
      </Group>
      {c.dueAt && (
        <Text size="sm">
          {c.state === 'met' || c.state === 'breached' ? 'Was due ' : 'Due '}
          <time dateTime={c.dueAt}>{formatDateTime(c.dueAt)}</time>{' '}
          <Text span size="sm" c="dimmed">
            ({formatRelative(c.dueAt, now)})
          </Text>
        </Text>
      )}
      {c.state === 'paused' && (
        <Text size="sm" c="dimmed">
          No due time while paused
        </Text>
      )}
      {left !== null && (
        <Text size="sm" c={left < 0 ? 'red.8' : undefined} fw={left < 0 ? 600 : undefined}>
          {left < 0 ? `${longMinutes(left)} overdue` : `${longMinutes(left)} left`}
          {c.businessHours && (
            <Text span size="xs" c="dimmed">
              {' '}
              · business hours
            </Text>
          )}
        </Text>
      )}
      {left === null && c.stoppedAt && (
        <Text size="sm" c="dimmed">
          {c.state === 'met' ? 'Met' : 'Stopped'}{' '}
          <time dateTime={c.stoppedAt}>{formatDateTime(c.stoppedAt)}</time>
          {c.businessHours ? ' · business hours' : ''}
        </Text>
      )}
    </li>
  );
}

/**
 * The minutes left (negative: overdue). A clock in calendar time counts down from its due time
 * as the minutes pass; one in business hours keeps the server's count, which only it can make.
 */
function minutesLeft(c: SlaClock, now: number): number | null {
  if (c.remainingMinutes === null) return null;
  if (c.stoppedAt === null && !c.businessHours && c.dueAt) {
    const ms = Date.parse(c.dueAt) - now;
    // Rounded as the server rounds, and as the relative due time beside it.
    return ms > 0 ? Math.max(1, Math.round(ms / 60_000)) : -Math.max(1, Math.round(-ms / 60_000));
  }
  return c.remainingMinutes;
}
