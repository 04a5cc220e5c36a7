import { Box, Checkbox, Group, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { defineMessages } from 'react-intl';
import { SLA_METRICS } from '../../../../../common/sla';
import { t } from '../../../i18n/t';
import classes from './Sla.module.css';
import { type Cell, cellKey, type Grid, metricLabel, PRIORITY_LEVELS, type Unit } from './shared';

const m = defineMessages({
  targets: { id: 'sla.targets.title', defaultMessage: 'Targets' },
  help: {
    id: 'sla.targets.help',
    defaultMessage:
      'Leave a cell empty for no target. Business hours count on the policy’s calendar; otherwise every minute counts.',
  },
  priority: { id: 'sla.targets.priority', defaultMessage: '{priority} priority' },
  target: {
    id: 'sla.targets.cell.target',
    defaultMessage:
      '{priority} {metric, select, firstReply {first reply} nextReply {next reply} other {resolution}} target',
  },
  unit: {
    id: 'sla.targets.cell.unit',
    defaultMessage:
      '{priority} {metric, select, firstReply {first reply} nextReply {next reply} other {resolution}} unit',
  },
  business: {
    id: 'sla.targets.cell.business',
    defaultMessage:
      '{priority} {metric, select, firstReply {first reply} nextReply {next reply} other {resolution}} in business hours',
  },
  minutes: { id: 'sla.targets.unit.minutes', defaultMessage: 'minutes' },
  hours: { id: 'sla.targets.unit.hours', defaultMessage: 'hours' },
  businessHours: { id: 'sla.targets.businessHours', defaultMessage: 'business hours' },
});

/**
 * Targets per priority (rows) and metric (columns): each cell a number of minutes or hours and
 * whether they count in business hours; an empty cell is no target. On a narrow screen each
 * priority's cells stack, each under its metric's name.
 */
export function TargetsGrid({ grid, onChange }: { grid: Grid; onChange: (key: string, cell: Cell) => void }) {
  return (
    <Stack gap="xs" role="group" aria-label={t(m.targets)}>
      <Text fw={500} size="sm">
        {t(m.targets)}
      </Text>
      <Text size="xs" c="dimmed">
        {t(m.help)}
      </Text>
      <Box className={classes.targetRow} visibleFrom="sm" aria-hidden style={{ borderTop: 0 }}>
        <span />
        {SLA_METRICS.map((metric) => (
          <Text key={metric} size="xs" fw={600} c="dimmed">
            {metricLabel(metric)}
          </Text>
        ))}
      </Box>
      {PRIORITY_LEVELS.map(({ level, label }) => (
        <Box
          key={level}
          role="group"
          aria-label={t(m.priority, { priority: label })}
          className={classes.targetRow}
        >
          <Text size="sm" fw={500} pt={4}>
            {label}
          </Text>
          {SLA_METRICS.map((metric) => {
            const key = cellKey(level, metric);
            const cell = grid[key] ?? { value: '', unit: 'hours', business: true };
            const name = { priority: label, metric };
            return (
              <Stack key={metric} gap={6}>
                <Text size="xs" c="dimmed" hiddenFrom="sm">
                  {metricLabel(metric)}
                </Text>
                <Group gap={4} wrap="nowrap">
                  <TextInput
                    size="xs"
                    w={72}
                    inputMode="decimal"
                    placeholder="—"
                    aria-label={t(m.target, name)}
                    value={cell.value}
                    onChange={(e) => onChange(key, { ...cell, value: e.currentTarget.value })}
                  />
                  <NativeSelect
                    size="xs"
                    w={90}
                    aria-label={t(m.unit, name)}
                    data={[
                      { value: 'minutes', label: t(m.minutes) },
                      { value: 'hours', label: t(m.hours) },
                    ]}
                    value={cell.unit}
                    onChange={(e) => onChange(key, { ...cell, unit: e.currentTarget.value as Unit })}
                  />
                </Group>
                <Checkbox
                  size="sm"
                  label={t(m.businessHours)}
                  aria-label={t(m.business, name)}
                  checked={cell.business}
                  onChange={(e) => onChange(key, { ...cell, business: e.currentTarget.checked })}
                />
              </Stack>
            );
          })}
        </Box>
      ))}
    </Stack>
  );
}
