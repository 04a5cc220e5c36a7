import { Badge, Group, Progress, Stack, Text } from '@mantine/core';
import { defineMessages, useIntl } from 'react-intl';
import type { Subscription } from '../api/types';
import { t } from '../i18n/t';
import { formatDate } from '../lib/format';

/** How each effective state of a subscription reads and is coloured, for customers and admins alike. */
const STATE_LABEL = defineMessages({
  active: { id: 'common.subscription.active', defaultMessage: 'Active' },
  pending: { id: 'common.subscription.pending', defaultMessage: 'Not started' },
  expired: { id: 'common.subscription.expired', defaultMessage: 'Expired' },
  cancelled: { id: 'common.subscription.cancelled', defaultMessage: 'Cancelled' },
});
const STATE_COLOR = { active: 'green', pending: 'gray', expired: 'red', cancelled: 'gray' } as const;
type State = keyof typeof STATE_COLOR;

export const SUBSCRIPTION_STATES = Object.fromEntries(
  (Object.keys(STATE_COLOR) as State[]).map((k) => [
    k,
    {
      get label() {
        return t(STATE_LABEL[k]);
      },
      color: STATE_COLOR[k],
    },
  ]),
) as Record<State, { readonly label: string; color: string }>;

/** "3 of 10 tickets used this month · renews 1 Dec"; unlimited plans say so. */
export function quotaText(s: Subscription): string {
  const { used, left } = s.usage;
  const cycle = s.plan.cycle;
  if (left === null)
    return t(
      {
        id: 'common.subscription.unlimited',
        defaultMessage:
          '{used, plural, one {# ticket} other {# tickets}} {cycle, select, monthly {this month} yearly {this year} other {in total}}, no limit',
      },
      { used, cycle },
    );
  const limit = used + left;
  const quota = t(
    {
      id: 'common.subscription.quota',
      defaultMessage:
        '{left} of {limit, plural, one {# ticket} other {# tickets}} left {cycle, select, monthly {this month} yearly {this year} other {in total}}',
    },
    { left, limit, cycle },
  );
  return s.renewsAt
    ? t(
        { id: 'common.subscription.renews', defaultMessage: '{quota} · renews {date}' },
        { quota, date: formatDate(s.renewsAt) },
      )
    : quota;
}

export function SubscriptionRow({ s }: { s: Subscription }) {
  const state = SUBSCRIPTION_STATES[s.effectiveState];
  const limit = s.usage.left === null ? null : s.usage.used + s.usage.left;
  const intl = useIntl();
  return (
    <Stack gap={4}>
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Text fw={600} size="sm">
          {s.service.name}{' '}
          <Text span size="sm" c="dimmed" fw={400}>
            {`· ${s.plan.name}`}
          </Text>
        </Text>
        <Badge color={state.color} variant="light">
          {state.label}
        </Badge>
      </Group>
      {limit !== null && limit > 0 && (
        <Progress
          value={Math.min(100, (s.usage.used / limit) * 100)}
          color={s.usage.left === 0 ? 'red' : 'indigo'}
          size="sm"
          aria-label={intl.formatMessage(
            { id: 'common.subscription.used', defaultMessage: '{used} of {limit} tickets used' },
            { used: s.usage.used, limit },
          )}
        />
      )}
      <Text size="xs" c="dimmed">
        {quotaText(s)}
        {s.endsAt
          ? intl.formatMessage(
              {
                id: 'common.subscription.ends',
                defaultMessage: '{ended, select, true { · ended {date}} other { · ends {date}}}',
              },
              { ended: String(s.effectiveState === 'expired'), date: formatDate(s.endsAt) },
            )
          : ''}
        {s.effectiveState === 'expired' && s.plan.replyAfterExpiry
          ? intl.formatMessage({
              id: 'common.subscription.canReply',
              defaultMessage: ' · you can still reply to open tickets',
            })
          : ''}
      </Text>
    </Stack>
  );
}
