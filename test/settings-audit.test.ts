import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, loginAdmin } from './client.js';
import { ADMIN, startTestApp, type TestEnv } from './helpers.js';

// Settings without secrets are on the audit trail as what changed, old → new: the setting
// documents (priority help, urgent routing, subscriptions) and what administrators define and
// name (departments, ticket types, fields, plans, services). Saving without a change records nothing.

type Json = Record<string, unknown>;
let env: TestEnv;
let admin: Client;

beforeAll(async () => {
  env = await startTestApp();
  admin = await loginAdmin(env.app);
});
afterAll(async () => {
  await env?.close();
});

const latest = async () =>
  (await admin.get<{ items: Json[] }>('/api/v1/admin/audit?action=settings_changed&limit=1')).items[0];

describe('settings changes on the audit trail', () => {
  it('records a setting document’s changed fields, old → new, and nothing for a save without change', async () => {
    const help = await admin.get<Json>('/api/v1/settings/priority-help');
    await admin.expect(200, 'PUT', '/api/v1/settings/priority-help', {
      ...help,
      urgent: 'Trading has stopped.',
    });
    expect(await latest()).toMatchObject({
      actor: { email: ADMIN.email },
      details: {
        area: 'priority-help',
        changes: { urgent: { from: help.urgent, to: 'Trading has stopped.' } },
      },
    });
    const before = await latest();
    await admin.expect(200, 'PUT', '/api/v1/settings/priority-help', {
      ...help,
      urgent: 'Trading has stopped.',
    });
    expect(await latest()).toEqual(before);

    await admin.expect(200, 'PUT', '/api/v1/settings/urgent-routing', { urgentPriority: false });
    expect((await latest())?.details).toEqual({
      area: 'urgent-routing',
      changes: { urgentPriority: { from: true, to: false } },
    });
    await admin.expect(200, 'PUT', '/api/v1/settings/subscriptions', { enabled: true });
    expect((await latest())?.details).toEqual({
      area: 'subscriptions',
      changes: { enabled: { from: false, to: true } },
    });
  });

  it('records what administrators create and rename by name', async () => {
    const dept = await admin.expect<{ id: string }>(201, 'POST', '/api/v1/departments', {
      name: 'Audited desk',
    });
    expect((await latest())?.details).toEqual({ area: 'department', created: 'Audited desk' });
    await admin.expect(200, 'PATCH', `/api/v1/departments/${dept.id}`, { name: 'Audited desk 2' });
    expect((await latest())?.details).toEqual({
      area: 'department',
      changed: 'Audited desk',
      changes: { name: { from: 'Audited desk', to: 'Audited desk 2' } },
    });
    const before = await latest();
    await admin.expect(200, 'PATCH', `/api/v1/departments/${dept.id}`, { name: 'Audited desk 2' });
    expect(await latest()).toEqual(before);

    await admin.expect(201, 'POST', '/api/v1/fields', { key: 'account_no', label: 'Account', kind: 'text' });
    expect((await latest())?.details).toEqual({ area: 'field', created: 'account_no' });
    await admin.expect(200, 'PATCH', '/api/v1/fields/account_no', { label: 'Account number' });
    expect((await latest())?.details).toEqual({
      area: 'field account_no',
      changes: { label: { from: 'Account', to: 'Account number' } },
    });
  });
});
