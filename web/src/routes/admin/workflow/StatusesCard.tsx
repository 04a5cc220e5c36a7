import { ActionIcon, Button, Checkbox, Group, Table, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { defineMessages, FormattedMessage, type MessageDescriptor, useIntl } from 'react-intl';
import { STATUS_CATEGORIES } from '../../../../../common/workflow';
import { HeaderCells } from '../../../components/admin/table';
import { STATUS_CATEGORY_INFO } from '../../../lib/format';
import { hintedOption, PickSelect, WorkflowCard } from './controls';
import { type SectionProps, type Status, statusOptions } from './doc';

const CATEGORY_HINT: Record<string, MessageDescriptor> = defineMessages({
  new: { id: 'admin.workflow.category.new', defaultMessage: 'Not looked at yet' },
  open: { id: 'admin.workflow.category.open', defaultMessage: 'Support is working on it' },
  pending: { id: 'admin.workflow.category.pending', defaultMessage: 'Waiting on the customer' },
  on_hold: { id: 'admin.workflow.category.onHold', defaultMessage: 'Waiting on someone else' },
  solved: { id: 'admin.workflow.category.solved', defaultMessage: 'Solved; may still close by timer' },
  closed: { id: 'admin.workflow.category.closed', defaultMessage: 'Finished' },
});
const categoryData = () =>
  STATUS_CATEGORIES.map((c) => ({
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
  const intl = useIntl();

  return (
    <WorkflowCard
      title={intl.formatMessage({ id: 'admin.workflow.statuses.title', defaultMessage: 'Statuses' })}
      description={intl.formatMessage({
        id: 'admin.workflow.statuses.description',
        defaultMessage:
          'Each status sits in one fixed category. Staff see the staff label, customers the customer label. “Set by hand” off means only rules may move a ticket there.',
      })}
    >
      <Table.ScrollContainer minWidth={900}>
        <Table verticalSpacing={6}>
          <Table.Thead>
            <Table.Tr>
              <HeaderCells
                columns={[
                  intl.formatMessage({ id: 'admin.ticketTypes.key', defaultMessage: 'Key' }),
                  intl.formatMessage({
                    id: 'admin.workflow.statuses.staffLabel',
                    defaultMessage: 'Staff label',
                  }),
                  intl.formatMessage({
                    id: 'admin.workflow.statuses.customerLabel',
                    defaultMessage: 'Customer label',
                  }),
                  intl.formatMessage({ id: 'admin.workflow.statuses.category', defaultMessage: 'Category' }),
                  intl.formatMessage({
                    id: 'admin.workflow.statuses.customerCanReply',
                    defaultMessage: 'Customer can reply',
                  }),
                  intl.formatMessage({ id: 'admin.workflow.statuses.manual', defaultMessage: 'Set by hand' }),
                ]}
              />
              <Table.Th scope="col">
                <span className="sr-only">
                  <FormattedMessage id="admin.remove" defaultMessage="Remove" />
                </span>
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
          <FormattedMessage id="admin.workflow.statuses.add" defaultMessage="Add status" />
        </Button>
        <PickSelect
          label={intl.formatMessage({
            id: 'admin.workflow.statuses.initial',
            defaultMessage: 'New tickets start in',
          })}
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
  const intl = useIntl();
  const name =
    s.key ||
    intl.formatMessage({ id: 'admin.workflow.statuses.statusN', defaultMessage: 'status {n}' }, { n: i + 1 });
  const label = (field: 'staffLabel' | 'customerLabel', what: string) => (
    <Table.Td>
      <TextInput
        aria-label={intl.formatMessage(
          { id: 'admin.workflow.statuses.fieldOf', defaultMessage: '{field} of {name}' },
          { field: what, name },
        )}
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
          aria-label={intl.formatMessage(
            { id: 'admin.workflow.statuses.keyOf', defaultMessage: 'Key of status {n}' },
            { n: i + 1 },
          )}
          value={s.key}
          onChange={(e) => onChange({ key: e.currentTarget.value })}
          ff="monospace"
          size="xs"
        />
      </Table.Td>
      {label(
        'staffLabel',
        intl.formatMessage({ id: 'admin.workflow.statuses.staffLabel', defaultMessage: 'Staff label' }),
      )}
      {label(
        'customerLabel',
        intl.formatMessage({ id: 'admin.workflow.statuses.customerLabel', defaultMessage: 'Customer label' }),
      )}
      <Table.Td>
        <PickSelect
          aria-label={intl.formatMessage(
            { id: 'admin.workflow.statuses.categoryOf', defaultMessage: 'Category of {name}' },
            { name },
          )}
          data={categoryData()}
          value={s.category}
          onPick={(v) => onChange({ category: v as Status['category'] })}
          w={150}
          renderOption={hintedOption(CATEGORY_HINT)}
        />
      </Table.Td>
      <Table.Td>
        <Checkbox
          aria-label={intl.formatMessage(
            { id: 'admin.workflow.statuses.canReplyIn', defaultMessage: 'Customers can reply in {name}' },
            { name },
          )}
          checked={s.customerCanReply}
          onChange={(e) => onChange({ customerCanReply: e.currentTarget.checked })}
        />
      </Table.Td>
      <Table.Td>
        <Checkbox
          aria-label={intl.formatMessage(
            { id: 'admin.workflow.statuses.manualFor', defaultMessage: 'Staff may set {name} by hand' },
            { name },
          )}
          checked={s.manual ?? true}
          onChange={(e) => onChange({ manual: e.currentTarget.checked })}
        />
      </Table.Td>
      <Table.Td>
        <ActionIcon
          variant="subtle"
          color="red"
          aria-label={intl.formatMessage(
            { id: 'admin.workflow.statuses.remove', defaultMessage: 'Remove status {name}' },
            { name: s.key || i + 1 },
          )}
          onClick={onRemove}
          disabled={!onRemove}
        >
          <IconTrash size={16} aria-hidden />
        </ActionIcon>
      </Table.Td>
    </Table.Tr>
  );
}
