import {
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  MultiSelect,
  NumberInput,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconPlus, IconWand } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { z } from 'zod';
import {
  customFieldBody,
  customFieldPatch,
  type customFieldSchema,
  FIELD_KINDS,
  ticketTypeBody,
  type ticketTypeSchema,
} from '../../../../common/intake';
import { get, type SendBody, send } from '../../api/client';
import { useDepartments } from '../../api/hooks';
import { AdminHeader, AdminList, useAdminMutation } from '../../components/admin';
import { ErrorAlert } from '../../components/bits';
import { ModalForm, numberInputProps, useContractForm } from '../../components/ModalForm';
import { PriorityHelpCard } from '../../components/PriorityHelpCard';

type TicketType = z.infer<typeof ticketTypeSchema>;
type CustomField = z.infer<typeof customFieldSchema>;
type FieldKind = (typeof FIELD_KINDS)[number];

const typesKey = ['ticket-types'] as const;
const fieldsKey = ['fields'] as const;
const urgentKey = ['settings', 'urgent-routing'] as const;

const KIND_LABEL: Record<FieldKind, string> = {
  select: 'Choice list',
  text: 'Short text',
  multiline: 'Long text',
  checkbox: 'Checkbox',
  date: 'Date',
};
const KEY_HINT = 'Lower-case letters, digits and _, starting with a letter. Cannot be changed later.';

