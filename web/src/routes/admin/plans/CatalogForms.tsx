import { Checkbox, NumberInput } from '@mantine/core';
import { useIntl } from 'react-intl';
import { z } from 'zod';
import { BILLING_CYCLES, planBody, serviceBody } from '../../../../../common/subscriptions';
import { type SendBody, send } from '../../../api/client';
import { DescriptionInput, LabeledSegments, NameInput, useModalSave } from '../../../components/admin/forms';
import { ModalForm, numberInputProps, useContractForm } from '../../../components/ModalForm';
import { CYCLE_LABEL, type Cycle, plansKey, servicesKey } from './shared';

export function ServiceModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const form = useContractForm(serviceBody, { name: '', description: '' });
  const intl = useIntl();
  const save = useModalSave({
    fn: (body: SendBody<'POST /services'>) => send('POST /services', { body }),
    invalidate: [servicesKey],
    success: (s) =>
      intl.formatMessage(
        { id: 'admin.plans.serviceCreated', defaultMessage: 'Service “{name}” created' },
        { name: s.name },
      ),
    onClose,
  });
  return (
    <ModalForm
      opened={opened}
      onClose={onClose}
      title={intl.formatMessage({ id: 'admin.plans.newService', defaultMessage: 'New service' })}
      form={form}
      save={save}
      toBody={(v) => ({ name: v.name.trim(), description: v.description.trim() || undefined })}
      submitLabel={intl.formatMessage({ id: 'admin.plans.createService', defaultMessage: 'Create service' })}
      canSubmit={form.values.name.trim() !== ''}
    >
      <NameInput form={form} maxLength={100} />
      <DescriptionInput {...form.getInputProps('description')} />
    </ModalForm>
  );
}

// "No ticket limit" is a box of its own in the form; the API takes it as a null limit.
const planForm = planBody.extend({ unlimited: z.boolean() });

export function PlanModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const form = useContractForm(planForm, {
    name: '',
    unlimited: false,
    ticketLimit: 10,
    cycle: 'monthly' as Cycle,
    replyAfterExpiry: false,
  });
  const intl = useIntl();
  const save = useModalSave({
    fn: (body: SendBody<'POST /plans'>) => send('POST /plans', { body }),
    invalidate: [plansKey],
    success: (p) =>
      intl.formatMessage(
        { id: 'admin.plans.planCreated', defaultMessage: 'Plan “{name}” created' },
        { name: p.name },
      ),
    onClose,
  });
  return (
    <ModalForm
      opened={opened}
      onClose={onClose}
      title={intl.formatMessage({ id: 'admin.plans.newPlan', defaultMessage: 'New plan' })}
      form={form}
      save={save}
      toBody={({ name, unlimited, ticketLimit, cycle, replyAfterExpiry }) => ({
        name: name.trim(),
        ticketLimit: unlimited ? null : ticketLimit,
        cycle,
        replyAfterExpiry,
      })}
      submitLabel={intl.formatMessage({ id: 'admin.plans.createPlan', defaultMessage: 'Create plan' })}
      canSubmit={form.values.name.trim() !== ''}
    >
      <NameInput form={form} maxLength={100} />
      <Checkbox
        label={intl.formatMessage({ id: 'admin.plans.noLimitBox', defaultMessage: 'No ticket limit' })}
        {...form.getInputProps('unlimited', { type: 'checkbox' })}
      />
      {!form.values.unlimited && (
        <NumberInput
          label={intl.formatMessage({
            id: 'admin.plans.ticketsPerCycle',
            defaultMessage: 'Tickets per cycle',
          })}
          min={0}
          max={1_000_000}
          {...numberInputProps(form, 'ticketLimit')}
        />
      )}
      <LabeledSegments
        id="plan-cycle-label"
        label={intl.formatMessage({ id: 'admin.plans.quotaResets', defaultMessage: 'Quota resets' })}
        fullWidth
        {...form.getInputProps('cycle')}
        data={BILLING_CYCLES.map((c) => ({
          value: c,
          label:
            c === 'none'
              ? intl.formatMessage({ id: 'admin.plans.never', defaultMessage: 'Never' })
              : intl.formatMessage(CYCLE_LABEL[c]),
        }))}
      />
      <Checkbox
        label={intl.formatMessage({
          id: 'admin.plans.replyAfterExpiry',
          defaultMessage: 'After it expires, customers can still reply to their open tickets',
        })}
        {...form.getInputProps('replyAfterExpiry', { type: 'checkbox' })}
      />
    </ModalForm>
  );
}
