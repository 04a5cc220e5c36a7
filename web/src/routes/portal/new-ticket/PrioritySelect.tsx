import { Group, Radio, Stack, Text } from '@mantine/core';
import { useIntl } from 'react-intl';
import { PRIORITIES } from '../../../../../common/api';
import { usePriorityHelp } from '../../../api/priorityHelp';
import type { Priority } from '../../../api/types';
import { PRIORITY_INFO } from '../../../lib/format';

/** The priorities as cards, each with what it is for as this installation words it. */
export function PrioritySelect({
  value,
  onChange,
  error,
}: {
  value: Priority;
  onChange: (p: Priority) => void;
  error?: string;
}) {
  const priorityHelp = usePriorityHelp();
  const intl = useIntl();
  return (
    <Radio.Group
      label={intl.formatMessage({ id: 'common.ticket.priority', defaultMessage: 'Priority' })}
      description={intl.formatMessage({
        id: 'portal.new.priorityHelp',
        defaultMessage: 'How urgent the issue is: it helps our team triage',
      })}
      required
      value={value}
      onChange={(v) => onChange(v as Priority)}
      error={error}
    >
      <Stack gap="xs" mt="xs">
        {PRIORITIES.map((p) => (
          <Radio.Card key={p} value={p} radius="md" p="sm">
            <Group wrap="nowrap" align="flex-start" gap="sm">
              <Radio.Indicator />
              <div>
                <Text fw={600} size="sm">
                  {PRIORITY_INFO[p].label}
                </Text>
                <Text size="xs" c="dimmed">
                  {priorityHelp.data?.[p]}
                </Text>
              </div>
            </Group>
          </Radio.Card>
        ))}
      </Stack>
    </Radio.Group>
  );
}
