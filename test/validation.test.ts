import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRESETS } from '../src/workflow/presets/index.js';
import { makeWorld, openTicket } from './client.js';
import { startTestApp, type TestEnv } from './helpers.js';

let env: TestEnv;
let w: Awaited<ReturnType<typeof makeWorld>>;
let ticketNumber: number;

beforeAll(async () => {
  env = await startTestApp();
  w = await makeWorld(env.app);
  ticketNumber = (await openTicket(w.alice, w.billing.id)).number;
});
afterAll(() => env?.close());

const snapshot = async () => {
  const db = env.database.db;
  const [t, m, e] = await Promise.all(
    (['tickets', 'messages', 'ticket_events'] as const).map(async (table) =>
      db.selectFrom(table).selectAll().execute(),
    ),
  );
  return JSON.stringify({ t, m, e });
};

async function expect400(
  method: 'GET' | 'POST' | 'PATCH' | 'PUT',
  url: string,
  payload?: unknown,
  headers: Record<string, string> = {},
) {
  const before = await snapshot();
  const res = await w.admin.request(method, url, payload, headers);
  expect(res.statusCode, `${method} ${url} ${res.body}`).toBe(400);
  expect(res.headers['content-type']).toContain('application/problem+json');
  const body = res.json();
  expect(body).toMatchObject({
    status: 400,
    code: 'validation',
    title: expect.any(String),
    detail: expect.any(String),
  });
  expect(await snapshot()).toBe(before);
  return body;
}

const valid = () => ({
  subject: 'Valid subject',
  description: 'Valid',
  departmentId: w.billing.id,
  priority: 'low',
});

describe('bad input gets 400 validation and changes nothing', () => {
  it('unknown fields are refused, so nothing can be mass-assigned', async () => {
    const body = await expect400('POST', '/api/v1/tickets', { ...valid(), number: 1, status: 'closed' });
    expect(JSON.stringify(body.errors)).toMatch(/number|status|unrecognized/i);
    await expect400('PATCH', `/api/v1/tickets/${ticketNumber}`, {
      priority: 'low',
      requesterId: w.bob.user?.id,
    });
    await expect400('POST', `/api/v1/tickets/${ticketNumber}/messages`, {
      body: 'x',
      authorId: w.agent.user?.id,
    });
  });

  it('malformed JSON and wrong JSON types', async () => {
    await expect400('POST', '/api/v1/tickets', '{"subject": "x",', { 'content-type': 'application/json' });
    await expect400('POST', '/api/v1/tickets', '[]', { 'content-type': 'application/json' });
    await expect400('POST', '/api/v1/tickets', { ...valid(), subject: 42 });
    await expect400('POST', '/api/v1/tickets', { ...valid(), subject: '' });
    await expect400('POST', '/api/v1/tickets', { ...valid(), subject: 'x'.repeat(201) });
  });

  it('bad enum values name the field', async () => {
    const body = await expect400('POST', '/api/v1/tickets', { ...valid(), priority: 'critical' });
    expect(body.errors[0].path).toBe('body.priority');
    await expect400('PATCH', `/api/v1/tickets/${ticketNumber}`, { priority: 'asap' });
  });

  it('list parameters: unknown sort, bad order, limit out of range, repeated values, garbage cursor', async () => {
    await expect400('GET', '/api/v1/tickets?sort=password_hash');
    await expect400('GET', '/api/v1/tickets?order=sideways');
    await expect400('GET', '/api/v1/tickets?limit=0');
    await expect400('GET', '/api/v1/tickets?limit=101');
    await expect400('GET', '/api/v1/tickets?limit=ten');
    await expect400('GET', '/api/v1/tickets?limit=5&limit=6');
    await expect400('GET', '/api/v1/tickets?sort=number&sort=subject');
    await expect400('GET', '/api/v1/tickets?cursor=not-a-cursor');
    await expect400('GET', '/api/v1/tickets?priority=urgentish');
    await expect400('GET', '/api/v1/tickets?unknown=1');
    await expect400('GET', '/api/v1/tickets?q=%20%2A%22');
  });

  it('a cursor from one sort is refused by another', async () => {
    const first = await w.admin.get<{ nextCursor: string | null }>('/api/v1/tickets?limit=1&sort=subject');
    const other = await openTicket(w.alice, w.billing.id);
    const second = await w.admin.get<{ nextCursor: string | null }>('/api/v1/tickets?limit=1&sort=subject');
    const cursor = first.nextCursor ?? second.nextCursor;
    expect(cursor).toBeTruthy();
    await expect400('GET', `/api/v1/tickets?sort=priority&cursor=${cursor}`);
    expect(other.number).toBeGreaterThan(ticketNumber);
  });

  it('path parameters that are not ticket numbers', async () => {
    await expect400('GET', '/api/v1/tickets/abc');
    await expect400('GET', '/api/v1/tickets/-1');
    await expect400('GET', '/api/v1/tickets/1.5');
    await expect400('GET', `/api/v1/tickets/${'9'.repeat(30)}`);
  });

  it('references that do not exist', async () => {
    await expect400('POST', '/api/v1/tickets', { ...valid(), departmentId: 'nope' });
    await expect400('PATCH', `/api/v1/tickets/${ticketNumber}`, { assigneeId: w.alice.user?.id });
    await expect400('PATCH', `/api/v1/tickets/${ticketNumber}`, { assigneeId: w.techAgent.user?.id });
    await expect400('PATCH', `/api/v1/tickets/${ticketNumber}`, {});
  });

  it('a workflow-only status cannot be set by hand (409) and nothing changes', async () => {
    const before = await snapshot();
    const res = await w.agent.request('PATCH', `/api/v1/tickets/${ticketNumber}`, { status: 'answered' });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('invalid_transition');
    const unknown = await w.agent.request('PATCH', `/api/v1/tickets/${ticketNumber}`, {
      status: 'teleported',
    });
    expect(unknown.statusCode).toBe(409);
    expect(await snapshot()).toBe(before);
  });

  it('an unknown route is a 404 problem', async () => {
    const res = await w.admin.request('GET', '/api/v1/nothing-here');
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('not_found');
  });
});

