import { Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { defineMessages, FormattedMessage, useIntl } from 'react-intl';
import type { SlaClock, TicketSla } from '../../../../../common/sla';
import { slaMetricLabel } from '../../../i18n/labels';
import { formatDateTime, formatRelative } from '../../../lib/format';
import { longMinutes, useNow } from '../queue/SlaDue';

const STATE_LABEL = defineMessages({
  running: { id: 'agent.slaPanel.state.running', defaultMessage: 'Running' },
  paused: { id: 'agent.slaPanel.state.paused', defaultMessage: 'Paused' },
  met: { id: 'agent.slaPanel.state.met', defaultMessage: 'Met' },
  breached: { id: 'agent.slaPanel.state.breached', defaultMessage: 'Breached' },
} satisfies Record<SlaClock['state'], unknown>);

const STATE_COLOR: Record<SlaClock['state'], string> = {
  running: 'blue',
  paused: 'gray',
  met: 'green',
  breached: 'red',
};

/**
 * The ticket's service-level clocks under its policy: each one's state, when it is due and how
 * long is left. It comes with the ticket, so it follows every change to it.
 */
export function SlaPanel({ sla }: { sla: TicketSla }) {
  return (
    <Card withBorder radius="md" padding="md" component="section" aria-labelledby="sla-panel-title">
      <Title order={2} size="h5" id="sla-panel-title">
        <FormattedMessage id="agent.slaPanel.title" defaultMessage="Service level" />
      </Title>
      <Text size="xs" c="dimmed" mb="sm" data-testid="sla-policy">
        {sla.policyName ? (
          <FormattedMessage
            id="agent.slaPanel.policy"
            defaultMessage="Policy: {name}"
            values={{ name: sla.policyName }}
          />
        ) : (
          <FormattedMessage id="agent.slaPanel.policyRemoved" defaultMessage="Policy removed" />
        )}
      </Text>
      {sla.clocks.length === 0 ? (
        <Text size="sm" c="dimmed">
          <FormattedMessage id="agent.slaPanel.noTarget" defaultMessage="No target applies to this ticket." />
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
  const intl = useIntl();
  const stateLabel = intl.formatMessage(STATE_LABEL[c.state]);
  const label = slaMetricLabel(c.metric);
  const left = minutesLeft(c, now);
  const hours = intl.formatMessage({
    id: 'agent.slaPanel.businessHours',
    defaultMessage: ' · business hours',
  });
  const at = (iso: string) => <time dateTime={iso}>{formatDateTime(iso)}</time>;
  return (
    <li
      data-sla-clock={c.metric}
      aria-label={intl.formatMessage(
        {
          id: 'agent.slaPanel.clockLabel',
          defaultMessage:
            '{metric}: {state, select, running {running} paused {paused} met {met} other {breached}}',
        },
        { metric: label, state: c.state },
      )}
    >
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <Text size="sm">
          <Text span size="sm" fw={600}>
            {label}
          </Text>{' '}
          <Text span size="xs" c="dimmed">
            <FormattedMessage
              id="agent.slaPanel.within"
              defaultMessage="within {span}"
              values={{ span: longMinutes(c.targetMinutes) }}
            />
          </Text>
        </Text>
        <Badge color={STATE_COLOR[c.state]} variant="light" radius="sm">
          {stateLabel}
        </Badge>
      </Group>
      {c.dueAt && (
        <Text size="sm">
          <FormattedMessage
            id="agent.slaPanel.due"
            defaultMessage="{past, select, yes {Was due} other {Due}} {time} {relative}"
            values={{
              past: c.state === 'met' || c.state === 'breached' ? 'yes' : 'no',
              time: at(c.dueAt),
              relative: (
                <Text span size="sm" c="dimmed">
                  ({formatRelative(c.dueAt, now)})
                </Text>
              ),
            }}
          />
        </Text>
      )}
      {c.state === 'paused' && (
        <Text size="sm" c="dimmed">
          <FormattedMessage id="agent.slaPanel.paused" defaultMessage="No due time while paused" />
        </Text>
      )}
      {left !== null && (
        <Text size="sm" c={left < 0 ? 'red.8' : undefined} fw={left < 0 ? 600 : undefined}>
          {left < 0 ? (
            <FormattedMessage
              id="agent.sla.overdue"
              defaultMessage="{span} overdue"
              values={{ span: longMinutes(left) }}
            />
          ) : (
            <FormattedMessage
              id="agent.slaPanel.left"
              defaultMessage="{span} left"
              values={{ span: longMinutes(left) }}
            />
          )}
          {c.businessHours && (
            <Text span size="xs" c="dimmed">
              {hours}
            </Text>
          )}
        </Text>
      )}
      {left === null && c.stoppedAt && (
        <Text size="sm" c="dimmed">
          <FormattedMessage
            id="agent.slaPanel.stopped"
            defaultMessage="{met, select, yes {Met} other {Stopped}} {time}"
            values={{ met: c.state === 'met' ? 'yes' : 'no', time: at(c.stoppedAt) }}
          />
          {c.businessHours ? hours : ''}
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
