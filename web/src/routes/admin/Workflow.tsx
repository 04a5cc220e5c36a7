import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  JsonInput,
  List,
  Modal,
  Select,
  Stack,
  Tabs,
  Text,
  Title,
} from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { WORKFLOW_PRESETS, workflowDocumentSchema } from '../../../../common/workflow';
import { isPresetName, PRESETS } from '../../../../src/workflow/presets/index';
import { ApiError, send } from '../../api/client';
import { keys, useStaffWorkflow } from '../../api/hooks';
import type { StaffWorkflow } from '../../api/types';
import { AdminHeader } from '../../components/admin';
import { ErrorAlert, PageLoader, Time } from '../../components/bits';
import { type WorkflowDoc, WorkflowForm } from './WorkflowForm';

const PRESET_INFO: Record<string, string> = {
  portal: 'A customer portal: resolved tickets are read-only and close after 7 days.',
  classic:
    'Staff replies mark a ticket Answered, customer replies Customer Reply; answered tickets close after 7 days without the customer.',
  escalation: 'Escalation teams, reminders while waiting on the customer, a survey on close; replies reopen.',
  subscription: 'Any customer reply reopens; staff replies keep the status.',
};

type PutBody =
  | { preset: string; statusMapping?: Record<string, string> }
  | (WorkflowDoc & { statusMapping?: Record<string, string> });
type Stranded = { status: string; message: string };

const strip = (wf: StaffWorkflow): WorkflowDoc => {
  const { updatedAt: _u, ...doc } = wf;
  return doc;
};

const issuesOf = (value: unknown): string[] => {
  const parsed = workflowDocumentSchema.safeParse(value);
  return parsed.success
    ? []
    : parsed.error.issues.map((i) => `${i.path.join('.') || 'document'}: ${i.message}`);
};

