import { Card, Group, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { AddRowButton, RemoveRowButton } from './controls';
import { describeDuration, type SectionProps, statusOptions, type Timer } from './doc';

export function TimersCard({ doc, onChange }: SectionProps) {
  const { statusData, withAny } = statusOptions(doc);
  const timers = doc.timers ?? [];
  const setTimer = (i: number, patch: Partial<Timer>) =>
    onChange({ ...doc, timers: timers.map((t, j) => (j === i ? { ...t, ...patch } : t)) });

  return (
    <Card withBorder radius="md" padding="md">
      <Title order={2} size="h4">
        Timers
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        After a time in a status (ISO 8601: P7D is 7 days, PT12H 12 hours), send a reminder or move the
        ticket.
      </Text>
      <Stack gap="xs">
        {timers.length === 0 && (
          <Text size="sm" c="dimmed" fs="italic">
            No timers.
          </Text>
        )}
        {timers.map((t, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: timers have no identity of their own
          <Group key={i} gap="xs" align="flex-end" wrap="wrap">
            <Select
              label="In status"
              data={withAny}
              value={t.status}
              onChange={(v) => v && setTimer(i, { status: v })}
              allowDeselect={false}
              size="xs"
              w={200}
            />
            <TextInput
              label="After"
              value={t.after}
              onChange={(e) => setTimer(i, { after: e.currentTarget.value })}
              size="xs"
              w={150}
              ff="monospace"
              error={describeDuration(t.after) ? undefined : 'Such as P7D or PT12H'}
              description={describeDuration(t.after) ?? ' '}
            />
            <Select
              label="Since"
              data={[
                { value: 'entered', label: 'Entering the status' },
                { value: 'lastActivity', label: 'Last activity' },
              ]}
              value={t.since ?? 'entered'}
              onChange={(v) => v && setTimer(i, { since: v as Timer['since'] })}
              allowDeselect={false}
              size="xs"
              w={170}
            />
            <Select
              label="Then"
              data={[
                { value: 'remind', label: 'Send a reminder' },
                { value: 'transition', label: 'Move to a status' },
              ]}
              value={t.action}
              onChange={(v) =>
                v &&
                setTimer(i, v === 'remind' ? { action: 'remind', to: undefined } : { action: 'transition' })
              }
              allowDeselect={false}
              size="xs"
              w={170}
            />
            {t.action === 'transition' && (
              <Select
                label="Move to"
                data={statusData}
                value={t.to ?? null}
                onChange={(v) => v && setTimer(i, { to: v })}
                allowDeselect={false}
                size="xs"
                w={200}
              />
            )}
            <RemoveRowButton
              label="Remove this timer"
              onClick={() => onChange({ ...doc, timers: timers.filter((_, j) => j !== i) })}
            />
          </Group>
        ))}
        <AddRowButton
          onClick={() =>
            onChange({
              ...doc,
              timers: [...timers, { status: doc.statuses[0]?.key ?? '*', after: 'P7D', action: 'remind' }],
            })
          }
        >
          Add timer
        </AddRowButton>
      </Stack>
    </Card>
  );
}
