import { Select, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { z } from 'zod';
import { SUBSCRIPTION_STATES, subscriptionBody } from '../../../../../common/subscriptions';
import { type SendBody, send } from '../../../api/client';
import { keys } from '../../../api/hooks';
import type { Subscription, User } from '../../../api/types';
import { LabeledSegments, useModalSave } from '../../../components/admin/forms';
import { type Editing, editedItem, ModalForm, useContractForm } from '../../../components/ModalForm';
import { type Plan, type Service, type SubState, subscriptionsKey } from './shared';

const STATE_LABEL: Record<SubState, string> = {
  active: 'Active',
  expired: 'Expired',
  cancelled: 'Cancelled',
};

/** `YYYY-MM-DD` of an ISO instant, for a date input; and back to an ISO instant (UTC midnight). */
const toDateInput = (iso: string | null | undefined) => (iso ? iso.slice(0, 10) : '');
const fromDateInput = (d: string) => (d ? new Date(`${d}T00:00:00Z`).toISOString() : null);

// The form holds days where the API takes instants, and the holder as a kind and an id; the ids and
// the state are checked by the API's own rules.
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Choose a day');
const editForm = z.object({
  planId: subscriptionBody.shape.planId,
  state: subscriptionBody.shape.state,
  startsAt: day,
  endsAt: day.or(z.literal('')),
});
const newForm = editForm.extend({
  holderKind: z.enum(['customer', 'organisation']),
  holder: subscriptionBody.shape.customerId.unwrap(),
  serviceId: subscriptionBody.shape.serviceId,
});
type Values = z.infer<typeof newForm>;
type Body = SendBody<'PATCH /subscriptions/:id'> | SendBody<'POST /subscriptions'>;

/** Only what changed: a date input holds a day, so an untouched date keeps its exact time. */
function patchOf(current: Subscription, v: Values): SendBody<'PATCH /subscriptions/:id'> | null {
  const patch: SendBody<'PATCH /subscriptions/:id'> = {};
  if (v.planId !== current.plan.id) patch.planId = v.planId;
  if (v.state !== current.state) patch.state = v.state;
  if (v.startsAt !== toDateInput(current.startsAt)) patch.startsAt = fromDateInput(v.startsAt) ?? undefined;
  if (v.endsAt !== toDateInput(current.endsAt)) patch.endsAt = fromDateInput(v.endsAt);
  return Object.keys(patch).length === 0 ? null : patch;
}

const newBody = (v: Values): SendBody<'POST /subscriptions'> => ({
  serviceId: v.serviceId,
  planId: v.planId,
  state: v.state,
  startsAt: fromDateInput(v.startsAt) ?? '',
  endsAt: fromDateInput(v.endsAt),
  ...(v.holderKind === 'customer' ? { customerId: v.holder } : { organisationId: v.holder }),
});

// A Select answers null when cleared; the form keeps '' so its values stay strings.
const stringSelect = (form: UseFormReturnType<Values>) => (path: keyof Values) => ({
  ...form.getInputProps(path),
  value: form.values[path] || null,
  onChange: (value: string | null) => form.setFieldValue(path, value ?? ''),
});

export function SubscriptionModal({
  editing,
  services,
  plans,
  customers,
  organisations,
  onClose,
}: {
  editing: Editing<Subscription>;
  services: Service[];
  plans: Plan[];
  customers: User[];
  organisations: { value: string; label: string }[];
  onClose: () => void;
}) {
  const current = editedItem(editing);
  const form = useContractForm<Values>(current ? editForm : newForm, {
    holderKind: 'organisation',
    holder: '',
    serviceId: '',
    planId: current?.plan.id ?? '',
    state: current?.state ?? 'active',
    startsAt: toDateInput(current?.startsAt ?? new Date().toISOString()),
    endsAt: toDateInput(current?.endsAt),
  });
  const save = useModalSave({
    fn: (body: Body) =>
      current
        ? send('PATCH /subscriptions/:id', { params: { id: current.id }, body })
        : send('POST /subscriptions', { body: body as SendBody<'POST /subscriptions'> }),
    invalidate: [subscriptionsKey, keys.mySubscriptions],
    success: () => (current ? 'Subscription saved' : 'Subscription created'),
    onClose,
  });
  const v = form.values;
  const ready = Boolean(v.planId && v.startsAt && (current || (v.holder && v.serviceId)));
  const selectProps = stringSelect(form);
  return (
    <ModalForm
      opened={editing !== null}
      onClose={onClose}
      title={current ? `Edit subscription to ${current.service.name}` : 'New subscription'}
      form={form}
      save={save}
      toBody={(values) => (current ? patchOf(current, values) : newBody(values))}
      submitLabel={current ? 'Save' : 'Create subscription'}
      canSubmit={ready}
    >
      {!current && (
        <HolderFields form={form} services={services} customers={customers} organisations={organisations} />
      )}
      <Select
        label="Plan"
        required
        data={plans.map((p) => ({ value: p.id, label: p.name }))}
        {...selectProps('planId')}
      />
      <Select
        label="State"
        data={SUBSCRIPTION_STATES.map((s) => ({ value: s, label: STATE_LABEL[s] }))}
        {...form.getInputProps('state')}
        allowDeselect={false}
      />
      <TextInput type="date" label="Starts" required {...form.getInputProps('startsAt')} />
      <TextInput
        type="date"
        label="Ends"
        description="Leave empty for no end"
        {...form.getInputProps('endsAt')}
      />
    </ModalForm>
  );
}

/** Who holds a new subscription (an organisation or a customer), and of which service. */
function HolderFields({
  form,
  services,
  customers,
  organisations,
}: {
  form: UseFormReturnType<Values>;
  services: Service[];
  customers: User[];
  organisations: { value: string; label: string }[];
}) {
  const v = form.values;
  const selectProps = stringSelect(form);
  return (
    <>
      <LabeledSegments
        id="sub-holder-kind"
        label="Held by"
        fullWidth
        value={v.holderKind}
        onChange={(kind) => {
          form.setFieldValue('holderKind', kind as Values['holderKind']);
          form.setFieldValue('holder', '');
        }}
        data={[
          { value: 'organisation', label: 'An organisation' },
          { value: 'customer', label: 'A customer' },
        ]}
      />
      <Select
        label={v.holderKind === 'customer' ? 'Customer' : 'Organisation'}
        required
        searchable
        data={
          v.holderKind === 'customer'
            ? customers.map((u) => ({ value: u.id, label: `${u.name} <${u.email}>` }))
            : organisations
        }
        {...selectProps('holder')}
        nothingFoundMessage="Nothing matches"
      />
      <Select
        label="Service"
        required
        data={services.map((s) => ({ value: s.id, label: s.name }))}
        {...selectProps('serviceId')}
      />
    </>
  );
}
