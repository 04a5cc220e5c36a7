import { ActionIcon, Button, Checkbox, Group, Table, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { STATUS_CATEGORIES } from '../../../../../common/workflow';
import { HeaderCells } from '../../../components/admin/table';
import { STATUS_CATEGORY_INFO } from '../../../lib/format';
import { hintedOption, PickSelect, WorkflowCard } from './controls';
import { type SectionProps, type Status, statusOptions } from './doc';

const CATEGORY_HINT: Record<string, string> = {
  new: 'Not looked at yet',
  open: 'Support is working on it',
  pending: 'Waiting on the customer',
  on_hold: 'Waiting on someone else',
  solved: 'Solved; may still close by timer',
  closed: 'Finished',
};
const CATEGORY_DATA = STATUS_CATEGORIES.map((c) => ({
  value: c,
  label: STATUS_CATEGORY_INFO[c]?.label ?? c,
}));
const NEW_STATUS: Status = {
  key: '',
  staffLabel: '',
  customerLabel: '',
  category: 'open',
  customerCanReply: true,
  manual: true,
};

export function StatusesCard({ doc, onChange }: SectionProps) {
  const { statusData } = statusOptions(doc);
  const setStatus = (i: number, patch: Partial<Status>) =>
    onChange({ ...doc, statuses: doc.statuses.map((s, j) => (j === i ? { ...s, ...patch } : s)) });

  return (
    <WorkflowCard
      title="Statuses"
      description="Each status sits in one fixed category. Staff see the staff label, customers the customer label. “Set by hand” off means only rules may move a ticket there."
    >
      <Table.ScrollContainer minWidth={900}>
        <Table verticalSpacing={6}>
          <Table.Thead>
            <Table.Tr>
              <HeaderCells
                columns={[
                  'Key',
                  'Staff label',
                  'Customer label',
                  'Category',
                  'Customer can reply',
                  'Set by hand',
                ]}
              />
              <Table.Th scope="col">
                <span className="sr-only">Remove</span>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {doc.statuses.map((s, i) => (
              <StatusRow
                // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place; a key edit must not remount the row
                key={i}
                status={s}
                index={i}
                onChange={(patch) => setStatus(i, patch)}
                onRemove={
                  doc.statuses.length <= 1
                    ? undefined
                    : () => onChange({ ...doc, statuses: doc.statuses.filter((_, j) => j !== i) })
                }
              />
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Group mt="sm" justify="space-between" wrap="wrap">
        <Button
          size="xs"
          variant="default"
          leftSection={<IconPlus size={14} aria-hidden />}
          onClick={() => onChange({ ...doc, statuses: [...doc.statuses, NEW_STATUS] })}
        >
          Add status
        </Button>
        <PickSelect
          label="New tickets start in"
          data={statusData}
          value={doc.initialStatus}
          onPick={(v) => onChange({ ...doc, initialStatus: v })}
          w={260}
        />
      </Group>
    </WorkflowCard>
  );
}

/** One status's cells; `onRemove` is absent for the last status left, which cannot go. */
function StatusRow({
  status: s,
  index: i,
  onChange,
  onRemove,
}: {
  status: Status;
  index: number;
  onChange: (patch: Partial<Status>) => void;
  onRemove?: () => void;
}) {
  const name = s.key || `status ${i + 1}`;
  const label = (field: 'staffLabel' | 'customerLabel', what: string) => (
    <Table.Td>
      <TextInput
        aria-label={`${what} of ${name}`}
        value={s[field]}
        onChange={(e) => onChange({ [field]: e.currentTarget.value })}
        size="xs"
      />
    </Table.Td>
  );
  return (
    <Table.Tr>
      <Table.Td>
        <TextInput
          aria-label={`Key of status ${i + 1}`}
          value={s.key}
          onChange={(e) => onChange({ key: e.currentTarget.value })}
          ff="monospace"
          size="xs"
        />
      </Table.Td>
      {label('staffLabel', 'Staff label')}
      {label('customerLabel', 'Customer label')}
      <Table.Td>
        <PickSelect
          aria-label={`Category of ${name}`}
          data={CATEGORY_DATA}
          value={s.category}
          onPick={(v) => onChange({ category: v as Status['category'] })}
          w={150}
          renderOption={hintedOption(CATEGORY_HINT)}
        />
      </Table.Td>
      <Table.Td>
        <Checkbox
          aria-label={`Customers can reply in ${name}`}
          checked={s.customerCanReply}
          onChange={(e) => onChange({ customerCanReply: e.currentTarget.checked })}
        />
      </Table.Td>
      <Table.Td>
        <Checkbox
          aria-label={`Staff may set ${name} by hand`}
          checked={s.manual ?? true}
          onChange={(e) => onChange({ manual: e.currentTarget.checked })}
        />
      </Table.Td>
      <Table.Td>
        <ActionIcon
          variant="subtle"
          color="red"
          aria-label={`Remove status ${s.key || i + 1}`}
          onClick={onRemove}
          disabled={!onRemove}
        >
          <IconTrash size={16} aria-hidden />
        </ActionIcon>
      </Table.Td>
    </Table.Tr>
  );
}
