import { Button, Card, Stack, Text, Title } from '@mantine/core';
import { useDisclosure, useDocumentTitle } from '@mantine/hooks';
import { getRouteApi } from '@tanstack/react-router';
import { FormattedMessage, useIntl } from 'react-intl';
import type { OrganisationProfile } from '../../../../../common/profiles';
import { Loaded } from '../../../components/bits';
import { Field } from '../../../components/Field';
import { RequesterLink } from '../../../components/PersonLinks';
import { formatDate, formatNumber } from '../../../lib/format';
import { useOrganisationProfile } from './api';
import { ExportButton, ProfileColumns, ProfileHeader, SubscriptionsCard } from './ProfileParts';
import { ProfileTickets } from './ProfileTickets';
import { RenameOrganisation } from './RenameOrganisation';

const route = getRouteApi('/agent/organisations/$id');

/** Staff's page about an organisation: its people, the tickets of theirs one may see, its subscriptions. */
export function OrganisationProfilePage() {
  const { id } = route.useParams();
  const profile = useOrganisationProfile(id);
  const intl = useIntl();
  const kind = intl.formatMessage({ id: 'agent.organisation.kind', defaultMessage: 'Organisation' });
  useDocumentTitle(`${profile.data?.organisation.name ?? kind} · Tessera`);
  return (
    <Loaded
      query={profile}
      loading={intl.formatMessage({
        id: 'agent.organisation.loading',
        defaultMessage: 'Loading the organisation',
      })}
      errorTitle={intl.formatMessage({
        id: 'agent.organisation.loadError',
        defaultMessage: 'Cannot show this organisation',
      })}
    >
      {(p) => <Profile profile={p} />}
    </Loaded>
  );
}

function Profile({ profile: p }: { profile: OrganisationProfile }) {
  const o = p.organisation;
  const [renaming, rename] = useDisclosure(false);
  const intl = useIntl();
  return (
    <Stack gap="md">
      <ProfileHeader
        kind={intl.formatMessage({ id: 'agent.organisation.kind', defaultMessage: 'Organisation' })}
        title={o.name}
        actions={
          <>
            {p.abilities.edit && (
              <Button variant="default" size="sm" onClick={rename.open}>
                <FormattedMessage id="agent.organisation.rename" defaultMessage="Rename…" />
              </Button>
            )}
            {p.abilities.export && (
              <ExportButton href={`/api/v1/organisations/${encodeURIComponent(o.id)}/export`} />
            )}
          </>
        }
      />
      <ProfileColumns
        tickets={<ProfileTickets filters={{ organisationId: o.id }} showRequester />}
        details={
          <>
            <Card withBorder radius="md" padding="md">
              <Title order={2} size="h4" mb="sm">
                <FormattedMessage id="agent.organisation.details" defaultMessage="Details" />
              </Title>
              <Stack gap="sm" component="dl" m={0}>
                <Field
                  label={intl.formatMessage({
                    id: 'agent.organisation.customers',
                    defaultMessage: 'Customers',
                  })}
                >
                  {formatNumber(p.customerCount)}
                </Field>
                <Field
                  label={intl.formatMessage({ id: 'agent.organisation.since', defaultMessage: 'Since' })}
                >
                  {formatDate(o.createdAt)}
                </Field>
              </Stack>
            </Card>
            <People profile={p} />
            <SubscriptionsCard subscriptions={p.subscriptions} />
          </>
        }
      />
      {renaming && <RenameOrganisation profile={p} onClose={rename.close} />}
    </Stack>
  );
}

function People({ profile: p }: { profile: OrganisationProfile }) {
  const intl = useIntl();
  return (
    <Card withBorder radius="md" padding="md">
      <Title order={2} size="h4" mb="sm">
        <FormattedMessage id="agent.organisation.people" defaultMessage="People" />
      </Title>
      {p.customers.length === 0 ? (
        <Text size="sm" c="dimmed">
          <FormattedMessage id="agent.organisation.noCustomers" defaultMessage="No customers yet." />
        </Text>
      ) : (
        <Stack gap={6} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {p.customers.map((c) => (
            <Text component="li" key={c.id} size="sm" style={{ overflowWrap: 'anywhere' }}>
              <RequesterLink person={c} />{' '}
              <Text span size="xs" c="dimmed">
                {c.email}
                {c.active
                  ? ''
                  : intl.formatMessage({
                      id: 'agent.organisation.deactivated',
                      defaultMessage: ' · deactivated',
                    })}
              </Text>
            </Text>
          ))}
          {p.customerCount > p.customers.length && (
            <Text size="xs" c="dimmed">
              <FormattedMessage
                id="agent.organisation.more"
                defaultMessage="and {count, number} more"
                values={{ count: p.customerCount - p.customers.length }}
              />
            </Text>
          )}
        </Stack>
      )}
    </Card>
  );
}
