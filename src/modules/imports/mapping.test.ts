import { describe, expect, it } from 'vitest';
import { PRESETS } from '../../workflow/presets/index.js';
import { keyOf, mapStatuses, unknownChoices } from './mapping.js';

const wf = PRESETS.portal;

describe('mapping a source’s statuses onto the workflow', () => {
  const statuses = [
    { sourceId: '1', name: 'Open', state: 'open' as const },
    { sourceId: '6', name: 'Awaiting Customer', state: 'pending' as const },
    { sourceId: '7', name: 'Duplicate', state: 'closed' as const },
    { sourceId: '2', name: 'Gelöst', state: 'solved' as const },
  ];

  it('takes the admin’s choice, then a status of the same name, then one of the meaning', () => {
    const m = mapStatuses(wf, statuses, { Duplicate: 'resolved' });
    expect(m.map((s) => [s.name, s.to, s.by])).toEqual([
      ['Open', 'open', 'name'],
      ['Awaiting Customer', 'waiting_on_you', 'name'],
      ['Duplicate', 'resolved', 'chosen'],
      ['Gelöst', 'resolved', 'state'],
    ]);
    expect(mapStatuses(wf, statuses, { '7': 'closed' })[2]).toMatchObject({ to: 'closed', by: 'chosen' });
  });

  it('names the choices the workflow lacks', () => {
    expect(unknownChoices(wf, { Open: 'open', Duplicate: 'nosuch' })).toEqual(['Duplicate → nosuch']);
  });

  it('makes keys of names in any script', () => {
    expect(keyOf('Incident Details', 'field')).toBe('incident_details');
    expect(keyOf('Größe / Maß', 'field')).toBe('grosse_mass');
    expect(keyOf('42 Reasons', 'type')).toBe('type_42_reasons');
    expect(keyOf('配送', 'type')).toBe('type');
  });
});
