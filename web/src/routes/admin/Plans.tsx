import { Badge, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { FormattedMessage, useIntl } from 'react-intl';
import { get, send } from '../../api/client';
import { keys, useOrganisations } from '../../api/hooks';
import type { Subscription, User } from '../../api/types';
import { AdminPage } from '../../components/admin/AdminPage';
import { AdminSection } from '../../components/admin/AdminSection';
import { NewButton, NewWithForm, RowButton } from '../../components/admin/buttons';
import { useItems } from '../../components/admin/lists';
import { SettingSwitch } from '../../components/admin/SettingSwitch';
import { HeaderCells, SectionList } from '../../components/admin/table';
import { ErrorAlert, PageLoader } from '../../components/bits';
import { useEditing } from '../../components/ModalForm';
import { quotaText, SUBSCRIPTION_STATES } from '../../components/Subscriptions';
import { formatDate } from '../../lib/format';
import { PlanModal, ServiceModal } from './plans/CatalogForms';
import { SubscriptionModal } from './plans/SubscriptionModal';
import {
  CYCLE_LABEL,
  type Plan,
  plansKey,
  type Service,
  servicesKey,
  subscriptionsKey,
} from './plans/shared';

function useCustomers() {
  return useQuery({
    queryKey: keys.users('customer'),
    queryFn: async () => {
      const all: User[] = [];
      let cursor: string | undefined;
      do {
        const page = await get('/users', {
          query: {
            role: 'customer',
            limit: 100,
            cursor,
          },
        });
        all.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor && all.length < 2000);
      return all;
    },
    staleTime: 60_000,
  });
}

export function PlansPage() {
  const services = useItems(servicesKey, () => get('/services'));
  const plans = useItems(plansKey, () => get('/plans'));
  const customers = useCustomers();
  const organisations = useOrganisations();
  const subs = useItems(subscriptionsKey, () => get('/subscriptions'));
  const editSub = useEditing<Subscription>((s) => s.id);
  const intl = useIntl();
  const holderName = (s: Subscription) =>
    s.organisationId
      ? (organisations.data?.find((o) => o.id === s.organisationId)?.name ??
        intl.formatMessage({ id: 'admin.plans.anOrganisation', defaultMessage: 'An organisation' }))
      : (customers.data?.find((u) => u.id === s.customerId)?.name ??
        intl.formatMessage({ id: 'admin.plans.aCustomer', defaultMessage: 'A customer' }));

  return (
    <AdminPage
      maw={1100}
      title={intl.formatMessage({ id: 'admin.plans.title', defaultMessage: 'Plans and subscriptions' })}
      description={intl.formatMessage({
        id: 'admin.plans.description',
        defaultMessage:
          'Services you support, the plans they are sold on (how many tickets per cycle), and who holds which. With subscriptions turned on, customers need an active one to open tickets.',
      })}
    >
      <SettingSwitch
        queryKey={keys.subscriptionsEnabled}
        read={async () => (await get('/settings/subscriptions')).enabled}
        write={async (enabled) => (await send('PUT /settings/subscriptions', { body: { enabled } })).enabled}
        saved={(on) =>
          on
            ? intl.formatMessage({
                id: 'admin.plans.subscriptionsOn',
                defaultMessage: 'Subscriptions turned on',
              })
            : intl.formatMessage({
                id: 'admin.plans.subscriptionsOff',
                defaultMessage: 'Subscriptions turned off',
              })
        }
        errorTitle={intl.formatMessage({
          id: 'admin.plans.settingLoadError',
          defaultMessage: 'Cannot load the subscriptions setting',
        })}
        label={intl.formatMessage({
          id: 'admin.plans.limitLabel',
          defaultMessage: 'Limit tickets by subscription',
        })}
        description={intl.formatMessage({
          id: 'admin.plans.limitHelp',
          defaultMessage:
            'On: a customer needs an active subscription with tickets left to open a ticket, and sees the quota in the portal. Off: anyone may open tickets.',
        })}
      />
      <AdminSection
        title={intl.formatMessage({ id: 'admin.plans.services', defaultMessage: 'Services' })}
        action={
          <NewWithForm
            label={intl.formatMessage({ id: 'admin.plans.newService', defaultMessage: 'New service' })}
            form={ServiceModal}
          />
        }
      >
        <ServiceList services={services} />
      </AdminSection>
      <PlanTable plans={plans} />
      <SectionList
        title={intl.formatMessage({ id: 'admin.plans.subscriptions', defaultMessage: 'Subscriptions' })}
        action={
          <NewButton
            size="xs"
            onClick={() => editSub.setEditing('new')}
            disabled={!services.data?.length || !plans.data?.length}
          >
            <FormattedMessage id="admin.plans.newSubscription" defaultMessage="New subscription" />
          </NewButton>
        }
        query={subs}
        empty={intl.formatMessage({
          id: 'admin.plans.noSubscriptions',
          defaultMessage: 'No subscriptions yet.',
        })}
        minWidth={640}
        head={
          <HeaderCells
            columns={[
              intl.formatMessage({ id: 'admin.plans.holder', defaultMessage: 'Holder' }),
              intl.formatMessage({ id: 'admin.plans.servicePlan', defaultMessage: 'Service · plan' }),
              intl.formatMessage({ id: 'admin.plans.state', defaultMessage: 'State' }),
              intl.formatMessage({ id: 'admin.plans.term', defaultMessage: 'Term' }),
              intl.formatMessage({ id: 'admin.plans.usage', defaultMessage: 'Usage' }),
            ]}
            actions={80}
          />
        }
      >
        {(s) => (
          <SubscriptionRow key={s.id} sub={s} holder={holderName(s)} onEdit={() => editSub.setEditing(s)} />
        )}
      </SectionList>
      <SubscriptionModal
        key={editSub.key}
        editing={editSub.editing}
        services={services.data ?? []}
        plans={plans.data ?? []}
        customers={customers.data ?? []}
        organisations={(organisations.data ?? []).map((o) => ({ value: o.id, label: o.name }))}
        onClose={editSub.close}
      />
    </AdminPage>
  );
}

type Query<T> = {
  data: T[] | undefined;
  isPending: boolean;
  isError: boolean;
  error: unknown;
  refetch: () => unknown;
};

function ServiceList({ services }: { services: Query<Service> }) {
  if (services.isPending) return <PageLoader />;
  if (services.isError) return <ErrorAlert error={services.error} onRetry={() => services.refetch()} />;
  if (!services.data?.length)
    return (
      <Text size="sm" c="dimmed">
        <FormattedMessage id="admin.plans.noServices" defaultMessage="No services yet." />
      </Text>
    );
  return (
    <Stack gap={6} component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
      {services.data.map((s) => (
        <li key={s.id}>
          <Text size="sm" fw={500} span>
            {s.name}
          </Text>
          {s.description && (
            <Text size="xs" c="dimmed">
              {s.description}
            </Text>
          )}
        </li>
      ))}
    </Stack>
  );
}

function PlanTable({ plans }: { plans: Query<Plan> }) {
  const intl = useIntl();
  return (
    <SectionList
      title={intl.formatMessage({ id: 'admin.plans.plans', defaultMessage: 'Plans' })}
      action={
        <NewWithForm
          label={intl.formatMessage({ id: 'admin.plans.newPlan', defaultMessage: 'New plan' })}
          form={PlanModal}
        />
      }
      query={plans}
      empty={intl.formatMessage({ id: 'admin.plans.noPlans', defaultMessage: 'No plans yet.' })}
      minWidth={420}
      head={
        <HeaderCells
          columns={[
            intl.formatMessage({ id: 'admin.name', defaultMessage: 'Name' }),
            intl.formatMessage({ id: 'admin.plans.tickets', defaultMessage: 'Tickets' }),
            intl.formatMessage({ id: 'admin.plans.afterExpiry', defaultMessage: 'After expiry' }),
          ]}
        />
      }
    >
      {(p) => (
        <Table.Tr key={p.id}>
          <Table.Td fw={500}>{p.name}</Table.Td>
          <Table.Td>
            {p.ticketLimit === null
              ? intl.formatMessage(
                  { id: 'admin.plans.noLimitCycle', defaultMessage: 'No limit · {cycle}' },
                  { cycle: intl.formatMessage(CYCLE_LABEL[p.cycle]) },
                )
              : intl.formatMessage(
                  { id: 'admin.plans.limitCycle', defaultMessage: '{limit, number} · {cycle}' },
                  { limit: p.ticketLimit, cycle: intl.formatMessage(CYCLE_LABEL[p.cycle]) },
                )}
          </Table.Td>
          <Table.Td>
            {p.replyAfterExpiry ? (
              <FormattedMessage id="admin.plans.canReply" defaultMessage="Can reply to open tickets" />
            ) : (
              <FormattedMessage id="admin.plans.noReplies" defaultMessage="No replies" />
            )}
          </Table.Td>
        </Table.Tr>
      )}
    </SectionList>
  );
}

function SubscriptionRow({
  sub: s,
  holder,
  onEdit,
}: {
  sub: Subscription;
  holder: string;
  onEdit: () => void;
}) {
  const intl = useIntl();
  return (
    <Table.Tr>
      <Table.Td>
        <Text size="sm" fw={500}>
          {holder}
        </Text>
        <Text size="xs" c="dimmed">
          {s.organisationId ? (
            <FormattedMessage id="admin.plans.organisation" defaultMessage="Organisation" />
          ) : (
            <FormattedMessage id="admin.plans.customer" defaultMessage="Customer" />
          )}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">
          {s.service.name} · {s.plan.name}
        </Text>
      </Table.Td>
      <Table.Td>
        <Badge color={SUBSCRIPTION_STATES[s.effectiveState].color} variant="light">
          {SUBSCRIPTION_STATES[s.effectiveState].label}
        </Badge>
      </Table.Td>
      <Table.Td>
        <Text size="xs">
          {s.endsAt
            ? intl.formatMessage(
                { id: 'admin.plans.termRange', defaultMessage: '{start} – {end}' },
                { start: formatDate(s.startsAt), end: formatDate(s.endsAt) },
              )
            : intl.formatMessage(
                { id: 'admin.plans.termOpen', defaultMessage: '{start} – open-ended' },
                { start: formatDate(s.startsAt) },
              )}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="xs">{quotaText(s)}</Text>
      </Table.Td>
      <Table.Td>
        <RowButton
          label={intl.formatMessage(
            {
              id: 'admin.plans.editSubscriptionOf',
              defaultMessage: 'Edit subscription of {holder} to {service}',
            },
            { holder, service: s.service.name },
          )}
          onClick={onEdit}
        />
      </Table.Td>
    </Table.Tr>
  );
}
