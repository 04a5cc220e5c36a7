import { defineMessages, type MessageDescriptor } from 'react-intl';
import type { ApiError } from '../../../api/client';
import type { CustomField, FieldValues } from '../../../components/IntakeFields';
import { t } from '../../../i18n/t';
import { validationText } from '../../../lib/zodLocale';

export type Field =
  | 'subject'
  | 'departmentId'
  | 'priority'
  | 'description'
  | 'serviceId'
  | 'type'
  | 'requesterId';
export type FieldErrors = Partial<Record<Field, string>>;

const FIELDS: Field[] = [
  'subject',
  'departmentId',
  'priority',
  'description',
  'serviceId',
  'type',
  'requesterId',
];

/** What the form says in place of the schema's own message, where that message would read poorly. */
const HINTS: Partial<Record<Field, MessageDescriptor>> = defineMessages({
  departmentId: { id: 'portal.new.hint.category', defaultMessage: 'Choose the category that fits best' },
  subject: { id: 'portal.new.hint.subject', defaultMessage: 'Give a short summary (up to 200 characters)' },
  description: { id: 'portal.new.hint.description', defaultMessage: 'Describe the problem' },
});

/** The first issue of each field the schema refused, in the form's words. */
export function errorsOfIssues(issues: { path: PropertyKey[]; message: string }[]): FieldErrors {
  const next: FieldErrors = {};
  for (const issue of issues) {
    const field = issue.path[0] as Field;
    if (next[field]) continue;
    const hint = HINTS[field];
    next[field] = hint ? t(hint) : validationText(issue.message);
  }
  return next;
}

/** The server's refusal on the form's fields, and on the custom fields (body.fields.<key>). */
export function errorsOfRefusal(e: ApiError): { errors: FieldErrors; fieldErrors: Record<string, string> } {
  return {
    errors: Object.fromEntries(FIELDS.map((f) => [f, e.fieldError(f)])),
    fieldErrors: Object.fromEntries(
      e.errors
        .filter((x) => x.path.startsWith('body.fields.'))
        .map((x) => [x.path.slice('body.fields.'.length), x.message]),
    ),
  };
}

/** The required custom fields left empty (a checkbox is never missing: unticked is an answer). */
export function missingFields(fields: CustomField[], values: FieldValues): Record<string, string> {
  const missing = fields.filter(
    (f) => f.active && f.required && f.kind !== 'checkbox' && !String(values[f.key] ?? '').trim(),
  );
  const required = t({ id: 'portal.new.required', defaultMessage: 'Required' });
  return Object.fromEntries(missing.map((f) => [f.key, required]));
}

/** What the form holds, before the schema has looked at it. */
export type Draft = {
  requesterId?: string;
  subject: string;
  description: string;
  departmentId: string | null;
  priority: string;
  serviceId: string | null;
  attachmentIds: string[];
  type: string | null;
  fields: Record<string, string | boolean>;
};

/** The body to check and send: the optional parts only where they hold something. */
export function bodyOf(d: Draft): Record<string, unknown> {
  return {
    ...(d.requesterId ? { requesterId: d.requesterId } : {}),
    subject: d.subject,
    description: d.description,
    departmentId: d.departmentId ?? '',
    priority: d.priority,
    ...(d.serviceId ? { serviceId: d.serviceId } : {}),
    ...(d.attachmentIds.length ? { attachmentIds: d.attachmentIds } : {}),
    ...(d.type ? { type: d.type } : {}),
    ...(Object.keys(d.fields).length ? { fields: d.fields } : {}),
  };
}
