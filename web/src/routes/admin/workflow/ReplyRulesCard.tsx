import { Card, Group, MultiSelect, Select, Stack, Text, Title } from '@mantine/core';
import { AddRowButton, RemoveRowButton } from './controls';
import { type Rule, type SectionProps, statusOptions } from './doc';

/** The rules for one kind of reply: the first whose "from" holds the ticket's status moves it. */
export function ReplyRulesCard({
  doc,
  onChange,
  which,
}: SectionProps & { which: 'onCustomerReply' | 'onStaffReply' }) {
  const { statusData, withAny } = statusOptions(doc);
  const rules = doc[which] ?? [];
  const setRules = (list: Rule[]) => onChange({ ...doc, [which]: list });

  return (
    <Card withBorder radius="md" padding="md">
      <Title order={2} size="h4">
        {which === 'onCustomerReply' ? 'When the customer replies' : 'When staff reply publicly'}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        The first rule whose “from” holds the ticket's status moves it; with none, the status stays.
      </Text>
      <Stack gap="xs">
        {rules.length === 0 && (
          <Text size="sm" c="dimmed" fs="italic">
            No rule: the status stays as it is.
          </Text>
        )}
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
            <Select
              label="Move to"
              data={statusData}
              value={r.to || null}
              onChange={(to) => to && setRules(rules.map((x, j) => (j === i ? { ...x, to } : x)))}
              allowDeselect={false}
              size="xs"
              style={{ flex: '1 1 180px' }}
            />
            <RemoveRowButton
              label="Remove this rule"
              onClick={() => setRules(rules.filter((_, j) => j !== i))}
            />
          </Group>
        ))}
        <AddRowButton onClick={() => setRules([...rules, { from: ['*'], to: doc.statuses[0]?.key ?? '' }])}>
          Add rule
        </AddRowButton>
      </Stack>
    </Card>
  );
}
