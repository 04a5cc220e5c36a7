import { Group, MultiSelect } from '@mantine/core';
import { PickSelect, RemoveRowButton, RowList, WorkflowCard } from './controls';
import { type Rule, type SectionProps, statusOptions } from './doc';

type Which = 'onCustomerReply' | 'onStaffReply' | 'onCustomerClose' | 'onCustomerReopen';

const TEXT: Record<Which, { title: string; none: string }> = {
  onCustomerReply: { title: 'When the customer replies', none: 'No rule: the status stays as it is.' },
  onStaffReply: { title: 'When staff reply publicly', none: 'No rule: the status stays as it is.' },
  onCustomerClose: {
    title: 'When the customer closes the ticket',
    none: 'No rule: customers cannot close their tickets themselves.',
  },
  onCustomerReopen: {
    title: 'When the customer reopens a solved or closed ticket',
    none: 'No rule: customers cannot reopen tickets themselves (a reply may, see Options).',
  },
};

/**
 * The rules for one kind of customer or staff action: the first whose "from" holds the ticket's
 * status moves it.
 */
export function ReplyRulesCard({ doc, onChange, which }: SectionProps & { which: Which }) {
  const { statusData, withAny } = statusOptions(doc);
  const rules = doc[which] ?? [];
  const setRules = (list: Rule[]) => onChange({ ...doc, [which]: list });

  return (
    <WorkflowCard
      title={TEXT[which].title}
      description="The first rule whose “from” holds the ticket's status moves it; with none, the status stays."
    >
      <RowList
        empty={rules.length === 0}
        none={TEXT[which].none}
        addLabel="Add rule"
        onAdd={() => setRules([...rules, { from: ['*'], to: doc.statuses[0]?.key ?? '' }])}
      >
        {rules.map((r, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rules have no identity of their own
          <Group key={i} gap="xs" align="flex-end" wrap="wrap">
            <MultiSelect
              label="From"
              data={withAny}
              value={r.from}
              onChange={(from) => setRules(rules.map((x, j) => (j === i ? { ...x, from } : x)))}
              size="xs"
              style={{ flex: '2 1 260px' }}
            />
            <PickSelect
              label="Move to"
              data={statusData}
              value={r.to || null}
              onPick={(to) => setRules(rules.map((x, j) => (j === i ? { ...x, to } : x)))}
              style={{ flex: '1 1 180px' }}
            />
            <RemoveRowButton
              label="Remove this rule"
              onClick={() => setRules(rules.filter((_, j) => j !== i))}
            />
          </Group>
        ))}
      </RowList>
    </WorkflowCard>
  );
}
