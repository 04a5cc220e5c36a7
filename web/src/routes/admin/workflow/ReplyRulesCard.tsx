import { Group, MultiSelect } from '@mantine/core';
import { type MessageDescriptor, useIntl } from 'react-intl';
import { PickSelect, RemoveRowButton, RowList, WorkflowCard } from './controls';
import { type Rule, type SectionProps, statusOptions } from './doc';

type Which = 'onCustomerReply' | 'onStaffReply' | 'onCustomerClose' | 'onCustomerReopen';

const STAYS = { id: 'admin.workflow.rules.stays', defaultMessage: 'No rule: the status stays as it is.' };
const TEXT = {
  onCustomerReply: {
    title: { id: 'admin.workflow.rules.onCustomerReply', defaultMessage: 'When the customer replies' },
    none: STAYS,
  },
  onStaffReply: {
    title: { id: 'admin.workflow.rules.onStaffReply', defaultMessage: 'When staff reply publicly' },
    none: STAYS,
  },
  onCustomerClose: {
    title: {
      id: 'admin.workflow.rules.onCustomerClose',
      defaultMessage: 'When the customer closes the ticket',
    },
    none: {
      id: 'admin.workflow.rules.onCustomerCloseNone',
      defaultMessage: 'No rule: customers cannot close their tickets themselves.',
    },
  },
  onCustomerReopen: {
    title: {
      id: 'admin.workflow.rules.onCustomerReopen',
      defaultMessage: 'When the customer reopens a solved or closed ticket',
    },
    none: {
      id: 'admin.workflow.rules.onCustomerReopenNone',
      defaultMessage: 'No rule: customers cannot reopen tickets themselves (a reply may, see Options).',
    },
  },
} satisfies Record<Which, { title: MessageDescriptor; none: MessageDescriptor }>;

/**
 * The rules for one kind of customer or staff action: the first whose "from" holds the ticket's
 * status moves it.
 */
export function ReplyRulesCard({ doc, onChange, which }: SectionProps & { which: Which }) {
  const { statusData, withAny } = statusOptions(doc);
  const rules = doc[which] ?? [];
  const setRules = (list: Rule[]) => onChange({ ...doc, [which]: list });
  const intl = useIntl();

  return (
    <WorkflowCard
      title={intl.formatMessage(TEXT[which].title)}
      description={intl.formatMessage({
        id: 'admin.workflow.rules.description',
        defaultMessage:
          "The first rule whose “from” holds the ticket's status moves it; with none, the status stays.",
      })}
    >
      <RowList
        empty={rules.length === 0}
        none={intl.formatMessage(TEXT[which].none)}
        addLabel={intl.formatMessage({ id: 'admin.workflow.rules.add', defaultMessage: 'Add rule' })}
        onAdd={() => setRules([...rules, { from: ['*'], to: doc.statuses[0]?.key ?? '' }])}
      >
        {rules.map((r, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rules have no identity of their own
          <Group key={i} gap="xs" align="flex-end" wrap="wrap">
            <MultiSelect
              label={intl.formatMessage({ id: 'admin.workflow.rules.from', defaultMessage: 'From' })}
              data={withAny}
              value={r.from}
              onChange={(from) => setRules(rules.map((x, j) => (j === i ? { ...x, from } : x)))}
              size="xs"
              style={{ flex: '2 1 260px' }}
            />
            <PickSelect
              label={intl.formatMessage({ id: 'admin.workflow.moveTo', defaultMessage: 'Move to' })}
              data={statusData}
              value={r.to || null}
              onPick={(to) => setRules(rules.map((x, j) => (j === i ? { ...x, to } : x)))}
              style={{ flex: '1 1 180px' }}
            />
            <RemoveRowButton
              label={intl.formatMessage({
                id: 'admin.workflow.rules.remove',
                defaultMessage: 'Remove this rule',
              })}
              onClick={() => setRules(rules.filter((_, j) => j !== i))}
            />
          </Group>
        ))}
      </RowList>
    </WorkflowCard>
  );
}
