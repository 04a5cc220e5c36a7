import { PasswordInput, SimpleGrid, Stack, TextInput, useMatches } from '@mantine/core';
import { type ReactNode, useState } from 'react';
import { type ImportSourceBody, importSourceBody } from '../../../../../common/imports';
import { LabeledSegments } from '../../../components/admin/forms';
import { useContractForm } from '../../../components/ModalForm';
import { CheckButton, type SourceStepProps } from './CheckButton';
import { CsvFiles } from './CsvFiles';
import { SOURCE_LABELS, type SourceKind } from './labels';

type Osticket = Extract<ImportSourceBody, { kind: 'osticket' }>;
type Zendesk = Extract<ImportSourceBody, { kind: 'zendesk' }>;
type OsticketValues = { kind: 'osticket'; url: string; prefix: string; attachmentsDir: string };

/** Step 1: where to import from, and how to reach it. Each source keeps what was typed into it. */
export function SourceStep(props: SourceStepProps) {
  const [kind, setKind] = useState<SourceKind>('osticket');
  // Three choices side by side do not fit a phone's width: there they stand one above the other.
  const orientation = useMatches<'horizontal' | 'vertical'>({ base: 'vertical', xs: 'horizontal' });
  return (
    <Stack gap="md">
      <LabeledSegments
        id="import-source-kind"
        label="Import from"
        fullWidth
        orientation={orientation}
        value={kind}
        onChange={(v) => {
          setKind(v as SourceKind);
          props.onEdited();
        }}
        data={(Object.keys(SOURCE_LABELS) as SourceKind[]).map((k) => ({
          value: k,
          label: SOURCE_LABELS[k],
        }))}
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
        label="Database URL"
        required
        placeholder="mysql://user:password@db-host:3306/osticket"
        description="The osTicket installation’s MySQL or MariaDB database (1.17 or 1.18). Tessera only reads it."
        autoComplete="off"
        spellCheck={false}
        {...form.getInputProps('url')}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <TextInput
          label="Table prefix"
          description="As in osTicket’s configuration"
          {...form.getInputProps('prefix')}
        />
        <TextInput
          label="Attachments folder"
          description="Only where osTicket keeps files on disk"
          placeholder="/var/osticket/files"
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
        label="Zendesk address"
        required
        placeholder="https://acme.zendesk.com"
        {...form.getInputProps('baseUrl')}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <TextInput
          label="Administrator’s e-mail"
          required
          type="email"
          autoComplete="off"
          {...form.getInputProps('email')}
        />
        <PasswordInput
          label="API token"
          required
          description="Admin Center › Apps and integrations › Zendesk API"
          autoComplete="off"
          {...form.getInputProps('token')}
        />
      </SimpleGrid>
      <CheckButton checking={checking} />
    </SourceForm>
  );
}
