import {
  Alert,
  Button,
  Group,
  Paper,
  Radio,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue, useDocumentTitle } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { createTicketBody, PRIORITIES } from '../../../../common/api';
import { ApiError, errorMessage, get, type SendBody, send } from '../../api/client';
import { useDepartments, useSubscriptionsEnabled, useSubscriptionsOf } from '../../api/hooks';
import { usePriorityHelp } from '../../api/priorityHelp';
import type { Priority, User } from '../../api/types';
import { AttachmentDropzone, useAttachments } from '../../components/Attachments';
import { ErrorAlert } from '../../components/bits';
import {
  CustomFieldInputs,
  type FieldValues,
  fieldsToSend,
  TypeSelect,
  useIntakeFields,
  useTicketTypes,
} from '../../components/IntakeFields';
import { AnchorLink, ButtonLink } from '../../components/links';
import { quotaText } from '../../components/Subscriptions';
import { PRIORITY_INFO, ticketRef } from '../../lib/format';

const route = getRouteApi('/portal/new');

type Field = 'subject' | 'departmentId' | 'priority' | 'description' | 'serviceId' | 'type' | 'requesterId';

export function NewTicketPage() {
  useDocumentTitle('New ticket · Tessera Support');
  const { ref } = route.useSearch();
  return <TicketForm followUp={ref} />;
}

/** Staff open a ticket on behalf of a customer: the same form, with the customer chosen first. */
export function StaffNewTicketPage() {
  useDocumentTitle('New ticket for a customer · Tessera');
  return <TicketForm staff />;
}