export function WorkflowPage() {
  useDocumentTitle('Workflow · Admin · Tessera');
  const wf = useStaffWorkflow();
  const qc = useQueryClient();
  const [draft, setDraft] = useState<WorkflowDoc | null>(null);
  const [tab, setTab] = useState<string>('form');
  const [jsonText, setJsonText] = useState('');
  const [jsonIssues, setJsonIssues] = useState<string[]>([]);
  const [clientIssues, setClientIssues] = useState<string[]>([]);
  const [preset, setPreset] = useState<string | null>(null);
  const [confirmPreset, setConfirmPreset] = useState(false);
  const [mapping, setMapping] = useState<{ body: PutBody; stranded: Stranded[] } | null>(null);

  const save = useMutation({
    mutationFn: (body: PutBody) => send('PUT /workflow', { body }),
    onSuccess: (saved) => {
      qc.setQueryData(keys.workflow, saved);
      void qc.invalidateQueries({ queryKey: ['tickets'] });
      void qc.invalidateQueries({ queryKey: ['ticket'] });
      setDraft(null);
      setMapping(null);
      setConfirmPreset(false);
      setClientIssues([]);
      setPreset(null);
      notifications.show({ color: 'green', message: `Workflow saved (${saved.preset})` });
    },
    onError: (e, body) => {
      if (e instanceof ApiError && e.status === 409) {
        const stranded = e.errors
          .filter((x) => x.path.startsWith('statusMapping.'))
          .map((x) => ({ status: x.path.slice('statusMapping.'.length), message: x.message }));
        if (stranded.length > 0) {
          setConfirmPreset(false);
          setMapping({ body, stranded });
        }
      }
    },
  });

  if (wf.isPending) return <PageLoader />;
  if (wf.isError) return <ErrorAlert error={wf.error} onRetry={() => wf.refetch()} />;
  const base = strip(wf.data);
  const doc = draft ?? base;
  const dirty = draft !== null && JSON.stringify(draft) !== JSON.stringify(base);

  const applyJson = (): WorkflowDoc | null => {
    let value: unknown;
    try {
      value = JSON.parse(jsonText);
    } catch (e) {
      setJsonIssues([`Not valid JSON: ${(e as Error).message}`]);
      return null;
    }
    if (value && typeof value === 'object' && 'updatedAt' in value) {
      const { updatedAt: _u, ...rest } = value as Record<string, unknown>;
      value = rest;
    }
    const issues = issuesOf(value);
    setJsonIssues(issues);
    if (issues.length > 0) return null;
    const parsed = workflowDocumentSchema.parse(value);
    setDraft(parsed);
    return parsed;
  };

  const saveDoc = () => {
    const toSave = tab === 'json' ? applyJson() : doc;
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
        title="Workflow"
        description="The statuses a ticket moves through, what replies do, and the timers. Changes apply to every ticket at once."
      />

      <Card withBorder radius="md" padding="md">
        <Group justify="space-between" align="flex-end" wrap="wrap" gap="sm">
          <Stack gap={4}>
            <Title order={2} size="h4">
              Preset
            </Title>
            <Text size="sm">
              Based on <Badge variant="light">{wf.data.preset}</Badge>
              {wf.data.updatedAt && (
                <Text span size="sm" c="dimmed">
                  {' '}
                  · last saved <Time iso={wf.data.updatedAt} />
                </Text>
              )}
            </Text>
          </Stack>
          <Group gap="xs" align="flex-end" wrap="wrap">
            <Select
              label="Load a preset"
              placeholder="Choose"
              data={WORKFLOW_PRESETS.map((p) => ({ value: p, label: p }))}
              value={preset}
              onChange={setPreset}
              w={200}
              renderOption={({ option }) => (
                <div>
                  <Text size="sm">{option.label}</Text>
                  <Text size="xs" c="dimmed">
                    {PRESET_INFO[option.value]}
                  </Text>
                </div>
              )}
            />
            <Button variant="default" disabled={!preset} onClick={() => setConfirmPreset(true)}>
              Load preset
            </Button>
          </Group>
        </Group>
        {preset && PRESET_INFO[preset] && (
          <Text size="sm" c="dimmed" mt="xs">
            {preset}: {PRESET_INFO[preset]}
          </Text>
        )}
      </Card>

      {serverError && <ServerError error={serverError} />}
      {clientIssues.length > 0 && (
        <Alert color="red" title="Fix these before saving" role="alert">
          <List size="sm">
            {clientIssues.map((i) => (
              <List.Item key={i}>{i}</List.Item>
            ))}
          </List>
        </Alert>
      )}

      <Tabs
        value={tab}
        onChange={(next) => {
          if (next === 'json') {
            setJsonText(JSON.stringify(doc, null, 2));
            setJsonIssues([]);
            setTab('json');
          } else if (next === 'form') {
            if (applyJson()) setTab('form');
          }
        }}
      >
        <Tabs.List>
          <Tabs.Tab value="form">Form</Tabs.Tab>
          <Tabs.Tab value="json">JSON</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="form" pt="md">
          <WorkflowForm doc={doc} onChange={setDraft} />
        </Tabs.Panel>
        <Tabs.Panel value="json" pt="md">
          <Stack gap="sm">
            <JsonInput
              label="Workflow document"
              description="Exactly what GET /api/v1/workflow returns; it is checked against the same schema as the server's."
              value={jsonText}
              onChange={setJsonText}
              autosize
              minRows={16}
              maxRows={40}
              formatOnBlur
              validationError="Not valid JSON"
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 13 } }}
            />
            {jsonIssues.length > 0 && (
              <Alert color="red" title="The document is not valid" role="alert">
                <List size="sm">
                  {jsonIssues.map((i) => (
                    <List.Item key={i}>{i}</List.Item>
                  ))}
                </List>
              </Alert>
            )}
            <Group>
              <Button
                variant="default"
                onClick={() => applyJson() && notifications.show({ message: 'Valid; applied to the form' })}
              >
                Check
              </Button>
            </Group>
          </Stack>
        </Tabs.Panel>
      </Tabs>

      <Card
        withBorder
        radius="md"
        padding="sm"
        pos="sticky"
        bottom={8}
        style={{ zIndex: 2 }}
        shadow={dirty ? 'md' : undefined}
      >
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Text size="sm" c={dirty ? undefined : 'dimmed'}>
            {dirty ? 'You have unsaved changes.' : 'No unsaved changes.'}
          </Text>
          <Group gap="xs">
            <Button
              variant="default"
              disabled={!dirty && tab === 'form'}
              onClick={() => {
                setDraft(null);
                setClientIssues([]);
                setJsonIssues([]);
                if (tab === 'json') setJsonText(JSON.stringify(base, null, 2));
              }}
            >
              Discard changes
            </Button>
            <Button onClick={saveDoc} loading={save.isPending} disabled={!dirty && tab === 'form'}>
              Save workflow
            </Button>
          </Group>
        </Group>
      </Card>

      <Modal
        opened={confirmPreset}
        onClose={() => setConfirmPreset(false)}
        title={`Load the ${preset} preset?`}
      >
        <Stack gap="sm">
          <Text size="sm">
            This replaces the whole workflow, statuses and rules, with the preset. Tickets in a status the
            preset does not have must be moved: you will be asked where.
          </Text>
          {save.isError && !mapping && <ServerError error={save.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirmPreset(false)}>
              Cancel
            </Button>
            <Button loading={save.isPending} onClick={() => preset && save.mutate({ preset })}>
              Load preset
            </Button>
          </Group>
        </Stack>
      </Modal>

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

function ServerError({ error }: { error: unknown }) {
  if (!(error instanceof ApiError)) return <ErrorAlert error={error} title="Not saved" />;
  return (
    <Alert color="red" title={error.status === 409 ? 'The workflow was refused' : 'Not saved'} role="alert">
      <Text size="sm">{error.detail}</Text>
      {error.errors.length > 0 && (
        <List size="sm" mt="xs">
          {error.errors.map((x) => (
            <List.Item key={x.path + x.message}>
              <b>{x.path}</b>: {x.message}
            </List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}

/** Where tickets in statuses that disappear should go: the server's 409 lists them. */
function MappingModal({
  mapping,
  targets,
  pending,
  error,
  onCancel,
  onSubmit,
}: {
  mapping: { stranded: Stranded[] };
  /** The statuses of the document or preset being saved. */
  targets: string[];
  pending: boolean;
  error: unknown;
  onCancel: () => void;
  onSubmit: (m: Record<string, string>) => void;
}) {
  const [values, setValues] = useState<Record<string, string>>({});
  const complete = mapping.stranded.every((s) => values[s.status]);
  return (
    <Modal opened onClose={onCancel} title="Where should these tickets go?" size="lg">
      <Stack gap="sm">
        <Text size="sm">
          Some tickets are in statuses the new workflow does not have. Choose a new status for each; every
          ticket moved gets a timeline entry.
        </Text>
        {error instanceof ApiError && !error.errors.some((x) => x.path.startsWith('statusMapping.')) && (
          <ServerError error={error} />
        )}
        {mapping.stranded.map((s) => (
          <Stack key={s.status} gap={4}>
            <Select
              label={`Tickets in “${s.status}”`}
              description={s.message}
              data={targets.filter(Boolean)}
              value={values[s.status] ?? null}
              onChange={(v) => setValues((old) => ({ ...old, [s.status]: v ?? '' }))}
            />
          </Stack>
        ))}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button disabled={!complete} loading={pending} onClick={() => onSubmit(values)}>
            Move them and save
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
