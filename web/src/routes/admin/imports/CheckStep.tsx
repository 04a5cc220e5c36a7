import { Button, Group, Stack, Switch, Text } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { defineMessages, type MessageDescriptor } from 'react-intl';
import type { ImportSourceBody } from '../../../../../common/imports';
import { LabeledSegments } from '../../../components/admin/forms';
import { ErrorAlert } from '../../../components/bits';
import { t } from '../../../i18n/t';
import { sourceLabel } from './labels';
import { type ImportPreview, PreviewSummary } from './PreviewSummary';
import { StatusMapping } from './StatusMapping';

export type OptionValues = {
  topicsAs: 'types' | 'departments';
  statusMap: Record<string, string>;
  delta: boolean;
};

/** What a source calls what becomes a ticket type or a department. */
const TOPICS = defineMessages({
  osticket: { id: 'imports.options.topics.osticket', defaultMessage: 'Help topics become' },
  zendesk: { id: 'imports.options.topics.zendesk', defaultMessage: 'Ticket types become' },
  csv: { id: 'imports.options.topics.csv', defaultMessage: 'The “Type” column becomes' },
}) satisfies Record<ImportSourceBody['kind'], MessageDescriptor>;

const m = defineMessages({
  types: { id: 'imports.options.types', defaultMessage: 'Ticket types' },
  departments: { id: 'imports.options.departments', defaultMessage: 'Departments' },
  delta: { id: 'imports.options.delta', defaultMessage: 'Only changes since the last import' },
  deltaHint: {
    id: 'imports.options.delta.description',
    defaultMessage:
      'Reads what changed since the last finished import of this source: new tickets and replies, and current statuses.',
  },
  notStarted: { id: 'imports.start.failed', defaultMessage: 'The import did not start' },
  safe: {
    id: 'imports.start.help',
    defaultMessage:
      'An import sends nothing to anyone and starts no timer. It can be run again: what is here already is skipped.',
  },
  start: { id: 'imports.start.button', defaultMessage: 'Start import' },
});

/**
 * Step 2: what the dry run found, the status mapping and the options, then "Start import". A
 * change of "only changes" checks again, since it changes what there is to read.
 */
export function CheckStep({
  source,
  preview,
  form,
  onRecheck,
  rechecking,
  onStart,
  starting,
  startError,
}: {
  source: ImportSourceBody;
  preview: ImportPreview;
  form: UseFormReturnType<OptionValues>;
  onRecheck: (options: OptionValues) => void;
  rechecking: boolean;
  onStart: (options: OptionValues) => void;
  starting: boolean;
  startError: unknown;
}) {
  const values = form.getValues();
  return (
    <form noValidate onSubmit={form.onSubmit(onStart)}>
      <Stack gap="lg">
        <PreviewSummary preview={preview} delta={values.delta} />
        <StatusMapping
          preview={preview}
          sourceName={sourceLabel(source.kind)}
          statusMap={values.statusMap}
          onChange={(statusMap) => form.setFieldValue('statusMap', statusMap)}
        />
        <Stack gap="sm">
          <LabeledSegments
            id="import-topics-as"
            label={t(TOPICS[source.kind])}
            value={values.topicsAs}
            onChange={(v) => form.setFieldValue('topicsAs', v as OptionValues['topicsAs'])}
            data={[
              { value: 'types', label: t(m.types) },
              { value: 'departments', label: t(m.departments) },
            ]}
          />
          <Switch
            label={t(m.delta)}
            description={t(m.deltaHint)}
            checked={values.delta}
            disabled={rechecking}
            onChange={(e) => {
              const delta = e.currentTarget.checked;
              form.setFieldValue('delta', delta);
              onRecheck({ ...form.getValues(), delta });
            }}
          />
        </Stack>
        {startError !== null && startError !== undefined && (
          <ErrorAlert error={startError} title={t(m.notStarted)} />
        )}
        <Group justify="space-between" wrap="wrap">
          <Text size="xs" c="dimmed" maw={420}>
            {t(m.safe)}
          </Text>
          <Button type="submit" loading={starting} disabled={rechecking}>
            {t(m.start)}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
