import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runSubscriptionCommand } from '../src/cli/subscriptions.js';
import { makeWorld } from './client.js';
import { startTestApp, type TestEnv } from './helpers.js';

let env: TestEnv;
let w: Awaited<ReturnType<typeof makeWorld>>;

beforeAll(async () => {
  env = await startTestApp();
  w = await makeWorld(env.app);
});
afterAll(() => env?.close());

async function cli(...args: string[]) {
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  try {
    const [command = '', ...rest] = args;
    await runSubscriptionCommand(env.app.ctx.config, command, rest);
    return JSON.parse(String(out.mock.calls.at(-1)?.[0] ?? 'null'));
  } finally {
    out.mockRestore();
  }
}

describe('entitlements from the command line', () => {
  it('creates a service and a plan, subscribes a customer idempotently, and turns gating on', async () => {
    await cli('service', 'create', '--name', 'Hosting');
    await cli('plan', 'create', '--name', 'Five', '--cycle', 'monthly', '--limit', '5');
    const args = [
      'subscription',
      'set',
      '--id',
      'crm-77',
      '--customer',
      String(w.alice.user?.email),
      '--service',
      'Hosting',
      '--plan',
      'Five',
      '--starts',
      '2026-01-01T00:00:00Z',
    ];
    const first = await cli(...args);
    const again = await cli(...args);
    expect(again.id).toBe(first.id);
    expect(first).toMatchObject({ service: { name: 'Hosting' }, plan: { name: 'Five', ticketLimit: 5 } });
    expect(await cli('subscriptions', 'on')).toEqual({ enabled: true });
    const mine = await w.alice.get<{ items: { id: string }[] }>('/api/v1/me/subscriptions');
    expect(mine.items.map((s) => s.id)).toEqual([first.id]);
    await expect(cli('plan', 'create', '--name', 'Odd', '--cycle', 'weekly', '--limit', '1')).rejects.toThrow(
      /cycle/,
    );
  });
});
