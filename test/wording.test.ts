import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRIORITIES } from '../common/api.js';
import { makeWorld, openTicket } from './client.js';
import { startTestApp, type TestEnv } from './helpers.js';

// Product wording: priority help is an installation's setting with neutral defaults, and
// customers read customer words only.

let env: TestEnv;
let w: Awaited<ReturnType<typeof makeWorld>>;

beforeAll(async () => {
  env = await startTestApp();
  w = await makeWorld(env.app);
});
afterAll(() => env?.close());

describe('priority help', () => {
  it('is neutral by default: nothing of a trading desk', async () => {
    const help = await w.alice.get<Record<string, string>>('/api/v1/settings/priority-help');
    expect(Object.keys(help).sort()).toEqual([...PRIORITIES].sort());
    for (const text of Object.values(help)) {
      expect(text.length).toBeGreaterThan(10);
      expect(text).not.toMatch(/trad|bot|fund|platform/i);
    }
  });

  it('is set by an admin and read by customers', async () => {
    const mine = {
      low: 'Cosmetic.',
      normal: 'Planned work.',
      high: 'A line is down.',
      urgent: 'The plant is down.',
    };
    expect(await w.admin.expect(200, 'PUT', '/api/v1/settings/priority-help', mine)).toEqual(mine);
    expect(await w.alice.get('/api/v1/settings/priority-help')).toEqual(mine);
  });

  it('refuses customers and agents, and bad input, changing nothing', async () => {
    const before = await w.alice.get('/api/v1/settings/priority-help');
    const all = { low: 'a', normal: 'b', high: 'c', urgent: 'd' };
    for (const who of [w.alice, w.agent]) {
      const res = await who.request('PUT', '/api/v1/settings/priority-help', all);
      expect(res.statusCode).toBe(403);
    }
    for (const body of [
      { ...all, urgent: '' },
      { low: 'only one' },
      { ...all, extra: 'x' },
      { ...all, high: 'x'.repeat(301) },
    ]) {
      const res = await w.admin.request('PUT', '/api/v1/settings/priority-help', body);
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    expect(await w.alice.get('/api/v1/settings/priority-help')).toEqual(before);
  });
});

describe('customers read customer words', () => {
  it('gets no staff-side reason on the timeline', async () => {
    const t = await openTicket(w.alice, w.billing.id, { subject: 'Timeline words' });
    await w.agent.expect(201, 'POST', `/api/v1/tickets/${t.number}/messages`, {
      body: 'Could you send a screenshot?',
    });
    await w.alice.expect(201, 'POST', `/api/v1/tickets/${t.number}/messages`, { body: 'Here it is.' });
    type Event = { reason: string | null };
    const staff = (await w.agent.get<{ items: Event[] }>(`/api/v1/tickets/${t.number}/events`)).items;
    const customer = (await w.alice.get<{ items: Event[] }>(`/api/v1/tickets/${t.number}/events`)).items;
    expect(staff.some((e) => e.reason)).toBe(true);
    expect(customer.length).toBeGreaterThan(0);
    expect(customer.filter((e) => e.reason)).toEqual([]);
  });
});
