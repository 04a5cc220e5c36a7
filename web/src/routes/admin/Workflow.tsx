import { Stack, Tabs, Text } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { workflowDocumentSchema } from '../../../../common/workflow';
import { isPresetName, PRESETS } from '../../../../src/workflow/presets/index';
import { ApiError, send } from '../../api/client';
import { keys, useStaffWorkflow } from '../../api/hooks';
import type { StaffWorkflow } from '../../api/types';
import { AdminHeader } from '../../components/admin';
import { ConfirmModal } from '../../components/admin/ConfirmModal';
import { ErrorAlert, PageLoader } from '../../components/bits';
import { t } from '../../i18n/t';
import { validationText } from '../../lib/zodLocale';
import { WorkflowForm } from './WorkflowForm';
import type { WorkflowDoc } from './workflow/doc';
import { JsonPanel } from './workflow/JsonPanel';
import { MappingModal, type Stranded } from './workflow/MappingModal';
import { PresetCard } from './workflow/PresetCard';
import { IssuesAlert, ServerError } from './workflow/Problems';
import { SaveBar } from './workflow/SaveBar';

type PutBody =
  | { preset: string; statusMapping?: Record<string, string> }
  | (WorkflowDoc & { statusMapping?: Record<string, string> });

const strip = (wf: StaffWorkflow): WorkflowDoc => {
  const { updatedAt: _u, ...doc } = wf;
  return doc;
};

const issuesOf = (value: unknown): string[] => {
  const parsed = workflowDocumentSchema.safeParse(value);
  return parsed.success
    ? []
    : parsed.error.issues.map(
        (i) =>
          `${i.path.join('.') || t({ id: 'admin.workflow.document', defaultMessage: 'document' })}: ${validationText(i.message)}`,
      );
};

/** Saves the workflow; a 409 that lists tickets in disappearing statuses asks where they go. */
function useWorkflowSave({ onSaved, onStranded }: { onSaved: () => void; onStranded: () => void }) {
  const qc = useQueryClient();
  const [mapping, setMapping] = useState<{ body: PutBody; stranded: Stranded[] } | null>(null);
  const save = useMutation({
    mutationFn: (body: PutBody) => send('PUT /workflow', { body }),
    onSuccess: (saved) => {
      qc.setQueryData(keys.workflow, saved);
      void qc.invalidateQueries({ queryKey: ['tickets'] });
      void qc.invalidateQueries({ queryKey: ['ticket'] });
      setMapping(null);
      onSaved();
      notifications.show({
        color: 'green',
        message: t(
          { id: 'admin.workflow.saved', defaultMessage: 'Workflow saved ({preset})' },
          { preset: saved.preset },
        ),
      });
    },
    onError: (e, body) => {
      if (!(e instanceof ApiError && e.status === 409)) return;
      const stranded = e.errors
        .filter((x) => x.path.startsWith('statusMapping.'))
        .map((x) => ({ status: x.path.slice('statusMapping.'.length), message: x.message }));
      if (stranded.length === 0) return;
      onStranded();
      setMapping({ body, stranded });
    },
  });
  return { save, mapping, setMapping };
}

/** The JSON tab's text and what is wrong with it; `apply` makes it the draft when it is a valid workflow. */
function useJsonText(setDraft: (doc: WorkflowDoc) => void) {
  const [text, setText] = useState('');
  const [issues, setIssues] = useState<string[]>([]);
  const apply = (): WorkflowDoc | null => {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      setIssues([
        t(
          { id: 'admin.workflow.json.invalidDetail', defaultMessage: 'Not valid JSON: {detail}' },
          { detail: (e as Error).message },
        ),
      ]);
      return null;
    }
    if (value && typeof value === 'object' && 'updatedAt' in value) {
      const { updatedAt: _u, ...rest } = value as Record<string, unknown>;
      value = rest;
    }
    const found = issuesOf(value);
    setIssues(found);
    if (found.length > 0) return null;
    const parsed = workflowDocumentSchema.parse(value);
    setDraft(parsed);
    return parsed;
  };
  const show = (doc: WorkflowDoc) => {
    setText(JSON.stringify(doc, null, 2));
    setIssues([]);
  };
  return { text, setText, issues, setIssues, apply, show };
}

