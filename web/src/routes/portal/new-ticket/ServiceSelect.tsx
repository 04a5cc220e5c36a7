import { Alert, Select } from '@mantine/core';
import { FormattedMessage, useIntl } from 'react-intl';
import type { Subscription } from '../../../api/types';
import { quotaText, SUBSCRIPTION_STATES } from '../../../components/Subscriptions';

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
  const intl = useIntl();
  if (services.length === 0) {
    if (!loaded || staff) return null;
    return (
      <Alert
        color="yellow"
        title={intl.formatMessage({
          id: 'portal.new.noSubscription',
          defaultMessage: 'No active subscription',
        })}
      >
        <FormattedMessage
          id="portal.new.noSubscriptionText"
          defaultMessage="You need an active subscription to open a ticket. Ask us to set one up or renew yours."
        />
      </Alert>
    );
  }
  return (
    <Select
      label={intl.formatMessage({ id: 'portal.new.service', defaultMessage: 'Service' })}
      description={intl.formatMessage({
        id: 'portal.new.serviceHelp',
        defaultMessage: 'The subscribed service this is about; the ticket counts against its plan',
      })}
      required
      data={services.map((s) => ({
        value: s.service.id,
        label: intl.formatMessage(
          { id: 'portal.new.serviceOption', defaultMessage: '{service} ({state})' },
          {
            service: s.service.name,
            state: s.effectiveState === 'active' ? quotaText(s) : SUBSCRIPTION_STATES[s.effectiveState].label,
          },
        ),
      }))}
      value={value}
      onChange={onChange}
      error={error}
    />
  );
}
