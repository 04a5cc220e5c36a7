import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ticket } from '../common/api.js';
import { migrateTo, migrateToLatest } from '../src/db/migrate.js';
import { searchStrategy } from '../src/modules/tickets/tickets.list.js';
import { type Client, login, makeWorld, openTicket } from './client.js';
import { startTestApp, type TestEnv } from './helpers.js';

// Search in any script, the same on SQLite and PostgreSQL (TEST_DATABASE_URL): Chinese and
// Japanese words inside text without spaces, Korean words with their particles, accented Latin
// text with and without its accents, and names in other scripts; visibility as for any search.

type Reader = 'admin' | 'agent' | 'alice' | 'carol';

let env: TestEnv;
let w: Awaited<ReturnType<typeof makeWorld>>;
const t: Record<string, number> = {};

beforeAll(async () => {
  env = await startTestApp();
  w = await makeWorld(env.app);
  const open = async (key: string, client: Client, subject: string, description: string) => {
    t[key] = (await openTicket(client, w.billing.id, { subject, description })).number;
  };
  await open(
    'ja',
    w.alice,
    'ログインできません。パスワードを再設定したい',
    'ログインできません。パスワードを再設定したい',
  );
  await open('zh', w.alice, '账户问题', '无法登录账户');
  await open('ko', w.alice, '서울에서 문의', '비밀번호를 잊어버렸어요');
  await open('resume', w.alice, 'Résumé attached', 'Please find my résumé, Herr Müller.');
  await open('plain', w.alice, 'Resume of the call', 'Muller said the order ships on Monday.');
  await open('globex', w.carol, '東京支社の請求書', 'Frau Müller vom Einkauf, résumé');
  await w.agent.expect(201, 'POST', `/api/v1/tickets/${t.zh}/messages`, {
    body: '内部备注：退款已批准',
    internal: true,
  });
  // A requester whose name is written in Japanese, in the first organisation.
  const email = `yamada-${Date.now().toString(36)}@example.test`;
  await w.admin.expect(201, 'POST', '/api/v1/users', {
    email,
    name: '山田太郎',
    role: 'customer',
    password: w.password,
    organisationId: w.orgA.id,
  });
  const yamada = await login(env.app, email, w.password);
  await open('yamada', yamada, 'Printer', 'It does not print.');
});
afterAll(() => env?.close());

const readers = (): Record<Reader, Client> => ({
  admin: w.admin,
  agent: w.agent,
  alice: w.alice,
  carol: w.carol,
});

async function search(reader: Reader, q: string): Promise<number[]> {
  const page = await readers()[reader].get<{ items: Ticket[] }>(
    `/api/v1/tickets?q=${encodeURIComponent(q)}&limit=100`,
  );
  const ours = Object.values(t);
  return page.items
    .map((x) => x.number)
    .filter((n) => ours.includes(n))
    .sort((a, b) => a - b);
}

const CASES: [string, Reader, string[]][] = [
  // Japanese: words inside a sentence without spaces, from its start, middle and end
  ['ログイン', 'alice', ['ja']],
  ['パスワード', 'alice', ['ja']],
  ['再設定', 'alice', ['ja']],
  ['再設定', 'agent', ['ja']],
  ['再設定したい', 'admin', ['ja']],
  ['ﾛｸﾞｲﾝ', 'alice', ['ja']], // half-width katakana, as typed on some keyboards
  ['ログイン パスワード', 'alice', ['ja']],
  ['設定再', 'admin', []], // the pairs must stand in the query's order
  ['ログアウト', 'admin', []],
  // Chinese
  ['登录', 'alice', ['zh']],
  ['无法登录', 'admin', ['zh']],
  ['账户', 'alice', ['zh']],
  ['登', 'alice', ['zh']], // one character: the pairs it begins
  ['登出', 'alice', []],
  // Korean: a word with its particle attached, and without
  ['서울', 'alice', ['ko']],
  ['비밀번호', 'admin', ['ko']],
  // Accents, either way
  ['resume', 'alice', ['plain', 'resume']],
  ['résumé', 'alice', ['plain', 'resume']],
  ['RÉSUMÉ', 'admin', ['globex', 'plain', 'resume']],
  ['muller', 'alice', ['plain', 'resume']],
  ['müller', 'alice', ['plain', 'resume']],
  ['Müller', 'agent', ['globex', 'plain', 'resume']],
  // Names in Japanese: found by their start, written together
  ['山田', 'admin', ['yamada']],
  ['山田太郎', 'alice', ['yamada']],
  ['山田', 'carol', []],
  // …and by a word inside it
  ['太郎', 'admin', ['yamada']],
  ['太郎', 'carol', []],
  // Visibility: another organisation, internal notes
  ['東京', 'carol', ['globex']],
  ['東京', 'alice', []],
  ['請求書', 'admin', ['globex']],
  ['müller', 'carol', ['globex']],
  ['résumé', 'carol', ['globex']],
  ['退款', 'agent', ['zh']],
  ['退款', 'admin', ['zh']],
  ['退款', 'alice', []],
  ['退款已批准', 'alice', []],
  ['内部', 'carol', []],
];

const WALK_ABOVE = searchStrategy.walkAbove;
describe.each([
  ['as chosen by the number of hits', WALK_ABOVE],
  ['walking the queue in order', -1],
])('search in any script finds the same tickets on both engines, %s', (_strategy, walkAbove) => {
  beforeAll(() => {
    searchStrategy.walkAbove = walkAbove;
  });
  afterAll(() => {
    searchStrategy.walkAbove = WALK_ABOVE;
  });
  it.each(CASES)('%s as %s', async (query, reader, expected) => {
    expect(await search(reader, query)).toEqual(expected.map((k) => t[k]!).sort((a, b) => a - b));
  });
});

