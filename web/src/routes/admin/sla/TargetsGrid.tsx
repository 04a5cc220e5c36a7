import { Box, Checkbox, Group, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { SLA_METRIC_LABELS, SLA_METRICS } from '../../../../../common/sla';
import classes from './Sla.module.css';
import { type Cell, cellKey, type Grid, PRIORITY_LEVELS, type Unit } from './shared';

/**
 * Targets per priority (rows) and metric (columns): each cell a number of minutes or hours and
 * whether they count in business hours; an empty cell is no target. On a narrow screen each
 * priority's cells stack, each under its metric's name.
 */
export function TargetsGrid({ grid, onChange }: { grid: Grid; onChange: (key: string, cell: Cell) => void }) {
  return (
    <Stack gap="xs" role="group" aria-label="Targets">
      <Text fw={500} size="sm">
        Targets
      </Text>
      <Text size="xs" c="dimmed">
        Leave a cell empty for no target. Business hours count on the policy’s calendar; otherwise every
        minute counts.
      </Text>
      <Box className={classes.targetRow} visibleFrom="sm" aria-hidden style={{ borderTop: 0 }}>
        <span />
        {SLA_METRICS.map((m) => (
          <Text key={m} size="xs" fw={600} c="dimmed">
            {SLA_METRIC_LABELS[m]}
          </Text>
        ))}
      </Box>
      {PRIORITY_LEVELS.map(({ level, label }) => (
        <Box key={level} role="group" aria-label={`${label} priority`} className={classes.targetRow}>
          <Text size="sm" fw={500} pt={4}>
            {label}
          </Text>
          {SLA_METRICS.map((m) => {
            const key = cellKey(level, m);
            const cell = grid[key] ?? { value: '', unit: 'hours', business: true };
            const name = `${label} ${SLA_METRIC_LABELS[m].toLowerCase()}`;
            return (
              <Stack key={m} gap={6}>
                <Text size="xs" c="dimmed" hiddenFrom="sm">
                  {SLA_METRIC_LABELS[m]}
                </Text>
                <Group gap={4} wrap="nowrap">
                  <TextInput
                    size="xs"
                    w={72}
                    inputMode="decimal"
                    placeholder="—"
                    aria-label={`${name} target`}
                    value={cell.value}
                    onChange={(e) => onChange(key, { ...cell, value: e.currentTarget.value })}
                  />
                  <NativeSelect
                    size="xs"
                    w={90}
                    aria-label={`${name} unit`}
                    data={[
                      { value: 'minutes', label: 'minutes' },
                      { value: 'hours', label: 'hours' },
                    ]}
                    value={cell.unit}
                    onChange={(e) => onChange(key, { ...cell, unit: e.currentTarget.value as Unit })}
                  />
                </Group>
                <Checkbox
                  size="sm"
                  label="business hours"
                  aria-label={`${name} in business hours`}
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
