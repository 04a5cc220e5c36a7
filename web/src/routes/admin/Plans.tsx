import { Badge, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
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
  const holderName = (s: Subscription) =>
    s.organisationId
      ? (organisations.data?.find((o) => o.id === s.organisationId)?.name ?? 'An organisation')
      : (customers.data?.find((u) => u.id === s.customerId)?.name ?? 'A customer');

  return (
    <AdminPage
      maw={1100}
      title="Plans and subscriptions"
      description="Services you support, the plans they are sold on (how many tickets per cycle), and who holds which. With subscriptions turned on, customers need an active one to open tickets."
    >
      <SettingSwitch
        queryKey={keys.subscriptionsEnabled}
        read={async () => (await get('/settings/subscriptions')).enabled}
        write={async (enabled) => (await send('PUT /settings/subscriptions', { body: { enabled } })).enabled}
        saved={(on) => (on ? 'Subscriptions turned on' : 'Subscriptions turned off')}
        errorTitle="Cannot load the subscriptions setting"
        label="Limit tickets by subscription"
        description="On: a customer needs an active subscription with tickets left to open a ticket, and sees the quota in the portal. Off: anyone may open tickets."
      />
      <AdminSection title="Services" action={<NewWithForm label="New service" form={ServiceModal} />}>
        <ServiceList services={services} />
      </AdminSection>
      <PlanTable plans={plans} />
      <SectionList
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
        query={subs}
        empty="No subscriptions yet."
        minWidth={640}
        head={<HeaderCells columns={['Holder', 'Service · plan', 'State', 'Term', 'Usage']} actions={80} />}
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
    <SectionList
      title="Plans"
      action={<NewWithForm label="New plan" form={PlanModal} />}
      query={plans}
      empty="No plans yet."
      minWidth={420}
      head={<HeaderCells columns={['Name', 'Tickets', 'After expiry']} />}
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
        <Badge color={SUBSCRIPTION_STATES[s.effectiveState].color} variant="light">
          {SUBSCRIPTION_STATES[s.effectiveState].label}
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
