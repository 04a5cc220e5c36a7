import { defineMessages, type MessageDescriptor } from 'react-intl';
import type { z } from 'zod';
import type {
  BILLING_CYCLES,
  planSchema,
  SUBSCRIPTION_STATES,
  serviceSchema,
} from '../../../../../common/subscriptions';

export type Service = z.infer<typeof serviceSchema>;
export type Plan = z.infer<typeof planSchema>;
export type Cycle = (typeof BILLING_CYCLES)[number];
export type SubState = (typeof SUBSCRIPTION_STATES)[number];

export const servicesKey = ['services'] as const;
export const plansKey = ['plans'] as const;
export const subscriptionsKey = ['subscriptions'] as const;

export const CYCLE_LABEL = defineMessages({
  monthly: { id: 'admin.plans.cycle.monthly', defaultMessage: 'Monthly' },
  yearly: { id: 'admin.plans.cycle.yearly', defaultMessage: 'Yearly' },
  none: { id: 'admin.plans.cycle.none', defaultMessage: 'For the whole term' },
}) satisfies Record<Cycle, MessageDescriptor>;