export function TicketTypesPage() {
  useDocumentTitle('Ticket types and fields · Admin · Tessera');
  const types = useQuery({
    queryKey: typesKey,
    queryFn: async () => (await get('/ticket-types')).items,
  });
  const fields = useQuery({
    queryKey: fieldsKey,
    queryFn: async () => (await get('/fields')).items,
  });
  const install = useAdminMutation({
    fn: () => send('POST /intake/triage'),
    invalidate: [typesKey, fieldsKey],
    success: (r) => `Guided intake installed: ${r.types.length} types, ${r.fields.length} fields`,
  });
  const [editType, setEditType] = useState<TicketType | 'new' | null>(null);
  const [editField, setEditField] = useState<CustomField | 'new' | null>(null);

  return (
    <Stack gap="md" maw={1000}>
      <AdminHeader
        title="Ticket types and fields"
        description="What customers choose when they open a ticket, and the extra questions asked. The guided intake installs a ready-made set (trading-platform support); installing it again changes nothing."
        action={
          <Button
            leftSection={<IconWand size={16} aria-hidden />}
            variant="light"
            loading={install.isPending}
            onClick={() => install.mutate()}
          >
            Install the guided intake
          </Button>
        }
      />
      <UrgentRoutingCard />
      <PriorityHelpCard />

      <Card withBorder radius="md" padding="md">
        <Group justify="space-between" mb="sm" wrap="wrap">
          <Title order={2} size="h4">
            Ticket types
          </Title>
          <Button
            size="xs"
            leftSection={<IconPlus size={14} aria-hidden />}
            onClick={() => setEditType('new')}
          >
            New type
          </Button>
        </Group>
        <AdminList
          query={types}
          items={types.data && [...types.data].sort((a, b) => a.position - b.position)}
          empty="No ticket types yet. Create one, or install the guided intake."
          minWidth={480}
          tableProps={{ 'aria-label': 'Ticket types' }}
          inSection
          head={
            <>
              <Table.Th scope="col">Name</Table.Th>
              <Table.Th scope="col">Key</Table.Th>
              <Table.Th scope="col">Flags</Table.Th>
              <Table.Th scope="col" w={80}>
                <span className="sr-only">Actions</span>
              </Table.Th>
            </>
          }
        >
          {(t) => (
            <Table.Tr key={t.key}>
              <Table.Td>
                <Text size="sm" fw={500}>
                  {t.name}
                </Text>
                {t.description && (
                  <Text size="xs" c="dimmed">
                    {t.description}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Text size="xs" ff="monospace">
                  {t.key}
                </Text>
              </Table.Td>
              <Table.Td>
                <Group gap={4}>
                  {t.urgent && (
                    <Badge color="red" variant="filled" size="sm">
                      Urgent
                    </Badge>
                  )}
                  {!t.active && (
                    <Badge color="gray" variant="light" size="sm">
                      Inactive
                    </Badge>
                  )}
                </Group>
              </Table.Td>
              <Table.Td>
                <Button
                  size="xs"
                  variant="default"
                  onClick={() => setEditType(t)}
                  aria-label={`Edit type ${t.name}`}
                >
                  Edit
                </Button>
              </Table.Td>
            </Table.Tr>
          )}
        </AdminList>
      </Card>

      <Card withBorder radius="md" padding="md">
        <Group justify="space-between" mb="sm" wrap="wrap">
          <Title order={2} size="h4">
            Custom fields
          </Title>
          <Button
            size="xs"
            leftSection={<IconPlus size={14} aria-hidden />}
            onClick={() => setEditField('new')}
          >
            New field
          </Button>
        </Group>
        <AdminList
          query={fields}
          items={fields.data && [...fields.data].sort((a, b) => a.position - b.position)}
          empty="No custom fields yet."
          minWidth={560}
          tableProps={{ 'aria-label': 'Custom fields' }}
          inSection
          head={
            <>
              <Table.Th scope="col">Label</Table.Th>
              <Table.Th scope="col">Kind</Table.Th>
              <Table.Th scope="col">Asked for</Table.Th>
              <Table.Th scope="col">Flags</Table.Th>
              <Table.Th scope="col" w={80}>
                <span className="sr-only">Actions</span>
              </Table.Th>
            </>
          }
        >
          {(f) => (
            <Table.Tr key={f.key}>
              <Table.Td>
                <Text size="sm" fw={500}>
                  {f.label}
                </Text>
                <Text size="xs" ff="monospace" c="dimmed">
                  {f.key}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">
                  {KIND_LABEL[f.kind]}
                  {f.kind === 'select' ? ` (${f.options.length})` : ''}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="xs">
                  {f.typeKeys.length === 0 ? 'Every type' : f.typeKeys.join(', ')}
                  {f.departmentIds.length > 0
                    ? ` · ${f.departmentIds.length} department${f.departmentIds.length === 1 ? '' : 's'}`
                    : ''}
                </Text>
              </Table.Td>
              <Table.Td>
                <Group gap={4}>
                  {f.required && (
                    <Badge size="sm" variant="light">
                      Required
                    </Badge>
                  )}
                  {!f.active && (
                    <Badge size="sm" color="gray" variant="light">
                      Inactive
                    </Badge>
                  )}
                </Group>
              </Table.Td>
              <Table.Td>
                <Button
                  size="xs"
                  variant="default"
                  onClick={() => setEditField(f)}
                  aria-label={`Edit field ${f.label}`}
                >
                  Edit
                </Button>
              </Table.Td>
            </Table.Tr>
          )}
        </AdminList>
      </Card>

      <TypeModal
        key={editType === null ? 'closed' : editType === 'new' ? 'new' : editType.key}
        editing={editType}
        onClose={() => setEditType(null)}
      />
      <FieldModal
        key={editField === null ? 'closed' : editField === 'new' ? 'new' : editField.key}
        editing={editField}
        types={types.data ?? []}
        onClose={() => setEditField(null)}
      />
    </Stack>
  );
}

function UrgentRoutingCard() {
  const setting = useQuery({
    queryKey: urgentKey,
    queryFn: () => get('/settings/urgent-routing'),
  });
  const save = useAdminMutation({
    fn: (urgentPriority: boolean) => send('PUT /settings/urgent-routing', { body: { urgentPriority } }),
    invalidate: [urgentKey],
    success: (r) => (r.urgentPriority ? 'Urgent routing turned on' : 'Urgent routing turned off'),
  });
  return (
    <Card withBorder radius="md" padding="md">
      {setting.isError ? (
        <ErrorAlert error={setting.error} title="Cannot load urgent routing" />
      ) : (
        <Switch
          label="Flag urgent-priority tickets as urgent"
          description="Tickets of an urgent type are always flagged. With this on, a new ticket opened with urgent priority is flagged too (and agents who asked to be paged for urgent tickets are told at once)."
          checked={setting.data?.urgentPriority ?? false}
          disabled={setting.isPending || save.isPending}
          onChange={(e) => save.mutate(e.currentTarget.checked)}
        />
      )}
    </Card>
  );
}

// A key is asked only on creation; the form holds text where the API takes null.
const typeForm = (creating: boolean) =>
  ticketTypeBody.extend({
    key: creating ? ticketTypeBody.shape.key : z.string(),
    description: z.string().max(2000),
  });

function TypeModal({ editing, onClose }: { editing: TicketType | 'new' | null; onClose: () => void }) {
  const current = editing && editing !== 'new' ? editing : null;
  const form = useContractForm(typeForm(!current), {
    key: '',
    name: current?.name ?? '',
    description: current?.description ?? '',
    urgent: current?.urgent ?? false,
    active: current?.active ?? true,
    position: current?.position ?? 0,
  });
  const save = useAdminMutation({
    // toBody adds the key, which only a creation takes.
    fn: (body: SendBody<'PATCH /ticket-types/:key'>) =>
      current
        ? send('PATCH /ticket-types/:key', { params: { key: current.key }, body })
        : send('POST /ticket-types', { body: body as SendBody<'POST /ticket-types'> }),
    invalidate: [typesKey],
    success: (t) => `Ticket type “${t.name}” saved`,
    onSuccess: onClose,
    quietErrors: true,
  });
  const toBody = ({ key, name, description, urgent, active, position }: typeof form.values) => {
    const body = { name: name.trim(), description: description.trim() || null, urgent, active, position };
    return current ? body : { key: key.trim(), ...body };
  };
  return (
    <ModalForm
      opened={editing !== null}
      onClose={onClose}
      title={current ? `Edit ${current.name}` : 'New ticket type'}
      form={form}
      save={save}
      toBody={toBody}
      submitLabel={current ? 'Save' : 'Create type'}
      canSubmit={form.values.name.trim() !== '' && (Boolean(current) || form.values.key !== '')}
    >
      {!current && (
        <TextInput
          label="Key"
          description={KEY_HINT}
          required
          maxLength={64}
          {...form.getInputProps('key')}
          data-autofocus
        />
      )}
      <TextInput label="Name" required maxLength={100} {...form.getInputProps('name')} />
      <Textarea
        label="Description"
        description="Shown to customers when they choose"
        maxLength={2000}
        autosize
        minRows={2}
        {...form.getInputProps('description')}
      />
      <NumberInput
        label="Position"
        description="Lower comes first"
        min={0}
        max={10000}
        {...numberInputProps(form, 'position')}
      />
      <Checkbox
        label="Urgent: tickets of this type need immediate attention"
        {...form.getInputProps('urgent', { type: 'checkbox' })}
      />
      <Checkbox
        label="Active: customers can choose it"
        {...form.getInputProps('active', { type: 'checkbox' })}
      />
    </ModalForm>
  );
}

/** Options as "value: Label" lines, which is easy to type and to read back. */
const optionsToText = (options: CustomField['options']) =>
  options.map((o) => `${o.value}: ${o.label}`).join('\n');
const textToOptions = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const i = line.indexOf(':');
      return i > 0
        ? { value: line.slice(0, i).trim(), label: line.slice(i + 1).trim() }
        : { value: line.toLowerCase().replace(/[^a-z0-9_]+/g, '_'), label: line };
    });

