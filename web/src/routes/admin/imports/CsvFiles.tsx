import { Alert, FileInput, Stack, Text } from '@mantine/core';
import { IconFileSpreadsheet } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { defineMessages, type MessageDescriptor } from 'react-intl';
import type { z } from 'zod';
import type { csvInspectSchema, ImportSourceBody } from '../../../../../common/imports';
import { get, send } from '../../../api/client';
import { ErrorAlert } from '../../../components/bits';
import { t } from '../../../i18n/t';
import { CheckButton, type SourceStepProps } from './CheckButton';
import { CsvMapping, type Mapping, missingTargets } from './CsvMapping';

const CSV_KINDS = ['organisations', 'customers', 'tickets'] as const;
type CsvKind = (typeof CSV_KINDS)[number];
type Inspection = z.infer<typeof csvInspectSchema>;
type Picked = { name: string; text: string; inspection: Inspection; mapping: Mapping };

const ABOUT: Record<
  CsvKind,
  { label: MessageDescriptor; description: MessageDescriptor; remove: MessageDescriptor }
> = {
  organisations: defineMessages({
    label: { id: 'imports.csv.organisations', defaultMessage: 'Organisations' },
    description: {
      id: 'imports.csv.organisations.description',
      defaultMessage: 'One row per organisation: a name, e-mail domains',
    },
    remove: { id: 'imports.csv.organisations.remove', defaultMessage: 'Remove the organisations file' },
  }),
  customers: defineMessages({
    label: { id: 'imports.csv.customers', defaultMessage: 'Customers' },
    description: {
      id: 'imports.csv.customers.description',
      defaultMessage: 'One row per person: an e-mail address, a name, an organisation',
    },
    remove: { id: 'imports.csv.customers.remove', defaultMessage: 'Remove the customers file' },
  }),
  tickets: defineMessages({
    label: { id: 'imports.csv.tickets', defaultMessage: 'Tickets' },
    description: {
      id: 'imports.csv.tickets.description',
      defaultMessage: 'One row per ticket: a subject, the requester’s e-mail, the first message, a status',
    },
    remove: { id: 'imports.csv.tickets.remove', defaultMessage: 'Remove the tickets file' },
  }),
};

const m = defineMessages({
  help: {
    id: 'imports.csv.help',
    defaultMessage:
      'Choose one file or more, saved as CSV (any delimiter, with a header row). They are read in your browser and sent when you check or start the import.',
  },
  missing: {
    id: 'imports.csv.missing',
    defaultMessage: 'Choose a column for each required field (marked *) before checking.',
  },
  tooLarge: {
    id: 'imports.csv.tooLarge',
    defaultMessage: '{name} is too large: at most 20 million characters',
  },
  empty: { id: 'imports.csv.empty', defaultMessage: '{name} is empty' },
  reading: { id: 'imports.csv.reading', defaultMessage: 'Reading…' },
  choose: { id: 'imports.csv.choose', defaultMessage: 'Choose a CSV file' },
  cannotRead: { id: 'imports.csv.cannotRead', defaultMessage: 'Cannot read {name}' },
  cannotReadFile: { id: 'imports.csv.cannotReadFile', defaultMessage: 'Cannot read the file' },
  field: { id: 'imports.csv.field', defaultMessage: 'Field: {label}' },
});

/** The most a file may hold, as the API takes it. */
const MAX_CHARS = 20_000_000;

/**
 * A file's text: UTF-8 (with or without a byte-order mark) where it is that, else Windows-1252,
 * in which older spreadsheet programs save CSV.
 */
async function readText(file: File): Promise<string> {
  const bytes = await file.arrayBuffer();
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/**
 * Step 1 for spreadsheets: a file per kind, each read in the browser and inspected by the server,
 * which proposes what each column becomes; the admin corrects that before the check.
 */
export function CsvFiles({ onCheck, onEdited, checking }: SourceStepProps) {
  const [files, setFiles] = useState<Partial<Record<CsvKind, Picked>>>({});
  const picked = CSV_KINDS.filter((k) => files[k]);
  const missing = picked.some((k) => {
    const f = files[k];
    return f ? missingTargets(f.inspection, f.mapping).length > 0 : false;
  });
  const submit = (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const source: Extract<ImportSourceBody, { kind: 'csv' }> = { kind: 'csv' };
    for (const k of picked) {
      const f = files[k];
      if (f) source[k] = { name: f.name, text: f.text, mapping: f.mapping };
    }
    onCheck(source);
  };
  const set = (kind: CsvKind, f: Picked | undefined) => {
    setFiles((all) => ({ ...all, [kind]: f }));
    onEdited();
  };
  return (
    <form noValidate onSubmit={submit}>
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {t(m.help)}
        </Text>
        {CSV_KINDS.map((k) => (
          <CsvFile key={k} kind={k} picked={files[k]} onPicked={(f) => set(k, f)} />
        ))}
        {missing && (
          <Alert color="yellow" variant="light">
            {t(m.missing)}
          </Alert>
        )}
        <CheckButton checking={checking} disabled={picked.length === 0 || missing} />
      </Stack>
    </form>
  );
}

function CsvFile({
  kind,
  picked,
  onPicked,
}: {
  kind: CsvKind;
  picked: Picked | undefined;
  onPicked: (f: Picked | undefined) => void;
}) {
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [reading, setReading] = useState(false);
  // Ticket columns may also fill the custom fields tickets have.
  const fields = useQuery({
    queryKey: ['fields'],
    queryFn: async () => (await get('/fields')).items,
    enabled: kind === 'tickets',
  });
  const choose = async (f: File | null) => {
    setFile(f);
    setError(null);
    onPicked(undefined);
    if (!f) return;
    setReading(true);
    try {
      const text = await readText(f);
      if (text.length > MAX_CHARS) throw new Error(t(m.tooLarge, { name: f.name }));
      if (text.trim() === '') throw new Error(t(m.empty, { name: f.name }));
      const inspection = await send('POST /imports/csv/inspect', { body: { kind, text } });
      onPicked({ name: f.name, text, inspection, mapping: { ...inspection.suggested } });
    } catch (e) {
      setError(e);
    } finally {
      setReading(false);
    }
  };
  const about = ABOUT[kind];
  return (
    <Stack gap="xs">
      <FileInput
        label={t(about.label)}
        description={t(about.description)}
        placeholder={reading ? t(m.reading) : t(m.choose)}
        // The placeholder is the button's text here, so it needs a text's contrast.
        styles={{ placeholder: { color: 'var(--mantine-color-gray-7)' } }}
        accept=".csv,.tsv,.txt,text/csv,text/plain"
        clearable
        clearButtonProps={{ 'aria-label': t(about.remove) }}
        leftSection={<IconFileSpreadsheet size={16} aria-hidden />}
        value={file}
        onChange={(f) => void choose(f)}
        disabled={reading}
      />
      {error !== null && (
        <ErrorAlert error={error} title={file ? t(m.cannotRead, { name: file.name }) : t(m.cannotReadFile)} />
      )}
      {picked && (
        <CsvMapping
          name={picked.name}
          inspection={picked.inspection}
          mapping={picked.mapping}
          fields={(fields.data ?? []).map((f) => ({
            target: `field:${f.key}`,
            label: t(m.field, { label: f.label }),
          }))}
          onChange={(mapping) => onPicked({ ...picked, mapping })}
        />
      )}
    </Stack>
  );
}
