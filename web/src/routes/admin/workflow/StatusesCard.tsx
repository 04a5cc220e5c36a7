import {
  ActionIcon,
  Button,
  Card,
  Checkbox,
  Group,
  Select,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { STATUS_CATEGORIES } from '../../../../../common/workflow';
import { STATUS_CATEGORY_INFO } from '../../../lib/format';
import { hintedOption } from './controls';
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

export function StatusesCard({ doc, onChange }: SectionProps) {
  const { statusData } = statusOptions(doc);
  const setStatus = (i: number, patch: Partial<Status>) =>
    onChange({ ...doc, statuses: doc.statuses.map((s, j) => (j === i ? { ...s, ...patch } : s)) });

  return (
    <Card withBorder radius="md" padding="md">
      <Title order={2} size="h4">
        Statuses
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        Each status sits in one fixed category. Staff see the staff label, customers the customer label. “Set
        by hand” off means only rules may move a ticket there.
      </Text>
      <Table.ScrollContainer minWidth={900}>
        <Table verticalSpacing={6}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Key</Table.Th>
              <Table.Th scope="col">Staff label</Table.Th>
              <Table.Th scope="col">Customer label</Table.Th>
              <Table.Th scope="col">Category</Table.Th>
              <Table.Th scope="col">Customer can reply</Table.Th>
              <Table.Th scope="col">Set by hand</Table.Th>
              <Table.Th scope="col">
                <span className="sr-only">Remove</span>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {doc.statuses.map((s, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place; a key edit must not remount the row
              <Table.Tr key={i}>
                <Table.Td>
                  <TextInput
                    aria-label={`Key of status ${i + 1}`}
                    value={s.key}
                    onChange={(e) => setStatus(i, { key: e.currentTarget.value })}
                    ff="monospace"
                    size="xs"
                  />
                </Table.Td>
                <Table.Td>
                  <TextInput
                    aria-label={`Staff label of ${s.key || `status ${i + 1}`}`}
                    value={s.staffLabel}
                    onChange={(e) => setStatus(i, { staffLabel: e.currentTarget.value })}
                    size="xs"
                  />
                </Table.Td>
                <Table.Td>
                  <TextInput
                    aria-label={`Customer label of ${s.key || `status ${i + 1}`}`}
                    value={s.customerLabel}
                    onChange={(e) => setStatus(i, { customerLabel: e.currentTarget.value })}
                    size="xs"
                  />
                </Table.Td>
                <Table.Td>
                  <Select
                    aria-label={`Category of ${s.key || `status ${i + 1}`}`}
                    data={CATEGORY_DATA}
                    value={s.category}
                    onChange={(v) => v && setStatus(i, { category: v as Status['category'] })}
                    allowDeselect={false}
                    size="xs"
                    w={150}
                    renderOption={hintedOption(CATEGORY_HINT)}
                  />
                </Table.Td>
                <Table.Td>
                  <Checkbox
                    aria-label={`Customers can reply in ${s.key || `status ${i + 1}`}`}
                    checked={s.customerCanReply}
                    onChange={(e) => setStatus(i, { customerCanReply: e.currentTarget.checked })}
                  />
                </Table.Td>
                <Table.Td>
                  <Checkbox
                    aria-label={`Staff may set ${s.key || `status ${i + 1}`} by hand`}
                    checked={s.manual ?? true}
                    onChange={(e) => setStatus(i, { manual: e.currentTarget.checked })}
                  />
                </Table.Td>
                <Table.Td>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={`Remove status ${s.key || i + 1}`}
                    onClick={() => onChange({ ...doc, statuses: doc.statuses.filter((_, j) => j !== i) })}
                    disabled={doc.statuses.length <= 1}
                  >
                    <IconTrash size={16} aria-hidden />
                  </ActionIcon>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Group mt="sm" justify="space-between" wrap="wrap">
        <Button
          size="xs"
          variant="default"
          leftSection={<IconPlus size={14} aria-hidden />}
          onClick={() =>
            onChange({
              ...doc,
              statuses: [
                ...doc.statuses,
                {
                  key: '',
                  staffLabel: '',
                  customerLabel: '',
                  category: 'open',
                  customerCanReply: true,
                  manual: true,
                },
              ],
            })
          }
        >
          Add status
        </Button>
        <Select
          label="New tickets start in"
          data={statusData}
          value={doc.initialStatus}
          onChange={(v) => v && onChange({ ...doc, initialStatus: v })}
          allowDeselect={false}
          size="xs"
          w={260}
        />
      </Group>
    </Card>
  );
}
