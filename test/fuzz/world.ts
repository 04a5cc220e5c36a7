import { createHash } from 'node:crypto';
import type { Client } from '../client.js';
import { login, loginAdmin, type makeWorld, openTicket } from '../client.js';
import type { TestEnv } from '../helpers.js';
import { multipart } from './bodies.js';
import type { createOracle } from './oracle.js';
import { FUZZ_TAG, type Targets, type Who } from './spec.js';

// The world the fuzzed requests aim at: real resources for the valid parts of each request.

type World = Awaited<ReturnType<typeof makeWorld>>;
const instant = '2024-01-01T00:00:00Z';

/** Some history, so lists have pages, tickets have messages, notes, events, a file and a survey. */
export async function seedWorld(env: TestEnv, world: World) {
  const fixed = {
    surveyToken: '',
    serviceId: '',
    planId: '',
    subscriptionId: '',
    externalId: 'fuzz-billing-1',
    attachmentId: '',
    ticketTypeKey: 'question',
    fieldKey: 'platform',
  };
  const { admin, agent, alice } = world;
  // Some history, so lists have pages, tickets have messages, notes and events.
  const first = await openTicket(alice, world.billing.id);
  await agent.expect(201, 'POST', `/api/v1/tickets/${first.number}/messages`, { body: 'On it' });
  await agent.expect(201, 'POST', `/api/v1/tickets/${first.number}/messages`, {
    body: 'Note',
    internal: true,
  });
  await alice.expect(201, 'POST', `/api/v1/tickets/${first.number}/messages`, { body: 'Thanks' });
  await agent.expect(200, 'PATCH', `/api/v1/tickets/${first.number}`, { tags: [FUZZ_TAG] });
  await openTicket(world.bob, world.tech.id, { priority: 'urgent' });
  await openTicket(world.carol, world.billing.id);
  await openTicket(admin, world.tech.id, { requesterId: alice.user?.id });
  // A file on a public reply, so the customer may download it too.
  const upload = multipart([{ name: 'file', filename: 'notes.txt', content: 'Restart the bot.' }]);
  const res = await agent.request('POST', '/api/v1/attachments', upload.text, {
    'content-type': upload.contentType,
  });
  if (res.statusCode !== 201) throw new Error(`upload: ${res.statusCode} ${res.body}`);
  fixed.attachmentId = res.json().id;
  await agent.expect(201, 'POST', `/api/v1/tickets/${first.number}/messages`, {
    body: 'See the file',
    attachmentIds: [fixed.attachmentId],
  });

  // A survey link, as the requester of a closed ticket receives it.
  const workflow = await admin.get('/api/v1/workflow');
  await admin.expect(200, 'PUT', '/api/v1/workflow', { ...workflow, surveyOnClose: true });
  const closed = await openTicket(alice, world.billing.id);
  await agent.expect(200, 'PATCH', `/api/v1/tickets/${closed.number}`, { status: 'closed' });
  const invites = await env.database.db.selectFrom('outbox').select('payload').execute();
  const link = invites
    .map((r) => JSON.parse(r.payload) as { ticketNumber?: number; url?: string })
    .find((p) => p.ticketNumber === closed.number && p.url?.includes('/survey/'))?.url;
  if (!link) throw new Error('closing a ticket put no survey link in the outbox');
  fixed.surveyToken = String(link.split('/survey/')[1]);

  // A service, a plan, a subscription of the first organisation and one from the billing system.
  fixed.serviceId = (await admin.expect<{ id: string }>(201, 'POST', '/api/v1/services', { name: 'Bot' })).id;
  fixed.planId = (
    await admin.expect<{ id: string }>(201, 'POST', '/api/v1/plans', {
      name: 'Pro',
      ticketLimit: 10,
      cycle: 'monthly',
    })
  ).id;
  fixed.subscriptionId = (
    await admin.expect<{ id: string }>(201, 'POST', '/api/v1/subscriptions', {
      organisationId: world.orgA.id,
      serviceId: fixed.serviceId,
      planId: fixed.planId,
      startsAt: instant,
    })
  ).id;
  await admin.expect(200, 'PUT', `/api/v1/subscriptions/${fixed.externalId}`, {
    customerId: world.carol.user?.id,
    service: 'Bot',
    plan: 'Pro',
    state: 'active',
    startsAt: instant,
  });

  // A ticket type and a custom field.
  await admin.expect(201, 'POST', '/api/v1/ticket-types', { key: fixed.ticketTypeKey, name: 'Question' });
  await admin.expect(201, 'POST', '/api/v1/fields', { key: fixed.fieldKey, label: 'Platform', kind: 'text' });
  return fixed;
}

/**
 * Before each property: fresh sessions, a fresh ticket and tokens, so a property that found a
 * request which logs out or deletes does not leave the next one probing a world without them.
 */
/** A signed-in client's session id: the SHA-256 of its cookie, as the server keys it. */
const sessionOf = (c: Client) => createHash('sha256').update(String(c.auth.cookie)).digest('hex');

export async function freshActors(
  env: TestEnv,
  world: World,
  oracle: ReturnType<typeof createOracle>,
  fixed: Awaited<ReturnType<typeof seedWorld>>,
): Promise<Record<Who, { client: Client; targets: Targets }>> {
  const actors = {} as Record<Who, { client: Client; targets: Targets }>;
  const admin = await loginAdmin(env.app);
  const customer = await login(env.app, String(world.alice.user?.email), world.password);
  const ticket = await openTicket(customer, world.billing.id);
  const other = await openTicket(customer, world.billing.id);
  const canned = await admin.expect<{ id: string }>(201, 'POST', '/api/v1/canned-responses', {
    title: 'Fuzz target',
    body: 'Hello {{customer.name}}',
  });
  const view = await admin.expect<{ id: string }>(201, 'POST', '/api/v1/views', {
    name: 'Fuzz view',
    scope: 'everyone',
  });
  const token = async (c: Client) =>
    (await c.expect<{ id: string }>(201, 'POST', '/api/v1/tokens', { name: 'fuzz target' })).id;
  const [adminToken, customerToken] = [await token(admin), await token(customer)];

  const knownIds = new Set<string>();
  const ticketNumbers = new Set<number>();
  let outboxId = '';
  let inboundId = '';
  for (const [table, rows] of await oracle.readTables()) {
    for (const row of rows) {
      for (const [column, value] of Object.entries(row)) {
        if (typeof value === 'string' && /^(id|name|key)$|_id$/.test(column)) knownIds.add(value);
      }
      if (table === 'tickets') ticketNumbers.add(Number(row.number));
      if (table === 'outbox') outboxId = String(row.id);
      if (table === 'inbound_messages') inboundId = String(row.id);
    }
  }
  const common = {
    ...fixed,
    ticketNumber: ticket.number,
    otherTicketNumber: other.number,
    cannedId: canned.id,
    viewId: view.id,
    organisationId: world.orgA.id,
    departmentId: world.billing.id,
    outboxId,
    inboundId,
    workflow: await admin.get('/api/v1/workflow'),
    knownIds,
    ticketNumbers,
  };
  actors.admin = {
    client: admin,
    targets: {
      ...common,
      userId: String(world.agent.user?.id),
      tokenId: adminToken,
      sessionId: sessionOf(admin),
    },
  };
  actors.customer = {
    client: customer,
    targets: {
      ...common,
      userId: String(customer.user?.id),
      tokenId: customerToken,
      sessionId: sessionOf(customer),
    },
  };
  return actors;
}