function TicketForm({ followUp, staff = false }: { followUp?: number; staff?: boolean }) {
  const departments = useDepartments();
  const priorityHelp = usePriorityHelp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [subject, setSubject] = useState('');
  const [departmentId, setDepartmentId] = useState<string | null>(null);
  const [priority, setPriority] = useState<Priority>('normal');
  const [description, setDescription] = useState(
    followUp ? `This follows up on ticket ${ticketRef(followUp)}.\n\n` : '',
  );
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const attachments = useAttachments();
  // The guided intake (seed 001): a type of request, and the custom fields of that type and category.
  const types = useTicketTypes();
  const [type, setType] = useState<string | null>(null);
  const intakeFields = useIntakeFields(departmentId, type);
  const [fieldValues, setFieldValues] = useState<FieldValues>({});
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  // Where subscriptions are on (seed 002), a ticket is about one subscribed service and uses its quota.
  const subscriptionsOn = useSubscriptionsEnabled().data === true;
  const [customer, setCustomer] = useState<User | null>(null);
  const subs = useSubscriptionsOf(staff ? (customer?.id ?? null) : 'me', subscriptionsOn);
  const services = [...new Map((subs.data ?? []).map((s) => [s.service.id, s])).values()];
  const [serviceId, setServiceId] = useState<string | null>(null);
  const chosenService = serviceId ?? (services.length === 1 ? (services[0]?.service.id ?? null) : null);

  const create = useMutation({
    mutationFn: (body: SendBody<'POST /tickets'>) => send('POST /tickets', { body }),
    onSuccess: (ticket) => {
      void qc.invalidateQueries({ queryKey: ['tickets'] });
      notifications.show({
        color: 'green',
        title: `Ticket ${ticketRef(ticket.number)} created`,
        message: staff
          ? `Opened for ${ticket.requester.name}, who is told as for any ticket of theirs.`
          : 'Our team will answer here and by notification.',
      });
      void navigate({
        to: staff ? '/agent/tickets/$number' : '/tickets/$number',
        params: { number: String(ticket.number) },
      });
    },
    onError: (e) => {
      if (e instanceof ApiError) {
        setErrors({
          subject: e.fieldError('subject'),
          departmentId: e.fieldError('departmentId'),
          priority: e.fieldError('priority'),
          description: e.fieldError('description'),
          serviceId: e.fieldError('serviceId'),
          type: e.fieldError('type'),
          requesterId: e.fieldError('requesterId'),
        });
        setFieldErrors(
          Object.fromEntries(
            e.errors
              .filter((x) => x.path.startsWith('body.fields.'))
              .map((x) => [x.path.slice('body.fields.'.length), x.message]),
          ),
        );
      }
    },
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    // The same schema the server applies, so most mistakes show before anything is sent.
    if (staff && !customer) {
      setErrors({ requesterId: 'Choose the customer this ticket is for' });
      return;
    }
    const parsed = createTicketBody.safeParse({
      ...(customer ? { requesterId: customer.id } : {}),
      subject,
      description,
      departmentId: departmentId ?? '',
      priority,
      ...(subscriptionsOn && chosenService ? { serviceId: chosenService } : {}),
      ...(attachments.ids.length ? { attachmentIds: attachments.ids } : {}),
      ...(type ? { type } : {}),
      ...(Object.keys(fieldsToSend(intakeFields.data ?? [], fieldValues)).length
        ? { fields: fieldsToSend(intakeFields.data ?? [], fieldValues) }
        : {}),
    });
    if (!parsed.success) {
      const next: Partial<Record<Field, string>> = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0] as Field;
        if (next[field]) continue;
        next[field] =
          field === 'departmentId'
            ? 'Choose the category that fits best'
            : field === 'subject'
              ? 'Give a short summary (up to 200 characters)'
              : field === 'description'
                ? 'Describe the problem'
                : issue.message;
      }
      setErrors(next);
      return;
    }
    const missing = (intakeFields.data ?? []).filter(
      (f) => f.active && f.required && f.kind !== 'checkbox' && !String(fieldValues[f.key] ?? '').trim(),
    );
    if (missing.length > 0) {
      setFieldErrors(Object.fromEntries(missing.map((f) => [f.key, 'Required'])));
      return;
    }
    setErrors({});
    setFieldErrors({});
    create.mutate(parsed.data);
  };

  const generalError =
    create.isError && !(create.error instanceof ApiError && create.error.errors.length > 0)
      ? create.error
      : null;

  return (
    <Stack gap="md" maw={760}>
      <div>
        <Title order={1} size="h2">
          {staff ? 'New ticket for a customer' : 'New ticket'}
        </Title>
        {staff ? (
          <Text c="dimmed" size="sm">
            Open a ticket on a customer’s behalf, for a request that came by phone or in person. It is theirs:
            they see it in their portal and get its notifications.
          </Text>
        ) : (
          <Text c="dimmed" size="sm">
            Tell us what is wrong. You get a ticket number at once and can follow the answers in{' '}
            <AnchorLink to="/">My tickets</AnchorLink>.
          </Text>
        )}
      </div>
      <Paper withBorder p={{ base: 'md', sm: 'lg' }} radius="md">
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            {generalError && <ErrorAlert error={generalError} title="The ticket was not created" />}
            {staff && (
              <CustomerPicker
                value={customer}
                onChange={(c) => {
                  setCustomer(c);
                  setServiceId(null);
                }}
                error={errors.requesterId}
              />
            )}
            <TextInput
              label="Subject"
              description="A brief summary of your issue"
              required
              maxLength={200}
              value={subject}
              onChange={(e) => setSubject(e.currentTarget.value)}
              error={errors.subject}
            />
            {departments.isError ? (
              <ErrorAlert error={departments.error} title="Cannot load the categories" />
            ) : (
              <Select
                label="Category"
                description="The area your issue relates to, so it reaches the right team"
                placeholder={departments.isPending ? 'Loading…' : 'Choose a category'}
                required
                data={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
                value={departmentId}
                onChange={setDepartmentId}
                error={errors.departmentId}
                renderOption={({ option }) => {
                  const d = departments.data?.find((x) => x.id === option.value);
                  return (
                    <div>
                      <Text size="sm">{option.label}</Text>
                      {d?.description && (
                        <Text size="xs" c="dimmed">
                          {d.description}
                        </Text>
                      )}
                    </div>
                  );
                }}
              />
            )}
            <TypeSelect types={types.data ?? []} value={type} onChange={setType} error={errors.type} />
            <CustomFieldInputs
              fields={intakeFields.data ?? []}
              values={fieldValues}
              onChange={(key, value) => setFieldValues((old) => ({ ...old, [key]: value }))}
              errorOf={(key) => fieldErrors[key]}
            />
            {subscriptionsOn && services.length > 0 && (
              <Select
                label="Service"
                description="The subscribed service this is about; the ticket counts against its plan"
                required
                data={services.map((s) => ({
                  value: s.service.id,
                  label: `${s.service.name} (${s.effectiveState === 'active' ? quotaText(s) : s.effectiveState})`,
                }))}
                value={chosenService}
                onChange={setServiceId}
                error={errors.serviceId}
              />
            )}
            {subscriptionsOn && subs.data && services.length === 0 && !staff && (
              <Alert color="yellow" title="No active subscription">
                You need an active subscription to open a ticket. Ask us to set one up or renew yours.
              </Alert>
            )}
            <Radio.Group
              label="Priority"
              description="How urgent the issue is: it helps our team triage"
              required
              value={priority}
              onChange={(v) => setPriority(v as Priority)}
              error={errors.priority}
            >
              <Stack gap="xs" mt="xs">
                {PRIORITIES.map((p) => (
                  <Radio.Card key={p} value={p} radius="md" p="sm">
                    <Group wrap="nowrap" align="flex-start" gap="sm">
                      <Radio.Indicator />
                      <div>
                        <Text fw={600} size="sm">
                          {PRIORITY_INFO[p].label}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {priorityHelp.data?.[p]}
                        </Text>
                      </div>
                    </Group>
                  </Radio.Card>
                ))}
              </Stack>
            </Radio.Group>
            <Textarea
              label="Description"
              description="A detailed explanation of the problem, with the steps to reproduce it"
              required
              autosize
              minRows={6}
              maxRows={20}
              value={description}
              onChange={(e) => setDescription(e.currentTarget.value)}
              error={errors.description}
            />
            <Stack gap={4}>
              <Text size="sm" fw={500}>
                Screenshots, logs or other files
              </Text>
              <AttachmentDropzone state={attachments} label="Screenshots, logs or other files" />
            </Stack>
            {priority === 'urgent' && (
              <Alert color="red" variant="light">
                Urgent is for critical issues: bots executing incorrectly, funds at risk, or no access at all.
              </Alert>
            )}
            <Group justify="flex-end" gap="sm">
              <ButtonLink variant="default" to={staff ? '/agent' : '/'}>
                Cancel
              </ButtonLink>
              <Button type="submit" loading={create.isPending} disabled={attachments.uploading}>
                Submit ticket
              </Button>
            </Group>
            {create.isError && create.error instanceof ApiError && create.error.errors.length > 0 && (
              <Text c="red" size="sm" role="alert">
                {errorMessage(create.error)}
              </Text>
            )}
          </Stack>
        </form>
      </Paper>
    </Stack>
  );
}

