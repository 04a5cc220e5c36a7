import { Alert, Select } from '@mantine/core';
import type { Subscription } from '../../../api/types';
import { quotaText } from '../../../components/Subscriptions';

/**
 * Where subscriptions are on, the subscribed service a ticket is about (it uses that plan's quota);
 * a customer with none is told so.
 */
export function ServiceSelect({
  services,
  loaded,
  staff,
  value,
  onChange,
  error,
}: {
  services: Subscription[];
  loaded: boolean;
  staff: boolean;
  value: string | null;
  onChange: (id: string | null) => void;
  error?: string;
}) {
  if (services.length === 0) {
    if (!loaded || staff) return null;
    return (
      <Alert color="yellow" title="No active subscription">
        You need an active subscription to open a ticket. Ask us to set one up or renew yours.
      </Alert>
    );
  }
  return (
    <Select
      label="Service"
      description="The subscribed service this is about; the ticket counts against its plan"
      required
      data={services.map((s) => ({
        value: s.service.id,
        label: `${s.service.name} (${s.effectiveState === 'active' ? quotaText(s) : s.effectiveState})`,
      }))}
      value={value}
      onChange={onChange}
      error={error}
    />
  );
}