// The options are typed as lines of text; the API's own rule for them is checked on the server.
const fieldForm = (creating: boolean) =>
  customFieldPatch.required().extend({
    key: creating ? customFieldBody.shape.key : z.string(),
    kind: z.enum(FIELD_KINDS),
    options: z.string(),
    help: z.string().max(2000),
  });

function FieldModal({
  editing,
  types,
  onClose,
}: {
  editing: CustomField | 'new' | null;
  types: TicketType[];
  onClose: () => void;
}) {
  const current = editing && editing !== 'new' ? editing : null;
  const departments = useDepartments();
  const form = useContractForm(fieldForm(!current), {
    key: '',
    label: current?.label ?? '',
    kind: current?.kind ?? ('text' as FieldKind),
    options: optionsToText(current?.options ?? []),
    help: current?.help ?? '',
    required: current?.required ?? false,
    active: current?.active ?? true,
    position: current?.position ?? 0,
    typeKeys: current?.typeKeys ?? [],
    departmentIds: current?.departmentIds ?? [],
  });
  const save = useAdminMutation({
    // toBody adds the key and kind, which only a creation takes.
    fn: (body: SendBody<'PATCH /fields/:key'>) =>
      current
        ? send('PATCH /fields/:key', { params: { key: current.key }, body })
        : send('POST /fields', { body: body as SendBody<'POST /fields'> }),
    invalidate: [fieldsKey],
    success: (f) => `Field “${f.label}” saved`,
    onSuccess: onClose,
    quietErrors: true,
  });
  const toBody = ({ key, kind, label, options, help, ...rest }: typeof form.values) => {
    const body = {
      label: label.trim(),
      options: kind === 'select' ? textToOptions(options) : [],
      help: help.trim() || null,
      ...rest,
    };
    return current ? body : { key: key.trim(), kind, ...body };
  };
  const { kind } = form.values;
  return (
    <ModalForm
      opened={editing !== null}
      onClose={onClose}
      title={current ? `Edit ${current.label}` : 'New custom field'}
      size="lg"
      form={form}
      save={save}
      toBody={toBody}
      submitLabel={current ? 'Save' : 'Create field'}
      canSubmit={form.values.label.trim() !== '' && (Boolean(current) || form.values.key !== '')}
    >
      {!current && (
        <TextInput
          label="Key"
          description={KEY_HINT}
          required
          maxLength={64}
          {...form.getInputProps('key')}
          data-autofocus
        />
      )}
      <TextInput label="Label" required maxLength={200} {...form.getInputProps('label')} />
      <Select
        label="Kind"
        description={current ? 'The kind cannot be changed once created' : undefined}
        data={FIELD_KINDS.map((k) => ({ value: k, label: KIND_LABEL[k] }))}
        {...form.getInputProps('kind')}
        onChange={(v) => v && form.setFieldValue('kind', v as FieldKind)}
        disabled={Boolean(current)}
        allowDeselect={false}
      />
      {kind === 'select' && (
        <Textarea
          label="Options"
          description="One a line, as “value: Label” (value: lower-case letters, digits and _)"
          required
          autosize
          minRows={3}
          {...form.getInputProps('options')}
        />
      )}
      <Textarea label="Help text" maxLength={2000} autosize minRows={1} {...form.getInputProps('help')} />
      <MultiSelect
        label="Ticket types"
        description="Ask only for these types; none means every type"
        data={types.map((t) => ({ value: t.key, label: t.name }))}
        {...form.getInputProps('typeKeys')}
        clearable
      />
      <MultiSelect
        label="Departments"
        description="Ask only in these departments; none means every department"
        data={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
        {...form.getInputProps('departmentIds')}
        clearable
      />
      <NumberInput
        label="Position"
        description="Lower comes first"
        min={0}
        max={10000}
        {...numberInputProps(form, 'position')}
      />
      <Checkbox label="Required" {...form.getInputProps('required', { type: 'checkbox' })} />
      <Checkbox
        label="Active: asked on new tickets"
        {...form.getInputProps('active', { type: 'checkbox' })}
      />
    </ModalForm>
  );
}