export function WorkflowPage() {
  const intl = useIntl();
  const title = intl.formatMessage({ id: 'admin.workflow.title', defaultMessage: 'Workflow' });
  useDocumentTitle(
    intl.formatMessage({ id: 'admin.documentTitle', defaultMessage: '{title} · Admin · Tessera' }, { title }),
  );
  const wf = useStaffWorkflow();
  const [draft, setDraft] = useState<WorkflowDoc | null>(null);
  const [tab, setTab] = useState<string>('form');
  const json = useJsonText(setDraft);
  const [clientIssues, setClientIssues] = useState<string[]>([]);
  const [preset, setPreset] = useState<string | null>(null);
  const [confirmPreset, setConfirmPreset] = useState(false);
  const { save, mapping, setMapping } = useWorkflowSave({
    onSaved: () => {
      setDraft(null);
      setConfirmPreset(false);
      setClientIssues([]);
      setPreset(null);
    },
    onStranded: () => setConfirmPreset(false),
  });

  if (wf.isPending) return <PageLoader />;
  if (wf.isError) return <ErrorAlert error={wf.error} onRetry={() => wf.refetch()} />;
  const base = strip(wf.data);
  const doc = draft ?? base;
  const dirty = draft !== null && JSON.stringify(draft) !== JSON.stringify(base);

  const saveDoc = () => {
    const toSave = tab === 'json' ? json.apply() : doc;
    if (!toSave) return;
    const issues = issuesOf(toSave);
    setClientIssues(issues);
    if (issues.length > 0) return;
    save.mutate(workflowDocumentSchema.parse(toSave));
  };

  const serverError = save.isError && !mapping ? save.error : null;

  return (
    <Stack gap="md" maw={1200}>
      <AdminHeader
        title={title}
        description={intl.formatMessage({
          id: 'admin.workflow.description',
          defaultMessage:
            'The statuses a ticket moves through, what replies do, and the timers. Changes apply to every ticket at once.',
        })}
      />

      <PresetCard
        current={wf.data}
        preset={preset}
        setPreset={setPreset}
        onLoad={() => setConfirmPreset(true)}
      />

      {serverError && <ServerError error={serverError} />}
      <IssuesAlert
        title={intl.formatMessage({
          id: 'admin.workflow.fixFirst',
          defaultMessage: 'Fix these before saving',
        })}
        issues={clientIssues}
      />

      <Tabs
        value={tab}
        onChange={(next) => {
          if (next === 'json') {
            json.show(doc);
            setTab('json');
          } else if (next === 'form' && json.apply()) setTab('form');
        }}
      >
        <Tabs.List>
          <Tabs.Tab value="form">
            <FormattedMessage id="admin.workflow.tab.form" defaultMessage="Form" />
          </Tabs.Tab>
          <Tabs.Tab value="json">JSON</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="form" pt="md">
          <WorkflowForm doc={doc} onChange={setDraft} />
        </Tabs.Panel>
        <Tabs.Panel value="json" pt="md">
          <JsonPanel
            jsonText={json.text}
            setJsonText={json.setText}
            jsonIssues={json.issues}
            applyJson={json.apply}
          />
        </Tabs.Panel>
      </Tabs>

      <SaveBar
        dirty={dirty}
        disabled={!dirty && tab === 'form'}
        pending={save.isPending}
        onDiscard={() => {
          setDraft(null);
          setClientIssues([]);
          json.setIssues([]);
          if (tab === 'json') json.setText(JSON.stringify(base, null, 2));
        }}
        onSave={saveDoc}
      />

      <ConfirmModal
        opened={confirmPreset}
        onClose={() => setConfirmPreset(false)}
        title={intl.formatMessage(
          { id: 'admin.workflow.loadPresetTitle', defaultMessage: 'Load the {preset} preset?' },
          { preset },
        )}
        confirmLabel={intl.formatMessage({ id: 'admin.workflow.loadPreset', defaultMessage: 'Load preset' })}
        pending={save.isPending}
        onConfirm={() => preset && save.mutate({ preset })}
      >
        <Text size="sm">
          <FormattedMessage
            id="admin.workflow.loadPresetBody"
            defaultMessage="This replaces the whole workflow, statuses and rules, with the preset. Tickets in a status the preset does not have must be moved: you will be asked where."
          />
        </Text>
        {save.isError && !mapping && <ServerError error={save.error} />}
      </ConfirmModal>

      {mapping && (
        <MappingModal
          mapping={mapping}
          targets={statusKeysOf(mapping.body)}
          pending={save.isPending}
          error={save.isError ? save.error : null}
          onCancel={() => {
            setMapping(null);
            save.reset();
          }}
          onSubmit={(statusMapping) => save.mutate({ ...mapping.body, statusMapping })}
        />
      )}
    </Stack>
  );
}

/** The status keys a save would leave: the edited document's, or the chosen preset's. */
const statusKeysOf = (body: PutBody): string[] =>
  'statuses' in body
    ? body.statuses.map((s) => s.key)
    : isPresetName(body.preset)
      ? PRESETS[body.preset].statuses.map((s) => s.key)
      : [];