describe('the index follows changes', () => {
  it('finds a ticket by a new Japanese subject, and a merged conversation by its words', async () => {
    await w.agent.expect(200, 'PATCH', `/api/v1/tickets/${t.plain}`, { subject: '請求書の再発行' });
    expect(await search('admin', '再発行')).toEqual([t.plain]);
    const from = await openTicket(w.alice, w.billing.id, {
      subject: '重複',
      description: '請求先住所の変更',
    });
    t.merged = from.number;
    await w.admin.expect(200, 'POST', `/api/v1/tickets/${from.number}/merge`, { into: t.plain });
    expect(await search('admin', '住所')).toEqual([t.plain]);
    expect(await search('admin', '再発行')).toEqual([t.plain]);
  });

  it('finds a requester by a word inside their new name', async () => {
    const email = `sato-${Date.now().toString(36)}@example.test`;
    const sato = await w.admin.expect<{ id: string }>(201, 'POST', '/api/v1/users', {
      email,
      name: '佐藤一郎',
      role: 'customer',
      password: w.password,
      organisationId: w.orgA.id,
    });
    t.sato = (await openTicket(await login(env.app, email, w.password), w.billing.id, {})).number;
    expect(await search('admin', '一郎')).toEqual([t.sato]);
    await w.admin.expect(200, 'PATCH', `/api/v1/users/${sato.id}`, { name: '佐藤次郎' });
    expect(await search('admin', '次郎')).toEqual([t.sato]);
    expect(await search('admin', '一郎')).toEqual([]);
  });

  it('forgets a deleted ticket', async () => {
    await w.admin.expect(204, 'DELETE', `/api/v1/tickets/${t.ko}`);
    expect(await search('admin', '비밀번호')).toEqual([]);
  });
});

describe('migration 0041', () => {
  it('indexes text written before it as pairs, and its down step undoes it', async () => {
    // Down: every entry as the earlier versions wrote it. A word inside a run is not found then.
    await migrateTo(env.database.db, '0039_languages');
    expect(await search('admin', '再設定')).toEqual([]);
    expect(await search('admin', '问题')).toEqual([]);
    expect(await search('admin', 'ログイン')).toEqual([t.ja]); // the start of a run, as before
    expect(await search('admin', '太郎')).toEqual([]); // inside a requester's name (0045)
    expect(await search('admin', '山田')).toEqual([t.yamada]);
    await migrateToLatest(env.database.db);
    expect(await search('admin', '太郎')).toEqual([t.yamada]);
    expect(await search('admin', '再設定')).toEqual([t.ja]);
    expect(await search('admin', '问题')).toEqual([t.zh]);
    expect(await search('agent', '退款')).toEqual([t.zh]);
    expect(await search('alice', '退款')).toEqual([]);
    expect(await search('admin', '住所')).toEqual([t.plain]);
    expect(await search('admin', 'müller')).toEqual([t.globex!, t.plain!, t.resume!].sort((a, b) => a - b));
  });
});

describe('names in any script', () => {
  it('lists an organisation’s customers in the Unicode order, accents beside their letters', async () => {
    const org = await w.admin.expect<{ id: string }>(201, 'POST', '/api/v1/organisations', {
      name: `Société ${Date.now().toString(36)}`,
    });
    for (const name of ['Zoe', 'Émile', '山田花子', 'Emma', 'Андрей', 'Ölaf', 'Oscar']) {
      await w.admin.expect(201, 'POST', '/api/v1/users', {
        email: `${Math.random().toString(36).slice(2)}@example.test`,
        name,
        role: 'customer',
        password: w.password,
        organisationId: org.id,
      });
    }
    const p = await w.agent.get<{ customers: { name: string }[] }>(`/api/v1/organisations/${org.id}/profile`);
    expect(p.customers.map((c) => c.name)).toEqual([
      'Émile',
      'Emma',
      'Ölaf',
      'Oscar',
      'Zoe',
      'Андрей',
      '山田花子',
    ]);
  });
});

describe('organisations by name', () => {
  it('pages them as a reader files names: case and accents aside, on both engines', async () => {
    const tag = Date.now().toString(36);
    for (const name of ['Zurich', 'émile', 'Emil', 'Emma', 'apple', 'Ærø'])
      await w.admin.expect(201, 'POST', '/api/v1/organisations', { name: `${name} ${tag}` });
    // Renamed: its place follows its new name.
    const renamed = await w.admin.expect<{ id: string }>(201, 'POST', '/api/v1/organisations', {
      name: `Anna ${tag}`,
    });
    await w.admin.expect(200, 'PATCH', `/api/v1/organisations/${renamed.id}`, { name: `Ödön ${tag}` });
    const names: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { name: string }[]; nextCursor: string | null } = await w.admin.get(
        `/api/v1/organisations?limit=3${cursor ? `&cursor=${cursor}` : ''}`,
      );
      names.push(...page.items.map((o) => o.name).filter((n) => n.endsWith(tag)));
      cursor = page.nextCursor;
    } while (cursor);
    expect(names.map((n) => n.slice(0, -tag.length - 1))).toEqual([
      'Ærø',
      'apple',
      'Emil',
      'émile',
      'Emma',
      'Ödön',
      'Zurich',
    ]);
  });
});
