import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ticket } from '../../common/api.js';
import { login } from '../../test/client.js';
import { startTestApp, type TestEnv } from '../../test/helpers.js';
import { seedDemo } from '../demo.js';
import { PRESET_NAMES } from '../workflow/presets/index.js';
import { DEMO_PASSWORD } from './cast.js';

type Page<T> = { items: T[]; nextCursor: string | null };

describe('demo data', () => {
  let env: TestEnv;
  let summary: string;
  beforeAll(async () => {
    env = await startTestApp();
    summary = await seedDemo(env.app.ctx, {});
  });
  afterAll(() => env?.close());

  it('prints the logins, the shared password and the URL', () => {
    expect(summary).toContain('maya@helpdesk.example');
    expect(summary).toContain('omar@helpdesk.example');
    expect(summary).toContain('priya.raman@haldencapital.example');
    expect(summary).toContain(DEMO_PASSWORD);
    expect(summary).toContain(env.app.ctx.config.publicUrl);
  });

  it('describes the priorities in trading terms, through the same setting an admin edits', async () => {
    const priya = await login(env.app, 'priya.raman@haldencapital.example', DEMO_PASSWORD);
    const help = await priya.get<Record<string, string>>('/api/v1/settings/priority-help');
    expect(help.high).toContain('trading');
  });

  it('shows the guided intake and canned responses in use', async () => {
    const jonas = await login(env.app, 'jonas@helpdesk.example', DEMO_PASSWORD);
    const types = await jonas.get<Page<{ key: string }>>('/api/v1/ticket-types');
    expect(types.items.map((t) => t.key)).toContain('operation_blocker');
    const bugs = await jonas.get<Page<Ticket>>('/api/v1/tickets?limit=100&fields.system=trading_platform');
    expect(bugs.items[0]).toMatchObject({ type: 'bug', fields: { impact: 'all_users' } });
    const canned = await jonas.get<Page<{ title: string; usageCount: number }>>('/api/v1/canned-responses');
    expect(canned.items.find((c) => c.title === 'Looking into it')?.usageCount).toBeGreaterThan(0);
    const thread = await jonas.get<Page<{ body: string }>>(
      `/api/v1/tickets/${bugs.items[0]?.number}/messages`,
    );
    expect(thread.items[1]?.body).toContain(`ticket #${bugs.items[0]?.number}`);
  });

  it('has a knowledge base: visitors read the public articles, customers theirs, the staff-only one stays inside', async () => {
    const visitor = await env.app.inject({ method: 'GET', url: '/api/v1/help/search?q=refund' });
    expect(visitor.json().items).toEqual([]);
    const bot = await env.app.inject({ method: 'GET', url: '/help/search?q=stopped+trading' });
    expect(bot.body).toContain('My bot stopped trading');
    const priya = await login(env.app, 'priya.raman@haldencapital.example', DEMO_PASSWORD);
    const invoice = await priya.get<{ items: { title: string }[] }>('/api/v1/help/search?q=invoice');
    expect(invoice.items.map((a) => a.title)).toEqual(['Download an invoice']);
    const maya = await login(env.app, 'maya@helpdesk.example', DEMO_PASSWORD);
    const refunds = await maya.get<{ items: { title: string }[] }>('/api/v1/help/search?q=refund');
    expect(refunds.items.map((a) => a.title)).toEqual(['Refunds: how we decide (staff)']);
  });

  it('gives a customer every ticket of their organisation and nothing else', async () => {
    const priya = await login(env.app, 'priya.raman@haldencapital.example', DEMO_PASSWORD);
    const list = await priya.get<Page<Ticket>>('/api/v1/tickets?limit=100');
    expect(list.items.length).toBeGreaterThan(5);
    expect(new Set(list.items.map((t) => t.organisation?.name))).toEqual(new Set(['Halden Capital']));
    const messages = await Promise.all(
      list.items.map((t) =>
        priya.get<Page<{ internal: boolean }>>(`/api/v1/tickets/${t.number}/messages?limit=100`),
      ),
    );
    expect(messages.flatMap((m) => m.items).some((m) => m.internal)).toBe(false);
  });

  it('shows the Billing agent only Billing tickets, and the lead all of them', async () => {
    const omar = await login(env.app, 'omar@helpdesk.example', DEMO_PASSWORD);
    const billing = await omar.get<Page<Ticket>>('/api/v1/tickets?limit=100');
    expect(billing.items.length).toBeGreaterThan(3);
    expect(new Set(billing.items.map((t) => t.department.name))).toEqual(new Set(['Billing']));

    const maya = await login(env.app, 'maya@helpdesk.example', DEMO_PASSWORD);
    const all = await maya.get<Page<Ticket>>('/api/v1/tickets?limit=100');
    expect(all.items.length).toBeGreaterThanOrEqual(25);
    expect(new Set(all.items.map((t) => t.organisation?.name)).size).toBe(3);
    expect(new Set(all.items.map((t) => t.department.name))).toEqual(
      new Set(['Billing', 'Technical', 'Account', 'Bot', 'Other']),
    );
    expect(new Set(all.items.map((t) => t.priority)).size).toBe(4);
    expect(new Set(all.items.map((t) => t.status.category)).size).toBeGreaterThanOrEqual(4);
    // Spread over the past weeks, all of it in the past.
    const created = all.items.map((t) => Date.parse(t.createdAt));
    const now = Date.now();
    expect(Math.max(...created)).toBeLessThan(now);
    expect(now - Math.min(...created)).toBeGreaterThan(14 * 86_400_000);
  });

  it('leaves a database that is not empty alone', async () => {
    const again = await seedDemo(env.app.ctx, {});
    expect(again).toMatch(/left alone/);
    const maya = await login(env.app, 'maya@helpdesk.example', DEMO_PASSWORD);
    const all = await maya.get<Page<Ticket>>('/api/v1/tickets?limit=100');
    expect(all.items.length).toBe(30);
  });

  it('refuses a preset that does not exist, naming the ones that do', async () => {
    await expect(seedDemo(env.app.ctx, { preset: 'nope' })).rejects.toThrow(PRESET_NAMES.join(', '));
  });
});

describe.each(PRESET_NAMES)('demo data on the %s preset', (preset) => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await startTestApp();
  });
  afterAll(() => env?.close());

  it('loads on that workflow', async () => {
    const summary = await seedDemo(env.app.ctx, { preset });
    expect(summary).toContain(`"${preset}" workflow`);
    const maya = await login(env.app, 'maya@helpdesk.example', DEMO_PASSWORD);
    const all = await maya.get<Page<Ticket>>('/api/v1/tickets?limit=100');
    expect(all.items.length).toBe(30);
    const workflow = await maya.get<{ preset: string; statuses: { key: string }[] }>('/api/v1/workflow');
    expect(workflow.preset).toBe(preset);
    const keys = new Set(workflow.statuses.map((s) => s.key));
    for (const t of all.items) expect(keys.has(t.status.key)).toBe(true);
  });
});
