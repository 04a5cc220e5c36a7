import { Badge, Button, Card, Group, Stack, Switch, Table, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { get, send } from '../../api/client';
import { keys, useOrganisations } from '../../api/hooks';
import type { Subscription, User } from '../../api/types';
import { AdminHeader, AdminList, useAdminMutation } from '../../components/admin';
import { ErrorAlert, PageLoader } from '../../components/bits';
import { quotaText } from '../../components/Subscriptions';
import { formatDate } from '../../lib/format';
import { PlanModal, ServiceModal } from './plans/CatalogForms';
import { SubscriptionModal } from './plans/SubscriptionModal';
import { CYCLE_LABEL, plansKey, servicesKey, subscriptionsKey } from './plans/shared';

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
  const services = useQuery({
    queryKey: servicesKey,
    queryFn: async () => (await get('/services')).items,
  });
  const plans = useQuery({
    queryKey: plansKey,
    queryFn: async () => (await get('/plans')).items,
  });
  const subs = useQuery({
    queryKey: subscriptionsKey,
    queryFn: async () => (await get('/subscriptions')).items,
  });
  const customers = useCustomers();
  const organisations = useOrganisations();
  const [serviceModal, setServiceModal] = useState(false);
  const [planModal, setPlanModal] = useState(false);
  const [subModal, setSubModal] = useState<Subscription | 'new' | null>(null);

  const holderName = (s: Subscription) =>
    s.organisationId
      ? (organisations.data?.find((o) => o.id === s.organisationId)?.name ?? 'An organisation')
      : (customers.data?.find((u) => u.id === s.customerId)?.name ?? 'A customer');

  return (
    <Stack gap="md" maw={1100}>
      <AdminHeader
        title="Plans and subscriptions"
        description="Services you support, the plans they are sold on (how many tickets per cycle), and who holds which. With subscriptions turned on, customers need an active one to open tickets."
      />
      <SubscriptionsSwitch />

      <Card withBorder radius="md" padding="md">
        <Group justify="space-between" mb="sm" wrap="wrap">
          <Title order={2} size="h4">
            Services
          </Title>
          <Button
            size="xs"
            leftSection={<IconPlus size={14} aria-hidden />}
            onClick={() => setServiceModal(true)}
          >
            New service
          </Button>
        </Group>
        {services.isPending ? (
          <PageLoader />
        ) : services.isError ? (
          <ErrorAlert error={services.error} onRetry={() => services.refetch()} />
        ) : services.data.length === 0 ? (
          <Text size="sm" c="dimmed">
            No services yet.
          </Text>
        ) : (
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
        )}
      </Card>

      <Card withBorder radius="md" padding="md">
        <Group justify="space-between" mb="sm" wrap="wrap">
          <Title order={2} size="h4">
            Plans
          </Title>
          <Button
            size="xs"
            leftSection={<IconPlus size={14} aria-hidden />}
            onClick={() => setPlanModal(true)}
          >
            New plan
          </Button>
        </Group>
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
      </Card>

      <Card withBorder radius="md" padding="md">
        <Group justify="space-between" mb="sm" wrap="wrap">
          <Title order={2} size="h4">
            Subscriptions
          </Title>
          <Button
            size="xs"
            leftSection={<IconPlus size={14} aria-hidden />}
            onClick={() => setSubModal('new')}
            disabled={!services.data?.length || !plans.data?.length}
          >
            New subscription
          </Button>
        </Group>
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
              <Table.Th scope="col" w={80}>
                <span className="sr-only">Actions</span>
              </Table.Th>
            </>
          }
        >
          {(s) => (
            <Table.Tr key={s.id}>
              <Table.Td>
                <Text size="sm" fw={500}>
                  {holderName(s)}
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
                <Button
                  size="xs"
                  variant="default"
                  onClick={() => setSubModal(s)}
                  aria-label={`Edit subscription of ${holderName(s)} to ${s.service.name}`}
                >
                  Edit
                </Button>
              </Table.Td>
            </Table.Tr>
          )}
        </AdminList>
      </Card>

      <ServiceModal
        key={serviceModal ? 'open' : 'closed'}
        opened={serviceModal}
        onClose={() => setServiceModal(false)}
      />
      <PlanModal key={planModal ? 'open' : 'closed'} opened={planModal} onClose={() => setPlanModal(false)} />
      <SubscriptionModal
        key={subModal === null ? 'closed' : subModal === 'new' ? 'new' : subModal.id}
        editing={subModal}
        services={services.data ?? []}
        plans={plans.data ?? []}
        customers={customers.data ?? []}
        organisations={(organisations.data ?? []).map((o) => ({ value: o.id, label: o.name }))}
        onClose={() => setSubModal(null)}
      />
    </Stack>
  );
}

function SubscriptionsSwitch() {
  const setting = useQuery({
    queryKey: keys.subscriptionsEnabled,
    queryFn: async () => (await get('/settings/subscriptions')).enabled,
  });
  const save = useAdminMutation({
    fn: (enabled: boolean) => send('PUT /settings/subscriptions', { body: { enabled } }),
    invalidate: [keys.subscriptionsEnabled],
    success: (r) => (r.enabled ? 'Subscriptions turned on' : 'Subscriptions turned off'),
  });
  return (
    <Card withBorder radius="md" padding="md">
      {setting.isError ? (
        <ErrorAlert error={setting.error} title="Cannot load the subscriptions setting" />
      ) : (
        <Switch
          label="Limit tickets by subscription"
          description="On: a customer needs an active subscription with tickets left to open a ticket, and sees the quota in the portal. Off: anyone may open tickets."
          checked={setting.data ?? false}
          disabled={setting.isPending || save.isPending}
          onChange={(e) => save.mutate(e.currentTarget.checked)}
        />
      )}
    </Card>
  );
}
