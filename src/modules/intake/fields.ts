import type { CustomFieldTable, FieldKind } from '../../db/schema.js';
import type { SaidFieldError } from '../../errors.js';
import { defineMessages } from '../../i18n/index.js';

// Custom field values checked against their definitions: pure, no I/O.

export type FieldDef = Omit<CustomFieldTable, 'options' | 'department_ids' | 'type_keys'> & {
  options: { value: string; label: string }[];
  department_ids: string[];
  type_keys: string[];
};

export type FieldValue = string | number | boolean | null;

/** The fields that apply to a ticket in this department and of this type. */
export const applicableFields = (defs: FieldDef[], departmentId: string, type: string | null) =>
  defs.filter(
    (d) =>
      d.active === 1 &&
      (d.department_ids.length === 0 || d.department_ids.includes(departmentId)) &&
      (d.type_keys.length === 0 || (type !== null && d.type_keys.includes(type))),
  );

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A value checked against its definition: what is stored (trimmed text), or why it is refused. */
type Checked = { value: FieldValue } | Omit<SaidFieldError, 'path'>;

const SAID = defineMessages({
  text: { id: 'validation.field.text', defaultMessage: 'must be text' },
  tooLong: { id: 'validation.field.too_long', defaultMessage: 'at most {max} characters' },
  choose: { id: 'validation.field.choose', defaultMessage: 'choose one of {options}' },
  checkbox: { id: 'validation.field.checkbox', defaultMessage: 'must be true or false' },
  date: { id: 'validation.field.date', defaultMessage: 'must be a date like 2026-11-23' },
  unknown: { id: 'validation.field.unknown', defaultMessage: 'no such field for this ticket' },
  required: { id: 'validation.field.required', defaultMessage: '{label} is required' },
});

const textOf = (value: FieldValue, max: number): Checked => {
  if (typeof value !== 'string') return { message: SAID.text };
  if (value.length > max) return { message: SAID.tooLong, values: { max: String(max) } };
  return { value: value.trim() };
};

const CHECKS = {
  select: (def, value) =>
    typeof value === 'string' && def.options.some((o) => o.value === value)
      ? { value }
      : { message: SAID.choose, values: { options: def.options.map((o) => o.value).join(', ') } },
  text: (_def, value) => textOf(value, 500),
  multiline: (_def, value) => textOf(value, 10_000),
  checkbox: (_def, value) => (typeof value === 'boolean' ? { value } : { message: SAID.checkbox }),
  date: (_def, value) =>
    typeof value === 'string' && ISO_DATE.test(value) && !Number.isNaN(Date.parse(value))
      ? { value }
      : { message: SAID.date },
} satisfies Record<FieldKind, (def: FieldDef, value: FieldValue) => Checked>;

/**
 * Checks values against the applicable definitions. Unknown keys, wrong kinds, options not on
 * the list and (with `requireAll`) missing required fields are errors naming the field.
 */
export function checkFields(
  defs: FieldDef[],
  values: Record<string, FieldValue>,
  opts: { requireAll: boolean },
): { values: Record<string, FieldValue>; errors: SaidFieldError[] } {
  const errors: SaidFieldError[] = [];
  const out: Record<string, FieldValue> = {};
  const byKey = new Map(defs.map((d) => [d.key, d]));
  for (const [key, value] of Object.entries(values)) {
    const def = byKey.get(key);
    const path = `fields.${key}`;
    if (!def) {
      errors.push({ path, message: SAID.unknown });
      continue;
    }
    if (value === null || value === '') continue;
    const checked = CHECKS[def.kind](def, value);
    if ('message' in checked) errors.push({ path, ...checked });
    else out[key] = checked.value;
  }
  if (opts.requireAll) errors.push(...missingRequired(defs, out, errors));
  return { values: out, errors };
}

/** Required fields without a value, unless the field already has an error. */
function missingRequired(
  defs: FieldDef[],
  out: Record<string, FieldValue>,
  errors: SaidFieldError[],
): SaidFieldError[] {
  const blank = (v: FieldValue | undefined) => v === undefined || v === null || v === '';
  return defs
    .filter((def) => def.required === 1 && blank(out[def.key]))
    .filter((def) => !errors.some((e) => e.path === `fields.${def.key}`))
    .map((def) => ({ path: `fields.${def.key}`, message: SAID.required, values: { label: def.label } }));
}