describe('every validation error names the field and the rule', () => {
  type FieldErrors = { detail: string; errors: { path: string; message: string }[] };
  const { preset: _preset, ...withoutPreset } = PRESETS.classic;
  const doc = () => structuredClone(PRESETS.classic);

  it('a whole workflow document without preset names body.preset', async () => {
    const before = await w.admin.get('/api/v1/workflow');
    const body: FieldErrors = await expect400('PUT', '/api/v1/workflow', withoutPreset);
    expect(body.errors).toEqual([{ path: 'body.preset', message: expect.stringMatching(/expected string/) }]);
    expect(body.detail).toMatch(/^body\.preset: /);
    expect(await w.admin.get('/api/v1/workflow')).toEqual(before);
  });

  it("read in the asker's language: zod's words, the shared schemas' messages, the composed texts", async () => {
    const url = `/api/v1/tickets/${ticketNumber}`;
    const payload = { subject: 5, tags: ['a,b'], bogus: 1 };
    const say = async (headers: Record<string, string>) =>
      ((await expect400('PATCH', url, payload, headers)) as FieldErrors).errors;
    expect(await say({ 'accept-language': 'de' })).toEqual([
      { path: 'body.subject', message: 'Ungültige Eingabe: erwartet string, erhalten Zahl' },
      { path: 'body.tags.0', message: 'darf keine Kommas enthalten' },
      { path: 'body.bogus', message: 'Unbekannter Schlüssel: hier nicht zulässig' },
    ]);
    expect(await say({})).toEqual([
      { path: 'body.subject', message: 'Invalid input: expected string, received number' },
      { path: 'body.tags.0', message: 'must not contain commas' },
      { path: 'body.bogus', message: 'Unrecognized key: not accepted here' },
    ]);
    const de = { 'accept-language': 'de' };
    const either: FieldErrors = await expect400('PATCH', url, { fields: { order: { id: 1 } } }, de);
    expect(either.errors).toEqual([
      {
        path: 'body.fields.order',
        message: 'Ungültige Eingabe: erwartet string, number, boolean oder null, erhalten object',
      },
    ]);
    // A custom field's own rules (checked by the service, not by the schema).
    const field: FieldErrors = await expect400('PATCH', url, { fields: { nope: 'x' } }, de);
    expect(field).toMatchObject({
      title: 'Ungültige Anfrage',
      detail: 'body.fields.nope: dieses Feld gibt es für dieses Ticket nicht',
      errors: [{ path: 'body.fields.nope', message: 'dieses Feld gibt es für dieses Ticket nicht' }],
    });
  });

  // Bodies that fail a union schema somewhere: the workflow document (itself a union of "a
  // preset" and "a whole document", with unions of status keys and "*" inside) and custom fields.
  const cases: [string, 'POST' | 'PATCH' | 'PUT', () => string, () => unknown, RegExp][] = [
    ['empty workflow', 'PUT', () => '/api/v1/workflow', () => ({}), /^body\.preset$/],
    ['preset of a wrong type', 'PUT', () => '/api/v1/workflow', () => ({ preset: 5 }), /^body\.preset$/],
    [
      'a preset with a stray key',
      'PUT',
      () => '/api/v1/workflow',
      () => ({ preset: 'classic', statuses: 'x' }),
      /^body\.statuses$/,
    ],
    [
      'a timer on a malformed status',
      'PUT',
      () => '/api/v1/workflow',
      () => ({ ...doc(), timers: [{ status: 'Not A Key', after: 'P1D', action: 'remind' }] }),
      /^body\.timers\.0\.status$/,
    ],
    [
      'a reply rule from a malformed status',
      'PUT',
      () => '/api/v1/workflow',
      () => ({ ...doc(), onCustomerReply: [{ from: ['*', 'Bad Key'], to: 'open' }] }),
      /^body\.onCustomerReply\.0\.from\.1$/,
    ],
    [
      'a status of an unknown category',
      'PUT',
      () => '/api/v1/workflow',
      () => ({ ...doc(), statuses: [{ ...doc().statuses[0], category: 'limbo' }] }),
      /^body\.statuses\.0\.category$/,
    ],
    [
      'a field value that is an object',
      'POST',
      () => '/api/v1/tickets',
      () => ({ ...valid(), fields: { order: { id: 1 } } }),
      /^body\.fields\.order$/,
    ],
    [
      'a field value that is too long',
      'PATCH',
      () => `/api/v1/tickets/${ticketNumber}`,
      () => ({ fields: { order: 'x'.repeat(10_001) } }),
      /^body\.fields\.order$/,
    ],
  ];

  it.each(cases)(
    '%s: each error has a field path and names the rule',
    async (_name, method, url, payload, path) => {
      const body: FieldErrors = await expect400(method, url(), payload());
      expect(body.errors.length).toBeGreaterThan(0);
      expect(body.errors.map((e) => e.path)).toContainEqual(expect.stringMatching(path));
      for (const e of body.errors) {
        expect(e.path).toMatch(/^(body|querystring|params)\.\S+/);
        expect(e.message).not.toMatch(/^(Invalid input|invalid)?$/);
        expect(body.detail).toContain(`${e.path}: ${e.message}`);
      }
    },
  );
});

