import { Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { FormattedMessage, useIntl } from 'react-intl';
import { get } from '../../api/client';

/** Who else gets the replies of this ticket by mail, for the customer to see; changed by mail or by staff. */
export function PortalCc({ number }: { number: number }) {
  const intl = useIntl();
  const participants = useQuery({
    queryKey: ['ticket', number, 'participants'],
    queryFn: () => get('/tickets/:number/participants', { params: { number } }),
  });
  const cc = participants.data?.cc ?? [];
  if (cc.length === 0) return null;
  return (
    <Text size="sm" data-testid="portal-cc">
      <FormattedMessage
        id="portal.cc.list"
        defaultMessage="<label>On CC (they get the replies by mail):</label> {addresses}"
        values={{
          label: (chunks) => (
            <Text span c="dimmed" size="sm">
              {chunks}
            </Text>
          ),
          addresses: intl.formatList(cc.map((c) => c.address)),
        }}
      />
    </Text>
  );
}
