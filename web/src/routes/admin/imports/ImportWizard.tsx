import { Box, Card, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { defineMessages } from 'react-intl';
import { type ImportRun, type ImportSourceBody, importOptionsBody } from '../../../../../common/imports';
import { send } from '../../../api/client';
import { ErrorAlert } from '../../../components/bits';
import { useContractForm } from '../../../components/ModalForm';
import { t } from '../../../i18n/t';
import { CheckStep, type OptionValues } from './CheckStep';
import { importsKey, sourceLabel } from './labels';
import type { ImportPreview } from './PreviewSummary';
import { SourceStep } from './SourceStep';

const m = defineMessages({
  heading: { id: 'imports.step.heading', defaultMessage: '{n, number}. {title}' },
  source: { id: 'imports.step.source', defaultMessage: 'Source' },
  check: { id: 'imports.step.check', defaultMessage: 'Check' },
  import: { id: 'imports.step.import', defaultMessage: 'Import' },
  checkFailed: { id: 'imports.step.checkFailed', defaultMessage: 'The source could not be checked' },
  checkHelp: {
    id: 'imports.step.checkHelp',
    defaultMessage:
      '“Check” reads the source without writing anything, and shows what there is to import and how its statuses map onto the workflow.',
  },
  startHelp: {
    id: 'imports.step.startHelp',
    defaultMessage:
      '“Start import” brings the {source} data over in the background; you can follow it here, or leave and come back.',
  },
  runsHelp: {
    id: 'imports.step.runsHelp',
    defaultMessage: 'The import runs in the background; you can follow it here, or leave and come back.',
  },
});

/** One step of the import on a card of its own, named by its heading. */
function Step({ n, title, children }: { n: number; title: string; children: ReactNode }) {
  const id = `import-step-${n}`;
  return (
    <Card withBorder radius="md" padding="md" component="section" aria-labelledby={id}>
      <Title order={2} size="h4" id={id} mb="sm">
        {t(m.heading, { n, title })}
      </Title>
      {children}
    </Card>
  );
}

type Checked = { source: ImportSourceBody; preview: ImportPreview };

/**
 * Choosing a source and checking it (a dry run), then the mapping and "Start import". An edit of
 * the source drops the check, so what is started is always what was checked.
 */
export function ImportWizard({ onStarted }: { onStarted: (run: ImportRun) => void }) {
  const qc = useQueryClient();
  const [checked, setChecked] = useState<Checked | null>(null);
  const options = useContractForm<OptionValues>(importOptionsBody, {
    topicsAs: 'types',
    statusMap: {},
    delta: false,
  });
  const check = useMutation({
    mutationFn: async ({ source, opts }: { source: ImportSourceBody; opts: OptionValues }) => ({
      source,
      preview: await send('POST /imports/preview', { body: { source, options: opts } }),
    }),
    onSuccess: setChecked,
  });
  const start = useMutation({
    mutationFn: (opts: OptionValues) =>
      send('POST /imports', { body: { source: (checked as Checked).source, options: opts } }),
    onSuccess: (run) => {
      void qc.invalidateQueries({ queryKey: importsKey });
      onStarted(run);
    },
  });
  const recheck = (opts: OptionValues) => checked && check.mutate({ source: checked.source, opts });
  return (
    <Stack gap="md">
      <Step n={1} title={t(m.source)}>
        <SourceStep
          checking={check.isPending}
          onCheck={(source) => check.mutate({ source, opts: options.getValues() })}
          onEdited={() => {
            setChecked(null);
            check.reset();
            start.reset();
          }}
        />
        {check.isError && (
          <Box mt="sm">
            <ErrorAlert error={check.error} title={t(m.checkFailed)} />
          </Box>
        )}
      </Step>
      <Step n={2} title={t(m.check)}>
        {checked ? (
          <CheckStep
            source={checked.source}
            preview={checked.preview}
            form={options}
            onRecheck={recheck}
            rechecking={check.isPending}
            onStart={(opts) => start.mutate(opts)}
            starting={start.isPending}
            startError={start.error}
          />
        ) : (
          <Text size="sm" c="dimmed">
            {t(m.checkHelp)}
          </Text>
        )}
      </Step>
      <Step n={3} title={t(m.import)}>
        <Text size="sm" c="dimmed">
          {checked ? t(m.startHelp, { source: sourceLabel(checked.source.kind) }) : t(m.runsHelp)}
        </Text>
      </Step>
    </Stack>
  );
}
