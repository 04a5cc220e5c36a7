import { PasswordInput, SimpleGrid, Stack, TextInput, useMatches } from '@mantine/core';
import { type ReactNode, useState } from 'react';
import { defineMessages } from 'react-intl';
import { type ImportSourceBody, importSourceBody } from '../../../../../common/imports';
import { LabeledSegments } from '../../../components/admin/forms';
import { useContractForm } from '../../../components/ModalForm';
import { t } from '../../../i18n/t';
import { CheckButton, type SourceStepProps } from './CheckButton';
import { CsvFiles } from './CsvFiles';
import { SOURCE_KINDS, type SourceKind, sourceLabel } from './labels';

/** Examples of what the fields take, the same in every language. */
const EXAMPLES = {
  database: 'mysql://user:password@db-host:3306/osticket',
  files: '/var/osticket/files',
  zendesk: 'https://acme.zendesk.com',
};

type Osticket = Extract<ImportSourceBody, { kind: 'osticket' }>;
type Zendesk = Extract<ImportSourceBody, { kind: 'zendesk' }>;
type OsticketValues = { kind: 'osticket'; url: string; prefix: string; attachmentsDir: string };

const m = defineMessages({
  from: { id: 'imports.source.from', defaultMessage: 'Import from' },
  dbUrl: { id: 'imports.osticket.url', defaultMessage: 'Database URL' },
  dbUrlHint: {
    id: 'imports.osticket.url.description',
    defaultMessage:
      'The osTicket installation’s MySQL or MariaDB database (1.17 or 1.18). Tessera only reads it.',
  },
  prefix: { id: 'imports.osticket.prefix', defaultMessage: 'Table prefix' },
  prefixHint: { id: 'imports.osticket.prefix.description', defaultMessage: 'As in osTicket’s configuration' },
  files: { id: 'imports.osticket.files', defaultMessage: 'Attachments folder' },
  filesHint: {
    id: 'imports.osticket.files.description',
    defaultMessage: 'Only where osTicket keeps files on disk',
  },
  zendeskUrl: { id: 'imports.zendesk.url', defaultMessage: 'Zendesk address' },
  email: { id: 'imports.zendesk.email', defaultMessage: 'Administrator’s e-mail' },
  token: { id: 'imports.zendesk.token', defaultMessage: 'API token' },
  tokenHint: {
    id: 'imports.zendesk.token.description',
    defaultMessage: 'Admin Center › Apps and integrations › Zendesk API',
  },
});

/** Step 1: where to import from, and how to reach it. Each source keeps what was typed into it. */
export function SourceStep(props: SourceStepProps) {
  const [kind, setKind] = useState<SourceKind>('osticket');
  // Three choices side by side do not fit a phone's width: there they stand one above the other.
  const orientation = useMatches<'horizontal' | 'vertical'>({ base: 'vertical', xs: 'horizontal' });
  return (
    <Stack gap="md">
      <LabeledSegments
        id="import-source-kind"
        label={t(m.from)}
        fullWidth
        orientation={orientation}
        value={kind}
        onChange={(v) => {
          setKind(v as SourceKind);
          props.onEdited();
        }}
        data={SOURCE_KINDS.map((k) => ({ value: k, label: sourceLabel(k) }))}
      />
      <div hidden={kind !== 'osticket'}>
        <OsticketForm {...props} />
      </div>
      <div hidden={kind !== 'zendesk'}>
        <ZendeskForm {...props} />
      </div>
      <div hidden={kind !== 'csv'}>
        <CsvFiles {...props} />
      </div>
    </Stack>
  );
}

/** A source's fields as a form: checked by the API's own schema, any edit drops the last check. */
function SourceForm({
  onSubmit,
  onEdited,
  children,
}: {
  onSubmit: (e?: React.FormEvent<HTMLFormElement>) => void;
  onEdited: () => void;
  children: ReactNode;
}) {
  return (
    <form noValidate onSubmit={onSubmit} onChange={onEdited}>
      <Stack gap="sm">{children}</Stack>
    </form>
  );
}

function OsticketForm({ onCheck, onEdited, checking }: SourceStepProps) {
  const form = useContractForm<OsticketValues>(importSourceBody, {
    kind: 'osticket',
    url: '',
    prefix: 'ost_',
    attachmentsDir: '',
  });
  const toBody = (v: OsticketValues): Osticket => ({
    kind: 'osticket',
    url: v.url.trim(),
    prefix: v.prefix.trim(),
    attachmentsDir: v.attachmentsDir.trim() || null,
  });
  return (
    <SourceForm onSubmit={form.onSubmit((v) => onCheck(toBody(v)))} onEdited={onEdited}>
      <TextInput
        label={t(m.dbUrl)}
        required
        placeholder={EXAMPLES.database}
        description={t(m.dbUrlHint)}
        autoComplete="off"
        spellCheck={false}
        {...form.getInputProps('url')}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <TextInput label={t(m.prefix)} description={t(m.prefixHint)} {...form.getInputProps('prefix')} />
        <TextInput
          label={t(m.files)}
          description={t(m.filesHint)}
          placeholder={EXAMPLES.files}
          {...form.getInputProps('attachmentsDir')}
        />
      </SimpleGrid>
      <CheckButton checking={checking} />
    </SourceForm>
  );
}

function ZendeskForm({ onCheck, onEdited, checking }: SourceStepProps) {
  const form = useContractForm<Zendesk>(importSourceBody, {
    kind: 'zendesk',
    baseUrl: '',
    email: '',
    token: '',
  });
  return (
    <SourceForm
      onSubmit={form.onSubmit((v) =>
        onCheck({ kind: 'zendesk', baseUrl: v.baseUrl.trim(), email: v.email.trim(), token: v.token.trim() }),
      )}
      onEdited={onEdited}
    >
      <TextInput
        label={t(m.zendeskUrl)}
        required
        placeholder={EXAMPLES.zendesk}
        {...form.getInputProps('baseUrl')}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <TextInput
          label={t(m.email)}
          required
          type="email"
          autoComplete="off"
          {...form.getInputProps('email')}
        />
        <PasswordInput
          label={t(m.token)}
          required
          description={t(m.tokenHint)}
          autoComplete="off"
          {...form.getInputProps('token')}
        />
      </SimpleGrid>
      <CheckButton checking={checking} />
    </SourceForm>
  );
}
