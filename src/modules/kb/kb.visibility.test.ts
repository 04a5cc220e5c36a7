import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeWorld } from '../../../test/client.js';
import { startTestApp, type TestEnv } from '../../../test/helpers.js';
import { seedArticle } from '../../../test/kb-fixtures.js';
import type { Actor } from '../../context.js';
import type { KbVisibility } from '../../db/schema.js';
import { newId } from '../../lib/crypto.js';
import { searchArticles } from './kb.search.js';
import { type KbReader, VISITOR, visibleArticles } from './kb.visibility.js';

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
      starts_at: '2026-01-01T00:00:00.000Z',
      ends_at: '2027-01-01T00:00:00.000Z',
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
  // Organisation B's subscription to the plan runs through 2026.
  const at = (who: Actor | null, now = '2026-06-01T00:00:00.000Z'): KbReader => ({ who, now });
  const cases: [string, () => KbReader, string[]][] = [
    ['an anonymous visitor', () => at(null), ['pub']],
    ['a customer of organisation A', () => at(actor('customer', world.orgA.id)), ['pub', 'signed', 'orga']],
    [
      'a customer of organisation B, while it holds the plan',
      () => at(actor('customer', world.orgB.id)),
      ['pub', 'signed', 'plan'],
    ],
    [
      'a customer of organisation B, before its subscription starts',
      () => at(actor('customer', world.orgB.id), '2025-12-31T23:59:59.999Z'),
      ['pub', 'signed'],
    ],
    [
      'a customer of organisation B, once its subscription has ended',
      () => at(actor('customer', world.orgB.id), '2027-01-01T00:00:00.000Z'),
      ['pub', 'signed'],
    ],
    ['a customer without an organisation', () => at(actor('customer', null)), ['pub', 'signed']],
    ['an agent', () => at(actor('agent', null)), ['pub', 'signed', 'orga', 'plan', 'staff', 'draft', 'gone']],
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
      VISITOR,
      'How can I reset my password please',
      {
        limit: 5,
        any: true,
      },
    );
    expect(hits.map((h) => h.id)).toEqual([ids.pub]);
    expect(
      await searchArticles(env.app.ctx.db, env.app.ctx.dialect, VISITOR, 'how to', { limit: 5, any: true }),
    ).toEqual([]);
  });

  it('marks a word with accents in the excerpt, searched as written', async () => {
    await seedArticle(env.app.ctx.db, new Date(), {
      slug: `resume-${newId().slice(-8).toLowerCase()}`,
      title: 'Upload a file',
      body: 'How to upload your résumé file to your profile, step by step.',
      status: 'published',
      visibility: 'public',
      tags: [],
      audiences: [],
    });
    const [hit] = await searchArticles(env.app.ctx.db, env.app.ctx.dialect, VISITOR, 'résumé', { limit: 5 });
    expect(hit?.snippet).toContain('<mark>résumé</mark>');
  });
});
