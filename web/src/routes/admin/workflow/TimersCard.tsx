import { Group, TextInput } from '@mantine/core';
import { defineMessages, type IntlShape, type MessageDescriptor, useIntl } from 'react-intl';
import { PickSelect, RemoveRowButton, RowList, WorkflowCard } from './controls';
import { describeDuration, type SectionProps, statusOptions, type Timer } from './doc';

const SINCE = defineMessages({
  entered: { id: 'admin.workflow.timers.since.entered', defaultMessage: 'Entering the status' },
  lastActivity: { id: 'admin.workflow.timers.since.lastActivity', defaultMessage: 'Last activity' },
});
const ACTIONS = defineMessages({
  remind: { id: 'admin.workflow.timers.action.remind', defaultMessage: 'Send a reminder' },
  transition: { id: 'admin.workflow.timers.action.transition', defaultMessage: 'Move to a status' },
});
const options = (intl: IntlShape, messages: Record<string, MessageDescriptor>) =>
  Object.entries(messages).map(([value, m]) => ({ value, label: intl.formatMessage(m) }));

export function TimersCard({ doc, onChange }: SectionProps) {
  const timers = doc.timers ?? [];
  const setTimers = (list: Timer[]) => onChange({ ...doc, timers: list });
  const intl = useIntl();

  return (
    <WorkflowCard
      title={intl.formatMessage({ id: 'admin.workflow.timers.title', defaultMessage: 'Timers' })}
      description={intl.formatMessage({
        id: 'admin.workflow.timers.description',
        defaultMessage:
          'After a time in a status (ISO 8601: P7D is 7 days, PT12H 12 hours), send a reminder or move the ticket.',
      })}
    >
      <RowList
        empty={timers.length === 0}
        none={intl.formatMessage({ id: 'admin.workflow.timers.none', defaultMessage: 'No timers.' })}
        addLabel={intl.formatMessage({ id: 'admin.workflow.timers.add', defaultMessage: 'Add timer' })}
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
  const intl = useIntl();
  return (
    <Group gap="xs" align="flex-end" wrap="wrap">
      <PickSelect
        label={intl.formatMessage({ id: 'admin.workflow.timers.inStatus', defaultMessage: 'In status' })}
        data={withAny}
        value={t.status}
        onPick={(status) => onChange({ status })}
        w={200}
      />
      <TextInput
        label={intl.formatMessage({ id: 'admin.workflow.timers.after', defaultMessage: 'After' })}
        value={t.after}
        onChange={(e) => onChange({ after: e.currentTarget.value })}
        size="xs"
        w={150}
        ff="monospace"
        error={
          describeDuration(t.after)
            ? undefined
            : intl.formatMessage({
                id: 'admin.workflow.timers.afterError',
                defaultMessage: 'Such as P7D or PT12H',
              })
        }
        description={describeDuration(t.after) ?? ' '}
      />
      <PickSelect
        label={intl.formatMessage({ id: 'admin.workflow.timers.since', defaultMessage: 'Since' })}
        data={options(intl, SINCE)}
        value={t.since ?? 'entered'}
        onPick={(v) => onChange({ since: v as Timer['since'] })}
        w={170}
      />
      <PickSelect
        label={intl.formatMessage({ id: 'admin.workflow.timers.then', defaultMessage: 'Then' })}
        data={options(intl, ACTIONS)}
        value={t.action}
        onPick={(v) =>
          onChange(v === 'remind' ? { action: 'remind', to: undefined } : { action: 'transition' })
        }
        w={170}
      />
      {t.action === 'transition' && (
        <PickSelect
          label={intl.formatMessage({ id: 'admin.workflow.moveTo', defaultMessage: 'Move to' })}
          data={statusData}
          value={t.to ?? null}
          onPick={(to) => onChange({ to })}
          w={200}
        />
      )}
      <RemoveRowButton
        label={intl.formatMessage({
          id: 'admin.workflow.timers.remove',
          defaultMessage: 'Remove this timer',
        })}
        onClick={onRemove}
      />
    </Group>
  );
}
