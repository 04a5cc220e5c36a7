import {
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  Modal,
  NumberInput,
  SegmentedControl,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { z } from 'zod';
import {
  BILLING_CYCLES,
  planBody,
  type planSchema,
  SUBSCRIPTION_STATES,
  serviceBody,
  type serviceSchema,
} from '../../../../common/subscriptions';
import { get, type SendBody, send } from '../../api/client';
import { keys, useOrganisations } from '../../api/hooks';
import type { Subscription, User } from '../../api/types';
import { AdminHeader, AdminList, useAdminMutation } from '../../components/admin';
import { ErrorAlert, PageLoader } from '../../components/bits';
import { ModalForm, numberInputProps, useContractForm } from '../../components/ModalForm';
import { quotaText } from '../../components/Subscriptions';
import { formatDate } from '../../lib/format';

type Service = z.infer<typeof serviceSchema>;
type Plan = z.infer<typeof planSchema>;
type Cycle = (typeof BILLING_CYCLES)[number];
type SubState = (typeof SUBSCRIPTION_STATES)[number];

const servicesKey = ['services'] as const;
const plansKey = ['plans'] as const;
const subscriptionsKey = ['subscriptions'] as const;

const CYCLE_LABEL: Record<Cycle, string> = {
  monthly: 'Monthly',
  yearly: 'Yearly',
  none: 'For the whole term',
};
const STATE_LABEL: Record<SubState, string> = {
  active: 'Active',
  expired: 'Expired',
  cancelled: 'Cancelled',
};
const EFFECTIVE = {
  active: { label: 'Active', color: 'green' },
  pending: { label: 'Not started', color: 'gray' },
  expired: { label: 'Expired', color: 'red' },
  cancelled: { label: 'Cancelled', color: 'gray' },
} as const;

/** `YYYY-MM-DD` of an ISO instant, for a date input; and back to an ISO instant (UTC midnight). */
const toDateInput = (iso: string | null | undefined) => (iso ? iso.slice(0, 10) : '');
const fromDateInput = (d: string) => (d ? new Date(`${d}T00:00:00Z`).toISOString() : null);

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

function ServiceModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const form = useContractForm(serviceBody, { name: '', description: '' });
  const save = useAdminMutation({
    fn: (body: { name: string; description?: string }) => send('POST /services', { body }),
    invalidate: [servicesKey],
    success: (s) => `Service “${s.name}” created`,
    onSuccess: onClose,
    quietErrors: true,
  });
  return (
    <ModalForm
      opened={opened}
      onClose={onClose}
      title="New service"
      form={form}
      save={save}
      toBody={(v) => ({ name: v.name.trim(), description: v.description.trim() || undefined })}
      submitLabel="Create service"
      canSubmit={form.values.name.trim() !== ''}
    >
      <TextInput label="Name" required maxLength={100} {...form.getInputProps('name')} data-autofocus />
      <Textarea
        label="Description"
        maxLength={2000}
        autosize
        minRows={2}
        {...form.getInputProps('description')}
      />
    </ModalForm>
  );
}

// "No ticket limit" is a box of its own in the form; the API takes it as a null limit.
const planForm = planBody.extend({ unlimited: z.boolean() });

function PlanModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const form = useContractForm(planForm, {
    name: '',
    unlimited: false,
    ticketLimit: 10,
    cycle: 'monthly' as Cycle,
    replyAfterExpiry: false,
  });
  const save = useAdminMutation({
    fn: (body: { name: string; ticketLimit: number | null; cycle: Cycle; replyAfterExpiry: boolean }) =>
      send('POST /plans', { body }),
    invalidate: [plansKey],
    success: (p) => `Plan “${p.name}” created`,
    onSuccess: onClose,
    quietErrors: true,
  });
  return (
    <ModalForm
      opened={opened}
      onClose={onClose}
      title="New plan"
      form={form}
      save={save}
      toBody={({ name, unlimited, ticketLimit, cycle, replyAfterExpiry }) => ({
        name: name.trim(),
        ticketLimit: unlimited ? null : ticketLimit,
        cycle,
        replyAfterExpiry,
      })}
      submitLabel="Create plan"
      canSubmit={form.values.name.trim() !== ''}
    >
      <TextInput label="Name" required maxLength={100} {...form.getInputProps('name')} data-autofocus />
      <Checkbox label="No ticket limit" {...form.getInputProps('unlimited', { type: 'checkbox' })} />
      {!form.values.unlimited && (
        <NumberInput
          label="Tickets per cycle"
          min={0}
          max={1_000_000}
          {...numberInputProps(form, 'ticketLimit')}
        />
      )}
      <div>
        <Text size="sm" fw={500} id="plan-cycle-label" mb={4}>
          Quota resets
        </Text>
        <SegmentedControl
          aria-labelledby="plan-cycle-label"
          fullWidth
          {...form.getInputProps('cycle')}
          data={BILLING_CYCLES.map((c) => ({
            value: c,
            label: c === 'none' ? 'Never' : CYCLE_LABEL[c],
          }))}
        />
      </div>
      <Checkbox
        label="After it expires, customers can still reply to their open tickets"
        {...form.getInputProps('replyAfterExpiry', { type: 'checkbox' })}
      />
    </ModalForm>
  );
}

