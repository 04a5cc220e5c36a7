import { Checkbox, NumberInput } from '@mantine/core';
import { z } from 'zod';
import { BILLING_CYCLES, planBody, serviceBody } from '../../../../../common/subscriptions';
import { type SendBody, send } from '../../../api/client';
import { DescriptionInput, LabeledSegments, NameInput, useModalSave } from '../../../components/admin/forms';
import { ModalForm, numberInputProps, useContractForm } from '../../../components/ModalForm';
import { CYCLE_LABEL, type Cycle, plansKey, servicesKey } from './shared';

export function ServiceModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const form = useContractForm(serviceBody, { name: '', description: '' });
  const save = useModalSave({
    fn: (body: SendBody<'POST /services'>) => send('POST /services', { body }),
    invalidate: [servicesKey],
    success: (s) => `Service “${s.name}” created`,
    onClose,
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
  const save = useModalSave({
    fn: (body: SendBody<'POST /plans'>) => send('POST /plans', { body }),
    invalidate: [plansKey],
    success: (p) => `Plan “${p.name}” created`,
    onClose,
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
      <NameInput form={form} maxLength={100} />
      <Checkbox label="No ticket limit" {...form.getInputProps('unlimited', { type: 'checkbox' })} />
      {!form.values.unlimited && (
        <NumberInput
          label="Tickets per cycle"
          min={0}
          max={1_000_000}
          {...numberInputProps(form, 'ticketLimit')}
        />
      )}
      <LabeledSegments
        id="plan-cycle-label"
        label="Quota resets"
        fullWidth
        {...form.getInputProps('cycle')}
        data={BILLING_CYCLES.map((c) => ({
          value: c,
          label: c === 'none' ? 'Never' : CYCLE_LABEL[c],
        }))}
      />
      <Checkbox
        label="After it expires, customers can still reply to their open tickets"
        {...form.getInputProps('replyAfterExpiry', { type: 'checkbox' })}
      />
    </ModalForm>
  );
}
