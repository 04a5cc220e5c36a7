import { Badge, Button, Card, Group, Select, Stack, Text, Title } from '@mantine/core';
import { defineMessages, FormattedMessage, type MessageDescriptor, useIntl } from 'react-intl';
import { WORKFLOW_PRESETS } from '../../../../../common/workflow';
import type { StaffWorkflow } from '../../../api/types';
import { Time } from '../../../components/bits';
import { hintedOption } from './controls';

const PRESET_INFO: Record<string, MessageDescriptor> = defineMessages({
  portal: {
    id: 'admin.workflow.preset.portal',
    defaultMessage: 'A customer portal: resolved tickets are read-only and close after 7 days.',
  },
  classic: {
    id: 'admin.workflow.preset.classic',
    defaultMessage:
      'Staff replies mark a ticket Answered, customer replies Customer Reply; answered tickets close after 7 days without the customer.',
  },
  escalation: {
    id: 'admin.workflow.preset.escalation',
    defaultMessage:
      'Escalation teams, reminders while waiting on the customer, a survey on close; replies reopen.',
  },
  subscription: {
    id: 'admin.workflow.preset.subscription',
    defaultMessage: 'Any customer reply reopens; staff replies keep the status.',
  },
});

/** Which preset the workflow is based on, and the choice of one to load in its place. */
export function PresetCard({
  current,
  preset,
  setPreset,
  onLoad,
}: {
  current: StaffWorkflow;
  preset: string | null;
  setPreset: (preset: string | null) => void;
  onLoad: () => void;
}) {
  const intl = useIntl();
  return (
    <Card withBorder radius="md" padding="md">
      <Group justify="space-between" align="flex-end" wrap="wrap" gap="sm">
        <Stack gap={4}>
          <Title order={2} size="h4">
            <FormattedMessage id="admin.workflow.presetTitle" defaultMessage="Preset" />
          </Title>
          <Text size="sm">
            <FormattedMessage
              id="admin.workflow.basedOn"
              defaultMessage="Based on <badge>{preset}</badge>"
              values={{ preset: current.preset, badge: (c) => <Badge variant="light">{c}</Badge> }}
            />
            {current.updatedAt && (
              <Text span size="sm" c="dimmed">
                {' '}
                <FormattedMessage
                  id="admin.workflow.lastSaved"
                  defaultMessage="· last saved {time}"
                  values={{ time: <Time iso={current.updatedAt} /> }}
                />
              </Text>
            )}
          </Text>
        </Stack>
        <Group gap="xs" align="flex-end" wrap="wrap">
          <Select
            label={intl.formatMessage({
              id: 'admin.workflow.loadPresetLabel',
              defaultMessage: 'Load a preset',
            })}
            placeholder={intl.formatMessage({ id: 'admin.workflow.choose', defaultMessage: 'Choose' })}
            data={WORKFLOW_PRESETS.map((p) => ({ value: p, label: p }))}
            value={preset}
            onChange={setPreset}
            w={200}
            renderOption={hintedOption(PRESET_INFO)}
          />
          <Button variant="default" disabled={!preset} onClick={onLoad}>
            <FormattedMessage id="admin.workflow.loadPreset" defaultMessage="Load preset" />
          </Button>
        </Group>
      </Group>
      {preset && PRESET_INFO[preset] && (
        <Text size="sm" c="dimmed" mt="xs">
          <FormattedMessage
            id="admin.workflow.presetInfo"
            defaultMessage="{preset}: {info}"
            values={{ preset, info: intl.formatMessage(PRESET_INFO[preset]) }}
          />
        </Text>
      )}
    </Card>
  );
}
