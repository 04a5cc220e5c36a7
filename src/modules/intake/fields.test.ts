import { describe, expect, it } from 'vitest';
import type { SaidFieldError } from '../../errors.js';
import { translate } from '../../i18n/index.js';
import { checkFields, type FieldDef } from './fields.js';

/** The errors as an English reader reads them. */
const inEnglish = (errors: SaidFieldError[]) =>
  errors.map((e) => ({ path: e.path, message: translate('en', e.message, e.values) }));

const def = (key: string, kind: FieldDef['kind'], over: Partial<FieldDef> = {}): FieldDef =>
  ({
    key,
    kind,
    label: key.toUpperCase(),
    required: 0,
    active: 1,
    options: [],
    department_ids: [],
    type_keys: [],
    ...over,
  }) as FieldDef;

const defs = [
  def('os', 'select', { options: [{ value: 'linux', label: 'Linux' }], required: 1 }),
  def('note', 'text'),
  def('story', 'multiline'),
  def('urgent', 'checkbox', { required: 1 }),
  def('since', 'date'),
];

describe('checkFields', () => {
  it('keeps valid values, trims text and skips blank ones', () => {
    expect(
      checkFields(
        defs,
        { os: 'linux', note: '  hi  ', story: 'x'.repeat(600), urgent: false, since: '2026-11-23' },
        { requireAll: true },
      ),
    ).toEqual({
      values: { os: 'linux', note: 'hi', story: 'x'.repeat(600), urgent: false, since: '2026-11-23' },
      errors: [],
    });
    expect(checkFields(defs, { note: '', since: null }, { requireAll: false })).toEqual({
      values: {},
      errors: [],
    });
  });

  it('names each wrong value, then each missing required field without an error of its own', () => {
    const { values, errors } = checkFields(
      defs,
      { os: 'mac', note: 'x'.repeat(501), story: 3, since: '2026-13-45', extra: 'y' },
      { requireAll: true },
    );
    expect(values).toEqual({});
    expect(inEnglish(errors)).toEqual([
      { path: 'fields.os', message: 'choose one of linux' },
      { path: 'fields.note', message: 'at most 500 characters' },
      { path: 'fields.story', message: 'must be text' },
      { path: 'fields.since', message: 'must be a date like 2026-11-23' },
      { path: 'fields.extra', message: 'no such field for this ticket' },
      { path: 'fields.urgent', message: 'URGENT is required' },
    ]);
    expect(translate('de', errors[0]!.message, errors[0]!.values)).toBe('Wählen Sie eines von: linux');
    expect(inEnglish(checkFields(defs, { urgent: 'yes' }, { requireAll: false }).errors)).toEqual([
      { path: 'fields.urgent', message: 'must be true or false' },
    ]);
  });
});
