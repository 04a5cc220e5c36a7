import { Badge, Stack, Table, Text } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { get, send } from '../../api/client';
import { keys, useOrganisations } from '../../api/hooks';
import type { Subscription, User } from '../../api/types';
import { AdminHeader, AdminList } from '../../components/admin';
import { AdminSection } from '../../components/admin/AdminSection';
import { ActionsHeader, NewButton, RowButton } from '../../components/admin/buttons';
import { useItems } from '../../components/admin/lists';
import { SettingSwitch } from '../../components/admin/SettingSwitch';
import { ErrorAlert, PageLoader } from '../../components/bits';
import { useEditing } from '../../components/ModalForm';
import { quotaText } from '../../components/Subscriptions';
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

const EFFECTIVE = {
  active: { label: 'Active', color: 'green' },
  pending: { label: 'Not started', color: 'gray' },
  expired: { label: 'Expired', color: 'red' },
  cancelled: { label: 'Cancelled', color: 'gray' },
} as const;

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
  useDocumentTitle('Plans and subscriptions · Admin · Tessera');
  const services = useItems(servicesKey, () => get('/services'));
  const plans = useItems(plansKey, () => get('/plans'));
  const customers = useCustomers();
  const organisations = useOrganisations();
  const [serviceModal, setServiceModal] = useState(false);
  const [planModal, setPlanModal] = useState(false);
  const editSub = useEditing<Subscription>((s) => s.id);

  return (
    <Stack gap="md" maw={1100}>
      <AdminHeader
        title="Plans and subscriptions"
        description="Services you support, the plans they are sold on (how many tickets per cycle), and who holds which. With subscriptions turned on, customers need an active one to open tickets."
      />
      <SettingSwitch
        queryKey={keys.subscriptionsEnabled}
        read={async () => (await get('/settings/subscriptions')).enabled}
        write={async (enabled) => (await send('PUT /settings/subscriptions', { body: { enabled } })).enabled}
        saved={(on) => (on ? 'Subscriptions turned on' : 'Subscriptions turned off')}
        errorTitle="Cannot load the subscriptions setting"
        label="Limit tickets by subscription"
        description="On: a customer needs an active subscription with tickets left to open a ticket, and sees the quota in the portal. Off: anyone may open tickets."
      />
      <AdminSection
        title="Services"
        action={
          <NewButton size="xs" onClick={() => setServiceModal(true)}>
            New service
          </NewButton>
        }
      >
        <ServiceList services={services} />
      </AdminSection>
      <AdminSection
        title="Plans"
        action={
          <NewButton size="xs" onClick={() => setPlanModal(true)}>
            New plan
          </NewButton>
        }
      >
        <PlanTable plans={plans} />
      </AdminSection>
      <AdminSection
        title="Subscriptions"
        action={
          <NewButton
            size="xs"
            onClick={() => editSub.setEditing('new')}
            disabled={!services.data?.length || !plans.data?.length}
          >
            New subscription
          </NewButton>
        }
      >
        <SubscriptionTable customers={customers.data} onEdit={editSub.setEditing} />
      </AdminSection>

      <ServiceModal
        key={serviceModal ? 'open' : 'closed'}
        opened={serviceModal}
        onClose={() => setServiceModal(false)}
      />
      <PlanModal key={planModal ? 'open' : 'closed'} opened={planModal} onClose={() => setPlanModal(false)} />
      <SubscriptionModal
        key={editSub.key}
        editing={editSub.editing}
        services={services.data ?? []}
        plans={plans.data ?? []}
        customers={customers.data ?? []}
        organisations={(organisations.data ?? []).map((o) => ({ value: o.id, label: o.name }))}
        onClose={editSub.close}
      />
    </Stack>
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
        No services yet.
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
  return (
    <AdminList
      query={plans}
      items={plans.data}
      empty="No plans yet."
      minWidth={420}
      tableProps={{ 'aria-label': 'Plans' }}
      inSection
      head={
        <>
          <Table.Th scope="col">Name</Table.Th>
          <Table.Th scope="col">Tickets</Table.Th>
          <Table.Th scope="col">After expiry</Table.Th>
        </>
      }
    >
      {(p) => (
        <Table.Tr key={p.id}>
          <Table.Td fw={500}>{p.name}</Table.Td>
          <Table.Td>
            {p.ticketLimit === null ? 'No limit' : p.ticketLimit} · {CYCLE_LABEL[p.cycle]}
          </Table.Td>
          <Table.Td>{p.replyAfterExpiry ? 'Can reply to open tickets' : 'No replies'}</Table.Td>
        </Table.Tr>
      )}
    </AdminList>
  );
}

function SubscriptionTable({
  customers,
  onEdit,
}: {
  customers: User[] | undefined;
  onEdit: (s: Subscription) => void;
}) {
  const subs = useItems(subscriptionsKey, () => get('/subscriptions'));
  const organisations = useOrganisations();
  const holderName = (s: Subscription) =>
    s.organisationId
      ? (organisations.data?.find((o) => o.id === s.organisationId)?.name ?? 'An organisation')
      : (customers?.find((u) => u.id === s.customerId)?.name ?? 'A customer');
  return (
    <AdminList
      query={subs}
      items={subs.data}
      empty="No subscriptions yet."
      minWidth={640}
      tableProps={{ 'aria-label': 'Subscriptions' }}
      inSection
      head={
        <>
          <Table.Th scope="col">Holder</Table.Th>
          <Table.Th scope="col">Service · plan</Table.Th>
          <Table.Th scope="col">State</Table.Th>
          <Table.Th scope="col">Term</Table.Th>
          <Table.Th scope="col">Usage</Table.Th>
          <ActionsHeader w={80} />
        </>
      }
    >
      {(s) => <SubscriptionRow key={s.id} sub={s} holder={holderName(s)} onEdit={() => onEdit(s)} />}
    </AdminList>
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
  return (
    <Table.Tr>
      <Table.Td>
        <Text size="sm" fw={500}>
          {holder}
        </Text>
        <Text size="xs" c="dimmed">
          {s.organisationId ? 'Organisation' : 'Customer'}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">
          {s.service.name} · {s.plan.name}
        </Text>
      </Table.Td>
      <Table.Td>
        <Badge color={EFFECTIVE[s.effectiveState].color} variant="light">
          {EFFECTIVE[s.effectiveState].label}
        </Badge>
      </Table.Td>
      <Table.Td>
        <Text size="xs">
          {formatDate(s.startsAt)} – {s.endsAt ? formatDate(s.endsAt) : 'open-ended'}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="xs">{quotaText(s)}</Text>
      </Table.Td>
      <Table.Td>
        <RowButton label={`Edit subscription of ${holder} to ${s.service.name}`} onClick={onEdit} />
      </Table.Td>
    </Table.Tr>
  );
}