/** A customer found by part of their name or email, as the agent types. */
function CustomerPicker({
  value,
  onChange,
  error,
}: {
  value: User | null;
  onChange: (u: User | null) => void;
  error?: string;
}) {
  const [search, setSearch] = useState('');
  const [text] = useDebouncedValue(search.trim(), 250);
  const found = useQuery({
    queryKey: ['users', 'customer', text],
    queryFn: async () => (await get('/users', { query: { role: 'customer', q: text, limit: 20 } })).items,
    enabled: text.length >= 2,
    placeholderData: keepPreviousData,
  });
  const options = [...(value ? [value] : []), ...(found.data ?? []).filter((u) => u.id !== value?.id)];
  return (
    <Select
      label="Customer"
      description="Who the ticket is for: type part of their name or email address"
      placeholder="Search customers"
      required
      searchable
      clearable
      filter={({ options: all }) => all}
      searchValue={search}
      onSearchChange={setSearch}
      data={options.map((u) => ({ value: u.id, label: `${u.name} <${u.email}>` }))}
      value={value?.id ?? null}
      onChange={(id) => onChange(options.find((u) => u.id === id) ?? null)}
      nothingFoundMessage={
        text.length < 2
          ? 'Type at least two letters'
          : found.isFetching
            ? 'Searching…'
            : 'No customer matches'
      }
      error={error}
    />
  );
}
