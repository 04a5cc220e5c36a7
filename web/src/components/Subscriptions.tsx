import { Badge, Group, Progress, Stack, Text } from '@mantine/core';
import type { Subscription } from '../api/types';
import { formatDate } from '../lib/format';

/** How each effective state of a subscription reads and is coloured, for customers and admins alike. */
export const SUBSCRIPTION_STATES = {
  active: { label: 'Active', color: 'green' },
  pending: { label: 'Not started', color: 'gray' },
  expired: { label: 'Expired', color: 'red' },
  cancelled: { label: 'Cancelled', color: 'gray' },
} as const;

const per = { monthly: 'this month', yearly: 'this year', none: 'in total' } as const;

/** "3 of 10 tickets used this month · renews 1 Dec"; unlimited plans say so. */
export function quotaText(s: Subscription): string {
  const { used, left } = s.usage;
  const cycle = per[s.plan.cycle];
  if (left === null) return `${used} ticket${used === 1 ? '' : 's'} ${cycle}, no limit`;
  const limit = used + left;
  return `${left} of ${limit} ticket${limit === 1 ? '' : 's'} left ${cycle}${s.renewsAt ? ` · renews ${formatDate(s.renewsAt)}` : ''}`;
}

export function SubscriptionRow({ s }: { s: Subscription }) {
  const state = SUBSCRIPTION_STATES[s.effectiveState];
  const limit = s.usage.left === null ? null : s.usage.used + s.usage.left;
  return (
    <Stack gap={4}>
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Text fw={600} size="sm">
          {s.service.name}{' '}
          <Text span size="sm" c="dimmed" fw={400}>
            · {s.plan.name}
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
          aria-label={`${s.usage.used} of ${limit} tickets used`}
        />
      )}
      <Text size="xs" c="dimmed">
        {quotaText(s)}
        {s.endsAt ? ` · ${s.effectiveState === 'expired' ? 'ended' : 'ends'} ${formatDate(s.endsAt)}` : ''}
        {s.effectiveState === 'expired' && s.plan.replyAfterExpiry
          ? ' · you can still reply to open tickets'
          : ''}
      </Text>
    </Stack>
  );
}
