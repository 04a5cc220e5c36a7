import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ticket } from '../common/api.js';
import { migrateTo, migrateToLatest } from '../src/db/migrate.js';
import { searchStrategy } from '../src/modules/tickets/tickets.list.js';
import { type Client, login, makeWorld, openTicket } from './client.js';
import { startTestApp, type TestEnv } from './helpers.js';

// One table of queries and the tickets each reader finds, run as is on SQLite and PostgreSQL
// (TEST_DATABASE_URL): both engines must give the same answers.

type Page = { items: Ticket[] };
type Reader = 'admin' | 'agent' | 'techAgent' | 'alice' | 'carol';

let env: TestEnv;
let w: Awaited<ReturnType<typeof makeWorld>>;
let maya: Client;
const t: Record<string, number> = {};

beforeAll(async () => {
  env = await startTestApp();
  w = await makeWorld(env.app);
  const suffix = Date.now().toString(36);
  const mayaEmail = `maya.okonkwo-${suffix}@northwind.example`;
  await w.admin.expect(201, 'POST', '/api/v1/users', {
    email: mayaEmail,
    name: 'Maya Okonkwo',
    role: 'customer',
    password: w.password,
    organisationId: w.orgA.id,
  });
  maya = await login(env.app, mayaEmail, w.password);
  const open = async (
    key: string,
    client: Client,
    department: string,
    subject: string,
    description: string,
  ) => {
    t[key] = (await openTicket(client, department, { subject, description })).number;
  };
  await open(
    'invoice',
    w.alice,
    w.billing.id,
    'Invoice INV-2024-001 is missing',
    'The invoice for March never came.',
  );
  await open('error', maya, w.tech.id, 'Export fails', 'The export stops with error E-42 at once.');
  await open('other', w.carol, w.billing.id, 'Refund for INV-2024-002', 'Globex asks for the money back.');
  await open('plain', w.alice, w.billing.id, 'Password reset', 'I cannot sign in since yesterday.');
  await open(
    'accents',
    w.alice,
    w.billing.id,
    'Rechnung für Müller',
    'Café crème für ΟΔΥΣΣΕΑΣ in São Paulo, İzmir office',
  );
  await w.agent.expect(201, 'POST', `/api/v1/tickets/${t.invoice}/messages`, {
    body: 'Internal: quokkanote, customer already credited',
    internal: true,
  });
  await w.agent.expect(201, 'POST', `/api/v1/tickets/${t.plain}/messages`, {
    body: 'Sent a reset link by mail.',
  });
});
afterAll(() => env?.close());

const readers = (): Record<Reader, Client> => ({
  admin: w.admin,
  agent: w.agent,
  techAgent: w.techAgent,
  alice: w.alice,
  carol: w.carol,
});

async function search(reader: Reader, q: string): Promise<number[]> {
  const page = await readers()[reader].get<Page>(`/api/v1/tickets?q=${encodeURIComponent(q)}&limit=100`);
  return page.items.map((x) => x.number).sort((a, b) => a - b);
}

// [query, reader, expected ticket keys]; `#n:key` stands for the number of a ticket.
const CASES: [string, Reader, string[]][] = [
  // Prefix of the last word
  ['invoic', 'admin', ['invoice']],
  ['INVOIC', 'alice', ['invoice']],
  ['passw', 'alice', ['plain']],
  ['reset li', 'admin', []], // "li" is too short to be a prefix: only whole words
  ['reset link', 'admin', ['plain']],
  ['inv', 'admin', ['invoice', 'other']],
  // Codes with hyphens, whole or in parts
  ['INV-2024-001', 'admin', ['invoice']],
  ['INV-2024-001', 'agent', ['invoice']],
  ['inv-2024-002', 'admin', ['other']],
  ['INV-2024', 'admin', ['invoice', 'other']],
  ['2024-001', 'admin', ['invoice']],
  ['E-42', 'admin', ['error']],
  ['e-42', 'techAgent', ['error']],
  ['E-43', 'admin', []],
  // The requester's name and email
  ['Maya Okonkwo', 'admin', ['error']],
  ['okonkwo', 'techAgent', ['error']],
  ['maya.okonkwo', 'admin', ['error']],
  ['northwind.example', 'admin', ['error']],
  ['Okonkwo', 'alice', ['error']], // same organisation
  // Visibility: another organisation, another department, internal notes
  ['INV-2024-002', 'alice', []],
  ['refund', 'carol', ['other']],
  ['INV-2024', 'carol', ['other']],
  ['Okonkwo', 'carol', []],
  ['Okonkwo', 'agent', []], // tech department only
  ['E-42', 'agent', []],
  ['INV-2024-001', 'techAgent', []],
  ['quokkanote', 'agent', ['invoice']],
  ['quokkanote', 'admin', ['invoice']],
  ['quokkanote', 'alice', []],
  ['quokkan', 'alice', []],
  ['credited', 'alice', []],
  // Diacritics are folded, as SQLite's tokenizer does, on both engines
  ['muller', 'admin', ['accents']],
  ['MÜLLER', 'alice', ['accents']],
  ['mull', 'admin', ['accents']],
  ['cafe creme', 'admin', ['accents']],
  ['CAFÉ', 'agent', ['accents']],
  ['οδυσσεας', 'admin', ['accents']],
  ['sao paulo', 'alice', ['accents']],
  ['izmir', 'admin', ['accents']],
  ['muller', 'carol', []],
  // Search syntax is not interpreted: operators and quotes are words or nothing
  ['"invoice" march', 'admin', ['invoice']],
  ['invoice*', 'admin', ['invoice']],
  ['invoice -march', 'admin', ['invoice']],
  ['subject:refund', 'admin', []],
  ['refund OR march', 'admin', []],
  ['NEAR(invoice march)', 'admin', []],
  ['INV-2024-002 OR quokkanote', 'alice', []],
  // Ticket numbers (resolved below)
  ['#invoice', 'admin', ['invoice']],
  ['=invoice', 'alice', ['invoice']],
  ['#other', 'alice', []],
  ['#error', 'agent', []],
];