function SubscriptionModal({
  editing,
  services,
  plans,
  customers,
  organisations,
  onClose,
}: {
  editing: Subscription | 'new' | null;
  services: Service[];
  plans: Plan[];
  customers: User[];
  organisations: { value: string; label: string }[];
  onClose: () => void;
}) {
  const current = editing && editing !== 'new' ? editing : null;
  const [holderKind, setHolderKind] = useState<'customer' | 'organisation'>('organisation');
  const [holder, setHolder] = useState<string | null>(null);
  const [serviceId, setServiceId] = useState<string | null>(null);
  const [planId, setPlanId] = useState<string | null>(current?.plan.id ?? null);
  const [state, setState] = useState<SubState>(current?.state ?? 'active');
  const [startsAt, setStartsAt] = useState(toDateInput(current?.startsAt ?? new Date().toISOString()));
  const [endsAt, setEndsAt] = useState(toDateInput(current?.endsAt));
  const save = useAdminMutation({
    fn: (body: SendBody<'PATCH /subscriptions/:id'> | SendBody<'POST /subscriptions'>) =>
      current
        ? send('PATCH /subscriptions/:id', { params: { id: current.id }, body })
        : send('POST /subscriptions', { body: body as SendBody<'POST /subscriptions'> }),
    invalidate: [subscriptionsKey, keys.mySubscriptions],
    success: () => (current ? 'Subscription saved' : 'Subscription created'),
    onSuccess: onClose,
    quietErrors: true,
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    // Save is disabled until these are chosen (ready, below).
    const starts = fromDateInput(startsAt);
    if (!planId || !starts) return;
    const common = { planId, state, startsAt: starts, endsAt: fromDateInput(endsAt) };
    if (current) {
      // Only what changed: a date input holds a day, so an untouched date keeps its exact time.
      const patch: SendBody<'PATCH /subscriptions/:id'> = {};
      if (planId !== current.plan.id) patch.planId = planId;
      if (state !== current.state) patch.state = state;
      if (startsAt !== toDateInput(current.startsAt)) patch.startsAt = common.startsAt;
      if (endsAt !== toDateInput(current.endsAt)) patch.endsAt = common.endsAt;
      if (Object.keys(patch).length === 0) onClose();
      else save.mutate(patch);
    } else if (holder && serviceId)
      save.mutate({
        ...common,
        serviceId,
        ...(holderKind === 'customer' ? { customerId: holder } : { organisationId: holder }),
      });
  };
  const ready = Boolean(planId && startsAt && (current || (holder && serviceId)));
  return (
    <Modal
      opened={editing !== null}
      onClose={onClose}
      title={current ? `Edit subscription to ${current.service.name}` : 'New subscription'}
    >
      <form onSubmit={submit}>
        <Stack gap="sm">
          {save.isError && <ErrorAlert error={save.error} title="Not saved" />}
          {!current && (
            <>
              <div>
                <Text size="sm" fw={500} id="sub-holder-kind" mb={4}>
                  Held by
                </Text>
                <SegmentedControl
                  aria-labelledby="sub-holder-kind"
                  fullWidth
                  value={holderKind}
                  onChange={(v) => {
                    setHolderKind(v as 'customer' | 'organisation');
                    setHolder(null);
                  }}
                  data={[
                    { value: 'organisation', label: 'An organisation' },
                    { value: 'customer', label: 'A customer' },
                  ]}
                />
              </div>
              <Select
                label={holderKind === 'customer' ? 'Customer' : 'Organisation'}
                required
                searchable
                data={
                  holderKind === 'customer'
                    ? customers.map((u) => ({ value: u.id, label: `${u.name} <${u.email}>` }))
                    : organisations
                }
                value={holder}
                onChange={setHolder}
                nothingFoundMessage="Nothing matches"
              />
              <Select
                label="Service"
                required
                data={services.map((s) => ({ value: s.id, label: s.name }))}
                value={serviceId}
                onChange={setServiceId}
              />
            </>
          )}
          <Select
            label="Plan"
            required
            data={plans.map((p) => ({ value: p.id, label: p.name }))}
            value={planId}
            onChange={setPlanId}
          />
          <Select
            label="State"
            data={SUBSCRIPTION_STATES.map((s) => ({ value: s, label: STATE_LABEL[s] }))}
            value={state}
            onChange={(v) => v && setState(v as SubState)}
            allowDeselect={false}
          />
          <TextInput
            type="date"
            label="Starts"
            required
            value={startsAt}
            onChange={(e) => setStartsAt(e.currentTarget.value)}
          />
          <TextInput
            type="date"
            label="Ends"
            description="Leave empty for no end"
            value={endsAt}
            onChange={(e) => setEndsAt(e.currentTarget.value)}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending} disabled={!ready}>
              {current ? 'Save' : 'Create subscription'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
