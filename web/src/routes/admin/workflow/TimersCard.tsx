import { Group, TextInput } from '@mantine/core';
import { PickSelect, RemoveRowButton, RowList, WorkflowCard } from './controls';
import { describeDuration, type SectionProps, statusOptions, type Timer } from './doc';

const SINCE = [
  { value: 'entered', label: 'Entering the status' },
  { value: 'lastActivity', label: 'Last activity' },
];
const ACTIONS = [
  { value: 'remind', label: 'Send a reminder' },
  { value: 'transition', label: 'Move to a status' },
];

export function TimersCard({ doc, onChange }: SectionProps) {
  const timers = doc.timers ?? [];
  const setTimers = (list: Timer[]) => onChange({ ...doc, timers: list });

  return (
    <WorkflowCard
      title="Timers"
      description="After a time in a status (ISO 8601: P7D is 7 days, PT12H 12 hours), send a reminder or move the ticket."
    >
      <RowList
        empty={timers.length === 0}
        none="No timers."
        addLabel="Add timer"
        onAdd={() =>
          setTimers([...timers, { status: doc.statuses[0]?.key ?? '*', after: 'P7D', action: 'remind' }])
        }
      >
        {timers.map((t, i) => (
          <TimerRow
            // biome-ignore lint/suspicious/noArrayIndexKey: timers have no identity of their own
            key={i}
            doc={doc}
            timer={t}
            onChange={(patch) => setTimers(timers.map((x, j) => (j === i ? { ...x, ...patch } : x)))}
            onRemove={() => setTimers(timers.filter((_, j) => j !== i))}
          />
        ))}
      </RowList>
    </WorkflowCard>
  );
}

function TimerRow({
  doc,
  timer: t,
  onChange,
  onRemove,
}: {
  doc: SectionProps['doc'];
  timer: Timer;
  onChange: (patch: Partial<Timer>) => void;
  onRemove: () => void;
}) {
  const { statusData, withAny } = statusOptions(doc);
  return (
    <Group gap="xs" align="flex-end" wrap="wrap">
      <PickSelect
        label="In status"
        data={withAny}
        value={t.status}
        onPick={(status) => onChange({ status })}
        w={200}
      />
      <TextInput
        label="After"
        value={t.after}
        onChange={(e) => onChange({ after: e.currentTarget.value })}
        size="xs"
        w={150}
        ff="monospace"
        error={describeDuration(t.after) ? undefined : 'Such as P7D or PT12H'}
        description={describeDuration(t.after) ?? ' '}
      />
      <PickSelect
        label="Since"
        data={SINCE}
        value={t.since ?? 'entered'}
        onPick={(v) => onChange({ since: v as Timer['since'] })}
        w={170}
      />
      <PickSelect
        label="Then"
        data={ACTIONS}
        value={t.action}
        onPick={(v) =>
          onChange(v === 'remind' ? { action: 'remind', to: undefined } : { action: 'transition' })
        }
        w={170}
      />
      {t.action === 'transition' && (
        <PickSelect
          label="Move to"
          data={statusData}
          value={t.to ?? null}
          onPick={(to) => onChange({ to })}
          w={200}
        />
      )}
      <RemoveRowButton label="Remove this timer" onClick={onRemove} />
    </Group>
  );
}
