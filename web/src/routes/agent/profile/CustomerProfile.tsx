import { Alert, Badge, Button, Stack } from '@mantine/core';
import { useDisclosure, useDocumentTitle } from '@mantine/hooks';
import { getRouteApi } from '@tanstack/react-router';
import { FormattedMessage, useIntl } from 'react-intl';
import type { CustomerProfile } from '../../../../../common/profiles';
import { Loaded } from '../../../components/bits';
import { AnchorLink } from '../../../components/links';
import { useCustomerProfile } from './api';
import { ContactCard } from './ContactCard';
import { MergeCustomer } from './MergeCustomer';
import { NotesCard } from './NotesCard';
import { ExportButton, ProfileColumns, ProfileHeader, SubscriptionsCard } from './ProfileParts';
import { ProfileTickets } from './ProfileTickets';

const route = getRouteApi('/agent/customers/$id');

/** Staff's page about one customer: contact details, every ticket of theirs one may see, notes, subscriptions. */
export function CustomerProfilePage() {
  const { id } = route.useParams();
  const profile = useCustomerProfile(id);
  const intl = useIntl();
  const kind = intl.formatMessage({ id: 'agent.customer.kind', defaultMessage: 'Customer' });
  useDocumentTitle(`${profile.data?.customer.name ?? kind} · Tessera`);
  return (
    <Loaded
      query={profile}
      loading={intl.formatMessage({ id: 'agent.customer.loading', defaultMessage: 'Loading the customer' })}
      errorTitle={intl.formatMessage({
        id: 'agent.customer.loadError',
        defaultMessage: 'Cannot show this customer',
      })}
    >
      {(p) => <Profile profile={p} />}
    </Loaded>
  );
}

function Profile({ profile: p }: { profile: CustomerProfile }) {
  const [merging, merge] = useDisclosure(false);
  const c = p.customer;
  const intl = useIntl();
  return (
    <Stack gap="md">
      <ProfileHeader
        kind={intl.formatMessage({ id: 'agent.customer.kind', defaultMessage: 'Customer' })}
        title={c.name}
        badge={
          !c.active && (
            <Badge color="red" variant="light">
              <FormattedMessage id="agent.profile.deactivated" defaultMessage="Deactivated" />
            </Badge>
          )
        }
        actions={
          <>
            {p.abilities.merge && c.active && (
              <Button variant="default" size="sm" onClick={merge.open}>
                <FormattedMessage id="agent.customer.mergeDuplicate" defaultMessage="Merge a duplicate…" />
              </Button>
            )}
            {p.abilities.export && (
              <ExportButton href={`/api/v1/customers/${encodeURIComponent(c.id)}/export`} />
            )}
          </>
        }
      />
      {p.mergedInto && (
        <Alert
          color="blue"
          title={intl.formatMessage({ id: 'agent.customer.merged', defaultMessage: 'Merged' })}
        >
          <FormattedMessage
            id="agent.customer.mergedInto"
            defaultMessage="This record was merged into <link>{name}</link>; their tickets and addresses are there now."
            values={{
              name: p.mergedInto.name,
              link: (chunks) => (
                <AnchorLink to="/agent/customers/$id" params={{ id: p.mergedInto?.id ?? '' }}>
                  {chunks}
                </AnchorLink>
              ),
            }}
          />
        </Alert>
      )}
      <ProfileColumns
        tickets={<ProfileTickets filters={{ requesterId: c.id }} />}
        details={
          <>
            <ContactCard profile={p} />
            <NotesCard profile={p} />
            <SubscriptionsCard subscriptions={p.subscriptions} />
          </>
        }
      />
      {merging && <MergeCustomer profile={p} onClose={merge.close} />}
    </Stack>
  );
}
