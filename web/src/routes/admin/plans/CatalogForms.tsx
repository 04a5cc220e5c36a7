import { Checkbox, NumberInput, SegmentedControl, Text, Textarea, TextInput } from '@mantine/core';
import { z } from 'zod';
import { BILLING_CYCLES, planBody, serviceBody } from '../../../../../common/subscriptions';
import { type SendBody, send } from '../../../api/client';
import { useAdminMutation } from '../../../components/admin';
import { ModalForm, numberInputProps, useContractForm } from '../../../components/ModalForm';
import { CYCLE_LABEL, type Cycle, plansKey, servicesKey } from './shared';

export function ServiceModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const form = useContractForm(serviceBody, { name: '', description: '' });
  const save = useAdminMutation({
    fn: (body: SendBody<'POST /services'>) => send('POST /services', { body }),
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

export function PlanModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const form = useContractForm(planForm, {
    name: '',
    unlimited: false,
    ticketLimit: 10,
    cycle: 'monthly' as Cycle,
    replyAfterExpiry: false,
  });
  const save = useAdminMutation({
    fn: (body: SendBody<'POST /plans'>) => send('POST /plans', { body }),
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
