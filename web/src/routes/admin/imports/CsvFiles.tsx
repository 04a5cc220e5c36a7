import { Alert, FileInput, Stack, Text } from '@mantine/core';
import { IconFileSpreadsheet } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { z } from 'zod';
import type { csvInspectSchema, ImportSourceBody } from '../../../../../common/imports';
import { get, send } from '../../../api/client';
import { ErrorAlert } from '../../../components/bits';
import { CheckButton, type SourceStepProps } from './CheckButton';
import { CsvMapping, type Mapping, missingTargets } from './CsvMapping';

const CSV_KINDS = ['organisations', 'customers', 'tickets'] as const;
type CsvKind = (typeof CSV_KINDS)[number];
type Inspection = z.infer<typeof csvInspectSchema>;
type Picked = { name: string; text: string; inspection: Inspection; mapping: Mapping };

const ABOUT: Record<CsvKind, { label: string; description: string }> = {
  organisations: { label: 'Organisations', description: 'One row per organisation: a name, e-mail domains' },
  customers: {
    label: 'Customers',
    description: 'One row per person: an e-mail address, a name, an organisation',
  },
  tickets: {
    label: 'Tickets',
    description: 'One row per ticket: a subject, the requester’s e-mail, the first message, a status',
  },
};

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
          Choose one file or more, saved as CSV (any delimiter, with a header row). They are read in your
          browser and sent when you check or start the import.
        </Text>
        {CSV_KINDS.map((k) => (
          <CsvFile key={k} kind={k} picked={files[k]} onPicked={(f) => set(k, f)} />
        ))}
        {missing && (
          <Alert color="yellow" variant="light">
            Choose a column for each required field (marked *) before checking.
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
      if (text.length > MAX_CHARS) throw new Error(`${f.name} is too large: at most 20 million characters`);
      if (text.trim() === '') throw new Error(`${f.name} is empty`);
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
        label={about.label}
        description={about.description}
        placeholder={reading ? 'Reading…' : 'Choose a CSV file'}
        // The placeholder is the button's text here, so it needs a text's contrast.
        styles={{ placeholder: { color: 'var(--mantine-color-gray-7)' } }}
        accept=".csv,.tsv,.txt,text/csv,text/plain"
        clearable
        clearButtonProps={{ 'aria-label': `Remove the ${about.label.toLowerCase()} file` }}
        leftSection={<IconFileSpreadsheet size={16} aria-hidden />}
        value={file}
        onChange={(f) => void choose(f)}
        disabled={reading}
      />
      {error !== null && <ErrorAlert error={error} title={`Cannot read ${file?.name ?? 'the file'}`} />}
      {picked && (
        <CsvMapping
          name={picked.name}
          inspection={picked.inspection}
          mapping={picked.mapping}
          fields={(fields.data ?? []).map((f) => ({ target: `field:${f.key}`, label: `Field: ${f.label}` }))}
          onChange={(mapping) => onPicked({ ...picked, mapping })}
        />
      )}
    </Stack>
  );
}
