import type { CustomFieldTable } from '../../db/schema.js';
import type { FieldError } from '../../errors.js';

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

/**
 * Checks values against the applicable definitions. Unknown keys, wrong kinds, options not on
 * the list and (with `requireAll`) missing required fields are errors naming the field.
 */
export function checkFields(
  defs: FieldDef[],
  values: Record<string, FieldValue>,
  opts: { requireAll: boolean },
): { values: Record<string, FieldValue>; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const out: Record<string, FieldValue> = {};
  const byKey = new Map(defs.map((d) => [d.key, d]));
  for (const [key, value] of Object.entries(values)) {
    const def = byKey.get(key);
    const path = `fields.${key}`;
    if (!def) {
      errors.push({ path, message: 'no such field for this ticket' });
      continue;
    }
    if (value === null || value === '') continue;
    switch (def.kind) {
      case 'select':
        if (typeof value !== 'string' || !def.options.some((o) => o.value === value)) {
          errors.push({ path, message: `choose one of ${def.options.map((o) => o.value).join(', ')}` });
        } else out[key] = value;
        break;
      case 'text':
      case 'multiline': {
        const max = def.kind === 'text' ? 500 : 10_000;
        if (typeof value !== 'string') errors.push({ path, message: 'must be text' });
        else if (value.length > max) errors.push({ path, message: `at most ${max} characters` });
        else out[key] = value.trim();
        break;
      }
      case 'checkbox':
        if (typeof value !== 'boolean') errors.push({ path, message: 'must be true or false' });
        else out[key] = value;
        break;
      case 'date':
        if (typeof value !== 'string' || !ISO_DATE.test(value) || Number.isNaN(Date.parse(value))) {
          errors.push({ path, message: 'must be a date like 2026-11-23' });
        } else out[key] = value;
        break;
    }
  }
  if (opts.requireAll) {
    for (const def of defs) {
      const v = out[def.key];
      if (def.required === 1 && (v === undefined || v === null || v === '')) {
        if (!errors.some((e) => e.path === `fields.${def.key}`))
          errors.push({ path: `fields.${def.key}`, message: `${def.label} is required` });
      }
    }
  }
  return { values: out, errors };
}
