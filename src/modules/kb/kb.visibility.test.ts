import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeWorld } from '../../../test/client.js';
import { startTestApp, type TestEnv } from '../../../test/helpers.js';
import { seedArticle } from '../../../test/kb-fixtures.js';
import type { Actor } from '../../context.js';
import type { KbVisibility } from '../../db/schema.js';
import { newId } from '../../lib/crypto.js';
import { searchArticles } from './kb.search.js';
import { type KbReader, visibleArticles } from './kb.visibility.js';

// The knowledge base's one visibility rule and its search, on the database itself: every kind of
// visibility against every kind of reader, and search never wider than the rule.

let env: TestEnv;
let world: Awaited<ReturnType<typeof makeWorld>>;
let planId: string;
const ids: Record<string, string> = {};

const actor = (role: Actor['role'], organisationId: string | null, id = newId()): Actor => ({
  id,
  email: `${id}@example.test`,
  name: id,
  role,
  organisationId,
  departmentIds: [],
});

async function article(
  key: string,
  visibility: KbVisibility,
  status = 'published',
  audiences: [string, string][] = [],
) {
  ids[key] = await seedArticle(env.app.ctx.db, new Date(), {
    slug: `${key}-${newId().slice(-8).toLowerCase()}`,
    title: `Article ${key}`,
    body: `The word zq${key}word is unique to this article. Reset your password from the sign-in page.`,
    status: status as 'published',
    visibility,
    tags: ['password'],
    audiences: audiences as ['plan', string][],
  });
}

beforeAll(async () => {
  env = await startTestApp();
  world = await makeWorld(env.app);
  const db = env.app.ctx.db;
  const now = new Date().toISOString();
  planId = newId();
  const serviceId = newId();
  await db
    .insertInto('services')
    .values({ id: serviceId, name: `svc ${serviceId}`, description: null, created_at: now })
    .execute();
  await db
    .insertInto('plans')
    .values({
      id: planId,
      name: `plan ${planId}`,
      ticket_limit: null,
      cycle: 'none',
      reply_after_expiry: 1,
      created_at: now,
    })
    .execute();
  await db
    .insertInto('subscriptions')
    .values({
      id: newId(),
      external_id: null,
      customer_id: null,
      organisation_id: world.orgB.id,
      service_id: serviceId,
      plan_id: planId,
      state: 'active',
      starts_at: now,
      ends_at: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await article('pub', 'public');
  await article('signed', 'signed_in');
  await article('orga', 'restricted', 'published', [['organisation', world.orgA.id]]);
  await article('plan', 'restricted', 'published', [['plan', planId]]);
  await article('staff', 'staff');
  await article('draft', 'public', 'draft');
  await article('gone', 'public', 'archived');
});
afterAll(async () => {
  await env?.close();
});

describe('who reads which article', () => {
  const cases: [string, () => KbReader, string[]][] = [
    ['an anonymous visitor', () => null, ['pub']],
    ['a customer of organisation A', () => actor('customer', world.orgA.id), ['pub', 'signed', 'orga']],
    [
      'a customer of organisation B, which holds the plan',
      () => actor('customer', world.orgB.id),
      ['pub', 'signed', 'plan'],
    ],
    ['a customer without an organisation', () => actor('customer', null), ['pub', 'signed']],
    ['an agent', () => actor('agent', null), ['pub', 'signed', 'orga', 'plan', 'staff', 'draft', 'gone']],
  ];
  it.each(cases)('%s', async (_label, reader, expected) => {
    const r = reader();
    const all = Object.keys(ids);
    const seen = await visibleArticles(env.app.ctx.db, r)
      .select('id')
      .where('id', 'in', Object.values(ids))
      .execute();
    const keys = seen.map((s) => all.find((k) => ids[k] === s.id)).sort();
    expect(keys).toEqual([...expected].sort());
    // Search finds each article by its own word exactly when the reader may read it.
    for (const key of all) {
      const hits = await searchArticles(env.app.ctx.db, env.app.ctx.dialect, r, `zq${key}word`, { limit: 5 });
      expect(hits.map((h) => h.id)).toEqual(expected.includes(key) ? [ids[key]] : []);
    }
    // And a word they share finds only what they may read; its snippet marks the word, escaped.
    const shared = await searchArticles(env.app.ctx.db, env.app.ctx.dialect, r, 'passw', { limit: 50 });
    expect(shared.map((h) => h.id).sort()).toEqual(expected.map((k) => ids[k]).sort());
    expect(shared[0]?.snippet).toMatch(/<mark>[Pp]assword<\/mark>/);
  });

  it('suggests from any word of a subject, leaving out words that say nothing', async () => {
    const hits = await searchArticles(
      env.app.ctx.db,
      env.app.ctx.dialect,
      null,
      'How can I reset my password please',
      {
        limit: 5,
        any: true,
      },
    );
    expect(hits.map((h) => h.id)).toEqual([ids.pub]);
    expect(
      await searchArticles(env.app.ctx.db, env.app.ctx.dialect, null, 'how to', { limit: 5, any: true }),
    ).toEqual([]);
  });
});
