import { Alert, Button, Group, Paper, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { getRouteApi } from '@tanstack/react-router';
import { type FormEvent, useRef, useState } from 'react';
import { defineMessage, FormattedMessage, useIntl } from 'react-intl';
import { createTicketBody } from '../../../../common/api';
import { ApiError, errorMessage } from '../../api/client';
import { useSubscriptionsEnabled, useSubscriptionsOf } from '../../api/hooks';
import type { Priority, User } from '../../api/types';
import { AttachmentDropzone, useAttachments } from '../../components/Attachments';
import { ErrorAlert } from '../../components/bits';
import { FormatToolbar } from '../../components/FormatToolbar';
import {
  CustomFieldInputs,
  type FieldValues,
  fieldsToSend,
  TypeSelect,
  useIntakeFields,
  useTicketTypes,
} from '../../components/IntakeFields';
import { ButtonLink } from '../../components/links';
import { t } from '../../i18n/t';
import { ticketRef } from '../../lib/format';
import { CategorySelect } from './new-ticket/CategorySelect';
import { CustomerPicker } from './new-ticket/CustomerPicker';
import { bodyOf, errorsOfIssues, type FieldErrors, missingFields } from './new-ticket/draft';
import { FormIntro } from './new-ticket/FormIntro';
import { PrioritySelect } from './new-ticket/PrioritySelect';
import { ServiceSelect } from './new-ticket/ServiceSelect';
import { Solved, Suggestions } from './new-ticket/Suggestions';
import { useCreateTicket } from './new-ticket/useCreateTicket';

const route = getRouteApi('/portal/new');

export function NewTicketPage() {
  const intl = useIntl();
  useDocumentTitle(
    intl.formatMessage({ id: 'portal.new.documentTitle', defaultMessage: 'New ticket · Tessera Support' }),
  );
  const { ref } = route.useSearch();
  return <TicketForm followUp={ref} />;
}

/** Staff open a ticket on behalf of a customer: the same form, with the customer chosen first. */
export function StaffNewTicketPage() {
  const intl = useIntl();
  useDocumentTitle(
    intl.formatMessage({
      id: 'portal.new.documentTitleStaff',
      defaultMessage: 'New ticket for a customer · Tessera',
    }),
  );
  return <TicketForm staff />;
}

/**
 * What the form holds, and its submission: checked first against the schema the server applies
 * (and the required custom fields), then sent; refusals land beside their fields.
 */
function useTicketDraft(staff: boolean, followUp: number | undefined) {
  const [subject, setSubject] = useState('');
  const [departmentId, setDepartmentId] = useState<string | null>(null);
  const [priority, setPriority] = useState<Priority>('normal');
  const [description, setDescription] = useState(
    followUp
      ? `${t({ id: 'portal.new.followUp', defaultMessage: 'This follows up on ticket {ref}.' }, { ref: ticketRef(followUp) })}\n\n`
      : '',
  );
  const [errors, setErrors] = useState<FieldErrors>({});
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

  const create = useCreateTicket(staff, (refused) => {
    setErrors(refused.errors);
    setFieldErrors(refused.fieldErrors);
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    // The same schema the server applies, so most mistakes show before anything is sent.
    if (staff && !customer) {
      setErrors({
        requesterId: t({
          id: 'portal.new.chooseCustomer',
          defaultMessage: 'Choose the customer this ticket is for',
        }),
      });
      return;
    }
    const parsed = createTicketBody.safeParse({
      // Written in the formatting box: Markdown.
      format: 'markdown',
      ...bodyOf({
        requesterId: customer?.id,
        subject,
        description,
        departmentId,
        priority,
        serviceId: subscriptionsOn ? chosenService : null,
        attachmentIds: attachments.ids,
        type,
        fields: fieldsToSend(intakeFields.data ?? [], fieldValues),
      }),
    });
    if (!parsed.success) {
      setErrors(errorsOfIssues(parsed.error.issues));
      return;
    }
    const missing = missingFields(intakeFields.data ?? [], fieldValues);
    if (Object.keys(missing).length > 0) {
      setFieldErrors(missing);
      return;
    }
    setErrors({});
    setFieldErrors({});
    create.mutate(parsed.data);
  };

  return {
    subject,
    setSubject,
    departmentId,
    setDepartmentId,
    priority,
    setPriority,
    description,
    setDescription,
    errors,
    attachments,
    types,
    type,
    setType,
    intakeFields,
    fieldValues,
    setFieldValues,
    fieldErrors,
    subscriptionsOn,
    customer,
    setCustomer,
    subs,
    services,
    chosenService,
    setServiceId,
    create,
    submit,
  };
}

function TicketForm({ followUp, staff = false }: { followUp?: number; staff?: boolean }) {
  const d = useTicketDraft(staff, followUp);
  const descriptionBox = useRef<HTMLTextAreaElement>(null);
  const { errors, attachments, create } = d;
  const intl = useIntl();
  const generalError = create.isError && !refusedByField(create.error) ? create.error : null;
  // An article answered the question: the form gives way to a kind word, what was typed kept.
  const [solved, setSolved] = useState(false);
  if (solved)
    return (
      <Stack gap="md" maw={760}>
        <FormIntro staff={staff} />
        <Solved onBack={() => setSolved(false)} />
      </Stack>
    );

  return (
    <Stack gap="md" maw={760}>
      <FormIntro staff={staff} />
      <Paper withBorder p={{ base: 'md', sm: 'lg' }} radius="md">
        <form onSubmit={d.submit} noValidate>
          <Stack gap="md">
            {generalError && (
              <ErrorAlert
                error={generalError}
                title={intl.formatMessage({
                  id: 'portal.new.failed',
                  defaultMessage: 'The ticket was not created',
                })}
              />
            )}
            {staff && (
              <CustomerPicker
                value={d.customer}
                onChange={(c) => {
                  d.setCustomer(c);
                  d.setServiceId(null);
                }}
                error={errors.requesterId}
              />
            )}
            <TextInput
              label={intl.formatMessage({ id: 'common.ticket.subject', defaultMessage: 'Subject' })}
              description={intl.formatMessage({
                id: 'portal.new.subjectHelp',
                defaultMessage: 'A brief summary of your issue',
              })}
              required
              maxLength={200}
              value={d.subject}
              onChange={(e) => d.setSubject(e.currentTarget.value)}
              error={errors.subject}
            />
            {!staff && <Suggestions subject={d.subject} onSolved={() => setSolved(true)} />}
            <CategorySelect value={d.departmentId} onChange={d.setDepartmentId} error={errors.departmentId} />
            <TypeSelect types={d.types.data ?? []} value={d.type} onChange={d.setType} error={errors.type} />
            <CustomFieldInputs
              fields={d.intakeFields.data ?? []}
              values={d.fieldValues}
              onChange={(key, value) => d.setFieldValues((old) => ({ ...old, [key]: value }))}
              errorOf={(key) => d.fieldErrors[key]}
            />
            {d.subscriptionsOn && (
              <ServiceSelect
                services={d.services}
                loaded={d.subs.data !== undefined}
                staff={staff}
                value={d.chosenService}
                onChange={d.setServiceId}
                error={errors.serviceId}
              />
            )}
            <PrioritySelect value={d.priority} onChange={d.setPriority} error={errors.priority} />
            <FormatToolbar
              textarea={descriptionBox}
              onChange={d.setDescription}
              attachments={d.attachments}
            />
            <Textarea
              ref={descriptionBox}
              label={intl.formatMessage({ id: 'portal.new.description', defaultMessage: 'Description' })}
              description={intl.formatMessage({
                id: 'portal.new.descriptionHelp',
                defaultMessage: 'A detailed explanation of the problem, with the steps to reproduce it',
              })}
              required
              autosize
              minRows={6}
              maxRows={20}
              value={d.description}
              onChange={(e) => d.setDescription(e.currentTarget.value)}
              error={errors.description}
            />
            <Stack gap={4}>
              <Text size="sm" fw={500}>
                {intl.formatMessage(FILES)}
              </Text>
              <AttachmentDropzone state={attachments} label={intl.formatMessage(FILES)} />
            </Stack>
            {d.priority === 'urgent' && (
              <Alert color="red" variant="light">
                <FormattedMessage
                  id="portal.new.urgentHint"
                  defaultMessage="Urgent is for critical issues: bots executing incorrectly, funds at risk, or no access at all."
                />
              </Alert>
            )}
            <SubmitRow staff={staff} create={create} uploading={attachments.uploading} />
          </Stack>
        </form>
      </Paper>
    </Stack>
  );
}

const FILES = defineMessage({ id: 'portal.new.files', defaultMessage: 'Screenshots, logs or other files' });

/** A refusal the server explained field by field (shown beside the fields, not in an alert on top). */
const refusedByField = (e: unknown) => e instanceof ApiError && e.errors.length > 0;

/** Cancel and submit; below them, a refusal by field is summed up where the button is. */
function SubmitRow({
  staff,
  create,
  uploading,
}: {
  staff: boolean;
  create: ReturnType<typeof useCreateTicket>;
  uploading: boolean;
}) {
  return (
    <>
      <Group justify="flex-end" gap="sm">
        <ButtonLink variant="default" to={staff ? '/agent' : '/'}>
          <FormattedMessage id="common.cancel" defaultMessage="Cancel" />
        </ButtonLink>
        <Button type="submit" loading={create.isPending} disabled={uploading}>
          <FormattedMessage id="portal.new.submit" defaultMessage="Submit ticket" />
        </Button>
      </Group>
      {create.isError && refusedByField(create.error) && (
        <Text c="red" size="sm" role="alert">
          {errorMessage(create.error)}
        </Text>
      )}
    </>
  );
}