const WALK_ABOVE = searchStrategy.walkAbove;
describe.each([
  ['as chosen by the number of hits', WALK_ABOVE],
  // What a word found in many tickets does: walk the queue in order, testing each ticket.
  ['walking the queue in order', -1],
])('search finds the same tickets on both engines, %s', (_strategy, walkAbove) => {
  beforeAll(() => {
    searchStrategy.walkAbove = walkAbove;
  });
  afterAll(() => {
    searchStrategy.walkAbove = WALK_ABOVE;
  });
  it.each(CASES)('%s as %s', async (query, reader, expected) => {
    // "#key" searches "#<number>", "=key" the bare number.
    const q =
      query.startsWith('#') || query.startsWith('=')
        ? `${query[0] === '#' ? '#' : ''}${t[query.slice(1)]}`
        : query;
    const want = expected.map((k) => t[k]!).sort((a, b) => a - b);
    const got = await search(reader, q);
    // Numbers of other tickets (from makeWorld, none) may match a bare number's text: check ours only.
    expect(got.filter((n) => Object.values(t).includes(n))).toEqual(want);
  });
});

describe('the index follows changes', () => {
  it('finds a ticket by its new subject and no longer by the old one', async () => {
    await w.agent.expect(200, 'PATCH', `/api/v1/tickets/${t.plain}`, { subject: 'Account locked LCK-7' });
    expect(await search('admin', 'LCK-7')).toEqual([t.plain]);
    expect(await search('admin', 'password')).toEqual([]);
  });

  it('finds a requester’s tickets by a new name and email, not by the old ones', async () => {
    const me = await maya.get<{ id: string }>('/api/v1/me');
    await w.admin.expect(200, 'PATCH', `/api/v1/users/${me.id}`, {
      name: 'Maya Adeyemi',
      email: `maya.adeyemi-${Date.now().toString(36)}@southwind.example`,
    });
    expect(await search('admin', 'adeyemi')).toEqual([t.error]);
    expect(await search('admin', 'southwind')).toEqual([t.error]);
    expect(await search('admin', 'okonkwo')).toEqual([]);
    expect(await search('admin', 'northwind')).toEqual([]);
  });
});

describe('migration 0012', () => {
  it('indexes the requesters of existing tickets when it runs, and its down step undoes it', async () => {
    const before = await search('admin', 'adeyemi');
    expect(before).toEqual([t.error]);
    // Down and up again: the up step's backfill indexes every existing ticket's requester.
    await migrateTo(env.database.db, '0009_search_by_number');
    await migrateToLatest(env.database.db);
    expect(await search('admin', 'adeyemi')).toEqual([t.error]);
    expect(await search('admin', 'INV-2024-001')).toEqual([t.invoice]);
  });

  it('keeps a merged ticket’s requester entry, and the target’s', async () => {
    const from = await openTicket(maya, w.tech.id, { subject: 'Duplicate of the export failure' });
    await w.admin.expect(200, 'POST', `/api/v1/tickets/${from.number}/merge`, { into: t.error });
    expect(await search('admin', 'adeyemi')).toEqual([t.error!, from.number].sort((a, b) => a - b));
  });
});
