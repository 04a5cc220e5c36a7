import { describe, expect, it } from 'vitest';
import { PRESETS, type PresetName, presetDocument } from './presets/index.js';
import type { WorkflowDocument } from './types.js';
import { validateWorkflow } from './validate.js';

describe('validateWorkflow', () => {
  it.each(Object.keys(PRESETS))('accepts the %s preset', (name) => {
    expect(validateWorkflow(PRESETS[name as PresetName])).toEqual([]);
  });

  const withTimers = (timers: WorkflowDocument['timers']) => ({ ...presetDocument('portal'), timers });

  it('finds timer loops', () => {
    const problems = validateWorkflow(
      withTimers([
        { status: 'in_progress', after: 'PT1S', action: 'transition', to: 'waiting_on_you' },
        { status: 'waiting_on_you', after: 'PT1S', action: 'transition', to: 'in_progress' },
      ]),
    );
    expect(problems.map((p) => p.message).join()).toMatch(/loop: (in_progress|waiting_on_you) → .* → \1/);
  });

  it('names every missing status and bad duration', () => {
    const doc = {
      ...withTimers([{ status: 'nowhere', after: 'P1M', action: 'transition' as const, to: 'gone' }]),
      onCustomerReply: [{ from: ['ghost'], to: 'open' }],
      initialStatus: 'closed',
    };
    expect(validateWorkflow(doc).map((p) => p.path)).toEqual([
      'initialStatus',
      'onCustomerReply.0.from.0',
      'timers.0.status',
      'timers.0.after',
      'timers.0.to',
    ]);
  });
});
