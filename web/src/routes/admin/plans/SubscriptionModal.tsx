import { Select, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { defineMessages, type MessageDescriptor, useIntl } from 'react-intl';
import { z } from 'zod';
import { SUBSCRIPTION_STATES, subscriptionBody } from '../../../../../common/subscriptions';
import { type SendBody, send } from '../../../api/client';
import { keys } from '../../../api/hooks';
import type { Subscription, User } from '../../../api/types';
import { LabeledSegments, useModalSave } from '../../../components/admin/forms';
import { type Editing, editedItem, ModalForm, useContractForm } from '../../../components/ModalForm';
import { t } from '../../../i18n/t';
import { type Plan, type Service, type SubState, subscriptionsKey } from './shared';

const STATE_LABEL = defineMessages({
  active: { id: 'admin.plans.state.active', defaultMessage: 'Active' },
  expired: { id: 'admin.plans.state.expired', defaultMessage: 'Expired' },
  cancelled: { id: 'admin.plans.state.cancelled', defaultMessage: 'Cancelled' },
}) satisfies Record<SubState, MessageDescriptor>;

/** `YYYY-MM-DD` of an ISO instant, for a date input; and back to an ISO instant (UTC midnight). */
const toDateInput = (iso: string | null | undefined) => (iso ? iso.slice(0, 10) : '');
const fromDateInput = (d: string) => (d ? new Date(`${d}T00:00:00Z`).toISOString() : null);

// The form holds days where the API takes instants, and the holder as a kind and an id; the ids and
// the state are checked by the API's own rules.
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, {
  error: () => t({ id: 'admin.plans.chooseDay', defaultMessage: 'Choose a day' }),
});
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
  const intl = useIntl();
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
    success: () =>
      current
        ? intl.formatMessage({ id: 'admin.plans.subscriptionSaved', defaultMessage: 'Subscription saved' })
        : intl.formatMessage({
            id: 'admin.plans.subscriptionCreated',
            defaultMessage: 'Subscription created',
          }),
    onClose,
  });
  const v = form.values;
  const ready = Boolean(v.planId && v.startsAt && (current || (v.holder && v.serviceId)));
  const selectProps = stringSelect(form);
  return (
    <ModalForm
      opened={editing !== null}
      onClose={onClose}
      title={
        current
          ? intl.formatMessage(
              { id: 'admin.plans.editSubscription', defaultMessage: 'Edit subscription to {service}' },
              { service: current.service.name },
            )
          : intl.formatMessage({ id: 'admin.plans.newSubscription', defaultMessage: 'New subscription' })
      }
      form={form}
      save={save}
      toBody={(values) => (current ? patchOf(current, values) : newBody(values))}
      submitLabel={
        current
          ? intl.formatMessage({ id: 'admin.save', defaultMessage: 'Save' })
          : intl.formatMessage({
              id: 'admin.plans.createSubscription',
              defaultMessage: 'Create subscription',
            })
      }
      canSubmit={ready}
    >
      {!current && (
        <HolderFields form={form} services={services} customers={customers} organisations={organisations} />
      )}
      <Select
        label={intl.formatMessage({ id: 'admin.plans.plan', defaultMessage: 'Plan' })}
        required
        data={plans.map((p) => ({ value: p.id, label: p.name }))}
        {...selectProps('planId')}
      />
      <Select
        label={intl.formatMessage({ id: 'admin.plans.state', defaultMessage: 'State' })}
        data={SUBSCRIPTION_STATES.map((s) => ({ value: s, label: intl.formatMessage(STATE_LABEL[s]) }))}
        {...form.getInputProps('state')}
        allowDeselect={false}
      />
      <TextInput
        type="date"
        label={intl.formatMessage({ id: 'admin.plans.starts', defaultMessage: 'Starts' })}
        required
        {...form.getInputProps('startsAt')}
      />
      <TextInput
        type="date"
        label={intl.formatMessage({ id: 'admin.plans.ends', defaultMessage: 'Ends' })}
        description={intl.formatMessage({
          id: 'admin.plans.endsHelp',
          defaultMessage: 'Leave empty for no end',
        })}
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
  const intl = useIntl();
  return (
    <>
      <LabeledSegments
        id="sub-holder-kind"
        label={intl.formatMessage({ id: 'admin.plans.heldBy', defaultMessage: 'Held by' })}
        fullWidth
        value={v.holderKind}
        onChange={(kind) => {
          form.setFieldValue('holderKind', kind as Values['holderKind']);
          form.setFieldValue('holder', '');
        }}
        data={[
          {
            value: 'organisation',
            label: intl.formatMessage({
              id: 'admin.plans.anOrganisation',
              defaultMessage: 'An organisation',
            }),
          },
          {
            value: 'customer',
            label: intl.formatMessage({ id: 'admin.plans.aCustomer', defaultMessage: 'A customer' }),
          },
        ]}
      />
      <Select
        label={
          v.holderKind === 'customer'
            ? intl.formatMessage({ id: 'admin.plans.customer', defaultMessage: 'Customer' })
            : intl.formatMessage({ id: 'admin.plans.organisation', defaultMessage: 'Organisation' })
        }
        required
        searchable
        data={
          v.holderKind === 'customer'
            ? customers.map((u) => ({ value: u.id, label: `${u.name} <${u.email}>` }))
            : organisations
        }
        {...selectProps('holder')}
        nothingFoundMessage={intl.formatMessage({
          id: 'admin.plans.nothingMatches',
          defaultMessage: 'Nothing matches',
        })}
      />
      <Select
        label={intl.formatMessage({ id: 'admin.plans.service', defaultMessage: 'Service' })}
        required
        data={services.map((s) => ({ value: s.id, label: s.name }))}
        {...selectProps('serviceId')}
      />
    </>
  );
}