describe('lists', () => {
  it('pages through every ticket exactly once with the cursor, in every sort', async () => {
    for (let i = 0; i < 6; i++)
      await openTicket(w.bob, w.billing.id, {
        subject: `Paging ${i % 3}`,
        priority: i % 2 ? 'low' : 'urgent',
      });
    const all = (await w.admin.get<{ items: { number: number }[] }>('/api/v1/tickets?limit=100')).items.map(
      (t) => t.number,
    );
    for (const sort of [
      'number',
      'subject',
      'priority',
      'customer',
      'assignee',
      'createdAt',
      'lastActivityAt',
      'status',
      'department',
    ]) {
      for (const order of ['asc', 'desc']) {
        const seen: number[] = [];
        let cursor: string | null = null;
        do {
          const url: string = `/api/v1/tickets?limit=3&sort=${sort}&order=${order}${cursor ? `&cursor=${cursor}` : ''}`;
          const page: { items: { number: number }[]; nextCursor: string | null } = await w.admin.get(url);
          seen.push(...page.items.map((t) => t.number));
          cursor = page.nextCursor;
        } while (cursor);
        expect(
          [...seen].sort((a, b) => a - b),
          `${sort} ${order}`,
        ).toEqual([...all].sort((a, b) => a - b));
      }
    }
  });

  it('default order is last activity, newest first; a reply moves a ticket to the top', async () => {
    // Its own world: the agent's first page holds only these tickets, whatever other tests opened.
    const own = await makeWorld(env.app);
    const t = await openTicket(own.alice, own.billing.id);
    const later = await openTicket(own.alice, own.billing.id);
    // Last activity is kept to the millisecond: the reply must come at least one later.
    await new Promise((r) => setTimeout(r, 5));
    await own.agent.expect(201, 'POST', `/api/v1/tickets/${t.number}/messages`, { body: 'On it.' });
    const page = await own.agent.get<{ items: { number: number }[] }>('/api/v1/tickets?limit=2');
    expect(page.items.map((i) => i.number)).toEqual([t.number, later.number]);
  });

  it('filters by status, priority, assignee (me and none) and requester', async () => {
    const t = await openTicket(w.alice, w.billing.id, { priority: 'urgent' });
    await w.agent.expect(200, 'PATCH', `/api/v1/tickets/${t.number}`, {
      assigneeId: w.agent.user?.id,
      status: 'on_hold',
    });
    const mine = await w.agent.get<{ items: { number: number }[] }>('/api/v1/tickets?assigneeId=me');
    expect(mine.items.map((i) => i.number)).toEqual([t.number]);
    const onHold = await w.agent.get<{ items: { number: number }[] }>(
      '/api/v1/tickets?status=on_hold&priority=urgent,high',
    );
    expect(onHold.items.map((i) => i.number)).toEqual([t.number]);
    const none = await w.agent.get<{ items: { number: number }[] }>(
      '/api/v1/tickets?assigneeId=none&limit=100',
    );
    expect(none.items.map((i) => i.number)).not.toContain(t.number);
    const byCategory = await w.agent.get<{ items: { number: number }[] }>(
      '/api/v1/tickets?statusCategory=on_hold',
    );
    expect(byCategory.items.map((i) => i.number)).toEqual([t.number]);
  });
});
