import { Alert, Button, Checkbox, Modal, Select, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { CustomerProfile } from '../../../../../common/profiles';
import { get, send } from '../../../api/client';
import { ErrorAlert } from '../../../components/bits';
import { ModalButtons } from '../../../components/ModalForm';
import { useProfileChange } from './api';

/**
 * Merging another record of the same person into this one: its addresses, tickets, messages,
 * subscriptions and notes move here and it is deactivated. Administrators only.
 */
export function MergeCustomer({ profile: p, onClose }: { profile: CustomerProfile; onClose: () => void }) {
  const id = p.customer.id;
  const intl = useIntl();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const [sourceId, setSourceId] = useState<string | null>(null);
  const [otherOrganisation, setOtherOrganisation] = useState(false);
  const found = useQuery({
    queryKey: ['users', 'customers', q],
    queryFn: () => get('/users', { query: { role: 'customer', q, limit: 20 } }),
    enabled: q.length > 0,
  });
  const choices = (found.data?.items ?? []).filter((u) => u.id !== id && u.active);
  const source = choices.find((u) => u.id === sourceId);
  const crosses = source !== undefined && source.organisationId !== p.customer.organisationId;
  const merge = useProfileChange(id, () =>
    send('POST /customers/:id/merge', {
      params: { id },
      body: { sourceId: sourceId ?? '', allowOtherOrganisation: otherOrganisation },
    }),
  );
  return (
    <Modal
      opened
      onClose={onClose}
      title={intl.formatMessage(
        { id: 'agent.mergeCustomer.title', defaultMessage: 'Merge another record into {name}' },
        { name: p.customer.name },
      )}
    >
      <Stack gap="sm">
        <Text size="sm">
          <FormattedMessage
            id="agent.mergeCustomer.help"
            defaultMessage="The other record’s addresses, phone, tickets, messages, subscriptions and notes move to {name}; mail from either address then reaches this customer. The other record is deactivated. This cannot be undone."
            values={{ name: p.customer.name }}
          />
        </Text>
        {merge.isError && (
          <ErrorAlert
            error={merge.error}
            title={intl.formatMessage({ id: 'agent.mergeCustomer.failed', defaultMessage: 'Not merged' })}
          />
        )}
        <Select
          label={intl.formatMessage({ id: 'agent.mergeCustomer.other', defaultMessage: 'The other record' })}
          placeholder={intl.formatMessage({
            id: 'agent.mergeCustomer.search',
            defaultMessage: 'Search by name or email',
          })}
          searchable
          searchValue={search}
          onSearchChange={setSearch}
          data={choices.map((u) => ({ value: u.id, label: `${u.name} <${u.email}>` }))}
          value={sourceId}
          onChange={setSourceId}
          nothingFoundMessage={
            q
              ? intl.formatMessage({
                  id: 'agent.mergeCustomer.noMatch',
                  defaultMessage: 'No other customer matches',
                })
              : intl.formatMessage({
                  id: 'agent.mergeCustomer.typeToSearch',
                  defaultMessage: 'Type a name or address',
                })
          }
          filter={({ options }) => options}
        />
        {crosses && (
          <Alert
            color="orange"
            title={intl.formatMessage({
              id: 'agent.mergeCustomer.otherOrganisation',
              defaultMessage: 'Another organisation',
            })}
          >
            <Checkbox
              label={intl.formatMessage({
                id: 'agent.mergeCustomer.anyway',
                defaultMessage:
                  'Merge anyway: the other record’s tickets move into this customer’s organisation, whose people then see them',
              })}
              checked={otherOrganisation}
              onChange={(e) => setOtherOrganisation(e.currentTarget.checked)}
            />
          </Alert>
        )}
        <ModalButtons onCancel={onClose}>
          <Button
            color="red"
            disabled={!source || (crosses && !otherOrganisation)}
            loading={merge.isPending}
            onClick={() => merge.mutate(undefined, { onSuccess: onClose })}
          >
            <FormattedMessage id="agent.mergeCustomer.merge" defaultMessage="Merge" />
          </Button>
        </ModalButtons>
      </Stack>
    </Modal>
  );
}
