import { Fieldset, Group, Select, SimpleGrid, TagsInput, Textarea } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useIntl } from 'react-intl';
import { z } from 'zod';
import { PRIORITIES } from '../../../../../common/api';
import { cannedBody, type MacroActions } from '../../../../../common/intake';
import { useStaffWorkflow } from '../../../api/hooks';
import { PRIORITY_INFO } from '../../../lib/format';

// A macro's actions besides its text, as form fields: an internal note, a status and a priority
// to set, tags to add and to remove. Empty fields are no action.

const KEEP = '';

/** The form's rules: the request's, with the actions as the flat fields the form shows. */
export const cannedFormSchema = cannedBody.omit({ actions: true }).extend({
  note: z.string().max(100_000),
  status: z.string(),
  priority: z.string(),
  addTags: z.array(z.string()),
  removeTags: z.array(z.string()),
});
export type CannedFormValues = z.infer<typeof cannedFormSchema>;

type Saved = { note?: string; changes?: Record<string, unknown> };

/** The form's fields from a saved macro's actions. */
export const macroValues = (a: Saved | undefined) => ({
  note: a?.note ?? '',
  status: typeof a?.changes?.status === 'string' ? a.changes.status : KEEP,
  priority: typeof a?.changes?.priority === 'string' ? a.changes.priority : KEEP,
  addTags: (a?.changes?.addTags as string[] | undefined) ?? [],
  removeTags: (a?.changes?.removeTags as string[] | undefined) ?? [],
});

/** The request's actions from the form's fields (changes the macro makes only, others kept as saved). */
export function macroActions(v: CannedFormValues, saved: Saved | undefined): MacroActions {
  const { status: _s, priority: _p, addTags: _a, removeTags: _r, ...other } = saved?.changes ?? {};
  const changes = {
    ...(other as MacroActions['changes']),
    ...(v.status && { status: v.status }),
    ...(v.priority && { priority: v.priority as (typeof PRIORITIES)[number] }),
    ...(v.addTags.length > 0 && { addTags: v.addTags }),
    ...(v.removeTags.length > 0 && { removeTags: v.removeTags }),
  };
  return {
    ...(v.note.trim() && { note: v.note.trim() }),
    ...(Object.keys(changes).length > 0 && { changes }),
  };
}

/** The fieldset of a macro's actions in the canned response dialog. */
export function MacroFields({ form }: { form: UseFormReturnType<CannedFormValues> }) {
  const workflow = useStaffWorkflow();
  const statuses = (workflow.data?.statuses ?? [])
    .filter((s) => s.manual)
    .map((s) => ({ value: s.key, label: s.staffLabel }));
  const intl = useIntl();
  return (
    <Fieldset
      legend={intl.formatMessage({
        id: 'admin.canned.macro.legend',
        defaultMessage: 'Also, when applied (a macro)',
      })}
      variant="filled"
    >
      <Textarea
        label={intl.formatMessage({ id: 'admin.canned.macro.note', defaultMessage: 'Add an internal note' })}
        description={intl.formatMessage({
          id: 'admin.canned.macro.noteHelp',
          defaultMessage: 'Staff only; the same placeholders as the text',
        })}
        autosize
        minRows={2}
        maxLength={100_000}
        {...form.getInputProps('note')}
      />
      <SimpleGrid cols={{ base: 1, xs: 2 }} mt="sm">
        <Select
          label={intl.formatMessage({ id: 'admin.canned.macro.status', defaultMessage: 'Set status' })}
          data={[
            {
              value: KEEP,
              label: intl.formatMessage({ id: 'admin.canned.macro.keep', defaultMessage: 'Keep as it is' }),
            },
            ...statuses,
          ]}
          {...form.getInputProps('status')}
          allowDeselect={false}
        />
        <Select
          label={intl.formatMessage({ id: 'admin.canned.macro.priority', defaultMessage: 'Set priority' })}
          data={[
            {
              value: KEEP,
              label: intl.formatMessage({ id: 'admin.canned.macro.keep', defaultMessage: 'Keep as it is' }),
            },
            ...PRIORITIES.map((p) => ({ value: p, label: PRIORITY_INFO[p].label })),
          ]}
          {...form.getInputProps('priority')}
          allowDeselect={false}
        />
      </SimpleGrid>
      <Group grow mt="sm" align="flex-start">
        <TagsInput
          label={intl.formatMessage({ id: 'admin.canned.macro.addTags', defaultMessage: 'Add tags' })}
          maxTags={50}
          {...form.getInputProps('addTags')}
        />
        <TagsInput
          label={intl.formatMessage({ id: 'admin.canned.macro.removeTags', defaultMessage: 'Remove tags' })}
          maxTags={50}
          {...form.getInputProps('removeTags')}
        />
      </Group>
    </Fieldset>
  );
}
