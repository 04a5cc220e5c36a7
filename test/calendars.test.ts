import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, makeWorld } from './client.js';
import { startTestApp, type TestEnv } from './helpers.js';

// Business-hours calendars through the API, on both engines: administrators create, change and
// delete them (audited), staff read them, the built-in 24×7 calendar refuses changes, bad input
// changes nothing, holidays come from an iCal file or feed (through the outbound guard), and the
// preview answers when a target would be due.

type Json = Record<string, unknown>;
type Holiday = { id: string; date: string; yearly: boolean; name: string; source: string };
type Calendar = Json & { id: string; name: string; holidays: Holiday[]; builtin: boolean };

let env: TestEnv;
let w: Awaited<ReturnType<typeof makeWorld>>;
let feed: http.Server;
let feedBase: string;
const ics = readFileSync(new URL('./fixtures/holidays.ics', import.meta.url));

beforeAll(async () => {
  env = await startTestApp();
  w = await makeWorld(env.app);
  feed = http.createServer((req, res) => {
    if (req.url === '/holidays.ics') res.writeHead(200, { 'content-type': 'text/calendar' }).end(ics);
    else if (req.url === '/cut-off') {
      // The connection is lost while the body is coming.
      res.writeHead(200, { 'content-type': 'text/calendar', 'content-length': String(ics.length * 2) });
      res.write(ics.slice(0, 40), () => res.destroy());
    } else if (req.url === '/not-ical')
      res.writeHead(200, { 'content-type': 'text/html' }).end('<html>hello</html>');
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => feed.listen(0, '127.0.0.1', resolve));
  feedBase = `http://127.0.0.1:${(feed.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => feed?.close(resolve));
  await env?.close();
});

const office = [
  { start: '09:00', end: '12:00' },
  { start: '13:30', end: '17:00' },
];
const week = (day: unknown[]) => ({ mon: day, tue: day, wed: day, thu: day, fri: day, sat: [], sun: [] });
let seq = 0;
const body = (extra: Json = {}) => ({
  name: `Berlin office ${++seq}`,
  timeZone: 'Europe/Berlin',
  hours: week(office),
  holidays: [{ date: '2026-03-10', name: 'Closed' }],
  ...extra,
});
const create = (extra: Json = {}) => w.admin.expect<Calendar>(201, 'POST', '/api/v1/calendars', body(extra));
const list = async (c: Client) => (await c.get<{ items: Calendar[] }>('/api/v1/calendars')).items;
const lastAudit = async () =>
  (await w.admin.get<{ items: Json[] }>('/api/v1/admin/audit?action=settings_changed&limit=1')).items[0];
const preview = (c: Client, id: string, from: string, minutes: number) =>
  c.get<Json>(`/api/v1/calendars/${id}/preview?from=${encodeURIComponent(from)}&minutes=${minutes}`);

function multipart(filename: string, data: Buffer, field = 'file') {
  const boundary = '----tessera-calendar-boundary';
  return {
    payload: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: text/calendar\r\n\r\n`,
      ),
      data,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}
const uploadIcs = (c: Client, id: string, data: Buffer, field = 'file') => {
  const m = multipart('holidays.ics', data, field);
  return c.request('POST', `/api/v1/calendars/${id}/holidays/import`, m.payload, m.headers);
};

describe('calendars', () => {
  it('the built-in 24×7 calendar is always there and refuses every change', async () => {
    const builtin = (await list(w.admin)).find((c) => c.builtin);
    expect(builtin).toMatchObject({ id: '24x7', name: '24×7', timeZone: 'UTC', holidays: [] });
    expect((builtin?.hours as Record<string, unknown> | undefined)?.sun).toEqual([
      { start: '00:00', end: '24:00' },
    ]);
    const patched = await w.admin.request('PATCH', '/api/v1/calendars/24x7', { name: 'Mine' });
    expect(patched.statusCode).toBe(409);
    expect(patched.json().detail).toMatch(/built-in/);
    expect((await w.admin.request('DELETE', '/api/v1/calendars/24x7')).statusCode).toBe(409);
    expect((await uploadIcs(w.admin, '24x7', ics)).statusCode).toBe(409);
    expect(await w.admin.get('/api/v1/calendars/24x7')).toEqual(builtin);
    expect(await preview(w.agent, '24x7', '2026-03-28T12:00:00+01:00', 24 * 60)).toMatchObject({
      due: '2026-03-29T11:00:00.000Z',
      open: true,
    });
  });

  it('an administrator creates one with a lunch break and a holiday; the preview answers the due instant', async () => {
    const cal = await create();
    expect(cal).toMatchObject({ timeZone: 'Europe/Berlin', builtin: false, hours: week(office) });
    expect(cal.holidays).toMatchObject([
      { date: '2026-03-10', yearly: false, name: 'Closed', source: 'manual' },
    ]);
    expect(await lastAudit()).toMatchObject({ details: { area: 'calendar', created: cal.name } });
    expect(await w.agent.get(`/api/v1/calendars/${cal.id}`)).toEqual(cal);

    // Friday 16:00 plus four business hours: Monday 12:00 (11:00 UTC).
    expect(await preview(w.admin, cal.id, '2026-03-06T16:00:00+01:00', 240)).toEqual({
      from: '2026-03-06T15:00:00.000Z',
      minutes: 240,
      due: '2026-03-09T11:00:00.000Z',
      open: true,
      nextOpen: '2026-03-06T15:00:00.000Z',
    });
    // At lunch, closed until 13:30; the holiday on Tuesday is skipped.
    expect(await preview(w.agent, cal.id, '2026-03-09T12:30:00+01:00', 240)).toMatchObject({
      open: false,
      nextOpen: '2026-03-09T12:30:00.000Z',
      due: '2026-03-11T08:30:00.000Z',
    });
    const bad = await w.admin.request('GET', `/api/v1/calendars/${cal.id}/preview?minutes=-1`);
    expect(bad.statusCode).toBe(400);
    expect(
      (await w.admin.request('GET', `/api/v1/calendars/${cal.id}/preview?minutes=5&x=1`)).statusCode,
    ).toBe(400);
    expect((await w.admin.request('GET', '/api/v1/calendars/nope/preview?minutes=5')).statusCode).toBe(404);
  });

  it('bad input answers 400 with what is wrong, and changes nothing', async () => {
    const before = await list(w.admin);
    const cases: [Json, RegExp][] = [
      [{ timeZone: 'Mars/Olympus' }, /Mars\/Olympus is not an IANA time zone/],
      [{ timeZone: '+02:00' }, /not an IANA time zone/],
      [
        {
          hours: week([
            { start: '09:00', end: '12:00' },
            { start: '11:00', end: '13:00' },
          ]),
        },
        /overlaps/,
      ],
      [
        {
          hours: week([
            { start: '13:00', end: '17:00' },
            { start: '09:00', end: '12:00' },
          ]),
        },
        /overlaps or comes before/,
      ],
      [{ hours: week([{ start: '12:00', end: '09:00' }]) }, /does not end after it starts/],
      [{ hours: week([{ start: '9:00', end: '12:00' }]) }, /HH:MM/],
      [{ hours: week([{ start: '09:00', end: '25:00' }]) }, /HH:MM/],
      [{ hours: week([]) }, /no business hours/],
      [{ hours: { ...week(office), sun: undefined } }, /sun/],
      [{ holidays: [{ date: '2026-02-30' }] }, /2026-02-30 is not a date/],
      [{ holidays: [{ date: '26-1-1' }] }, /YYYY-MM-DD/],
      [
        {
          holidays: [
            { date: '2026-12-25', yearly: true },
            { date: '2027-12-25', yearly: true },
          ],
        },
        /a holiday twice/,
      ],
      [{ name: '' }, /name/],
      [{ extra: 1 }, /extra/],
    ];
    for (const [extra, why] of cases) {
      const res = await w.admin.request('POST', '/api/v1/calendars', body(extra));
      expect(res.statusCode, JSON.stringify(extra)).toBe(400);
      expect(res.json().detail, JSON.stringify(extra)).toMatch(why);
    }
    expect(await list(w.admin)).toEqual(before);

    const cal = await create();
    for (const [extra, why] of cases.filter(([e]) => !('name' in e))) {
      const res = await w.admin.request('PATCH', `/api/v1/calendars/${cal.id}`, extra);
      expect(res.statusCode, JSON.stringify(extra)).toBe(400);
      expect(res.json().detail).toMatch(why);
    }
    const taken = await w.admin.request('POST', '/api/v1/calendars', body({ name: cal.name }));
    expect(taken.statusCode).toBe(409);
    expect(
      (await w.admin.request('PATCH', `/api/v1/calendars/${cal.id}`, { name: before[0]?.name })).statusCode,
    ).toBe(409);
    expect(await w.admin.get(`/api/v1/calendars/${cal.id}`)).toEqual(cal);
  });

  it('an administrator changes and deletes one, on the audit trail; staff read but do not write; customers see none', async () => {
    const cal = await create();
    const changed = await w.admin.expect<Calendar>(200, 'PATCH', `/api/v1/calendars/${cal.id}`, {
      timeZone: 'America/New_York',
      hours: { ...week(office), sat: [{ start: '10:00', end: '14:00' }] },
      holidays: [{ date: '2000-07-04', yearly: true, name: 'Independence Day' }],
    });
    expect(changed).toMatchObject({ name: cal.name, timeZone: 'America/New_York' });
    expect(changed.holidays).toMatchObject([{ date: '2000-07-04', yearly: true, source: 'manual' }]);
    const entry = await lastAudit();
    expect(entry).toMatchObject({ details: { area: 'calendar', changed: cal.name } });
    expect(Object.keys((entry?.details as { changes: Json } | undefined)?.changes ?? {}).sort()).toEqual([
      'holidays',
      'hours',
      'timeZone',
    ]);

    for (const res of [
      await w.agent.request('POST', '/api/v1/calendars', body()),
      await w.agent.request('PATCH', `/api/v1/calendars/${cal.id}`, { name: 'Agent’s' }),
      await w.agent.request('DELETE', `/api/v1/calendars/${cal.id}`),
      await uploadIcs(w.agent, cal.id, ics),
      await w.alice.request('GET', '/api/v1/calendars'),
      await w.alice.request('GET', `/api/v1/calendars/${cal.id}/preview?minutes=5`),
    ])
      expect(res.statusCode).toBe(403);
    expect(await w.agent.get(`/api/v1/calendars/${cal.id}`)).toEqual(changed);

    expect((await w.admin.request('DELETE', `/api/v1/calendars/${cal.id}`)).statusCode).toBe(204);
    expect(await lastAudit()).toMatchObject({ details: { area: 'calendar', deleted: cal.name } });
    expect((await w.admin.request('GET', `/api/v1/calendars/${cal.id}`)).statusCode).toBe(404);
    expect((await w.admin.request('DELETE', `/api/v1/calendars/${cal.id}`)).statusCode).toBe(404);
    expect((await w.admin.request('PATCH', `/api/v1/calendars/${cal.id}`, { name: 'x' })).statusCode).toBe(
      404,
    );
  });

  it('imports holidays from an iCal file: all-day events only, each once, and the due times skip them', async () => {
    const cal = await create({ holidays: [] });
    const res = await uploadIcs(w.admin, cal.id, ics);
    expect(res.statusCode, res.body).toBe(200);
    const out = res.json() as { added: number; skipped: number; calendar: Calendar };
    expect(out.calendar.holidays).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ date: '2020-12-25', yearly: true, name: 'Christmas', source: 'ical' }),
        expect.objectContaining({ date: '2026-03-13', yearly: false, name: 'Company day', source: 'ical' }),
        expect.objectContaining({ date: '2026-11-26', yearly: false, name: 'Thanksgiving' }),
      ]),
    );
    expect(out.added).toBe(out.calendar.holidays.length);
    expect(out.skipped).toBe(1); // the timed meeting
    expect(await lastAudit()).toMatchObject({
      details: { area: 'calendar', changed: cal.name, imported: 'file' },
    });
    // Thursday 16:00 plus two hours: Friday 13 March is the company day, so Monday 10:00.
    expect(await preview(w.admin, cal.id, '2026-03-12T16:00:00+01:00', 120)).toMatchObject({
      due: '2026-03-16T09:00:00.000Z',
    });

    const again = (await uploadIcs(w.admin, cal.id, ics)).json() as { added: number; calendar: Calendar };
    expect(again.added).toBe(0);
    expect(again.calendar.holidays).toEqual(out.calendar.holidays);

    // A PATCH sending the list back keeps where each holiday came from.
    const kept = await w.admin.expect<Calendar>(200, 'PATCH', `/api/v1/calendars/${cal.id}`, {
      holidays: out.calendar.holidays.map(({ date, yearly, name }) => ({ date, yearly, name })),
    });
    expect(kept.holidays.map((h) => h.source)).toEqual(out.calendar.holidays.map(() => 'ical'));

    for (const [data, field, why] of [
      [Buffer.from('not a calendar'), 'file', /not an iCalendar file/],
      [Buffer.from('BEGIN:VCARD\r\nEND:VCARD\r\n'), 'file', /not an iCalendar file/],
      [ics, 'other', /field named "file"/],
    ] as const) {
      const bad = await uploadIcs(w.admin, cal.id, data, field);
      expect(bad.statusCode).toBe(400);
      expect(bad.json().detail).toMatch(why);
    }
    expect((await w.admin.get<Calendar>(`/api/v1/calendars/${cal.id}`)).holidays).toEqual(kept.holidays);
  });

  it('imports holidays from an iCal feed through the outbound guard', async () => {
    const cal = await create({ holidays: [] });
    const ok = await w.admin.expect<{ added: number; calendar: Calendar }>(
      200,
      'POST',
      `/api/v1/calendars/${cal.id}/holidays/import`,
      { url: `${feedBase}/holidays.ics` },
    );
    expect(ok.added).toBeGreaterThan(3);
    expect(ok.calendar.holidays.every((h) => h.source === 'ical')).toBe(true);
    expect(await lastAudit()).toMatchObject({ details: { imported: `${feedBase}/holidays.ics` } });

    const fresh = await create({ holidays: [] });
    for (const [url, why] of [
      [`${feedBase}/missing.ics`, /answered 404/],
      [`${feedBase}/not-ical`, /not an iCalendar file/],
      [`${feedBase}/cut-off`, /could not be read/],
      ['http://169.254.169.254/latest/meta-data', /refused to connect: 169\.254\.169\.254 is a link-local/],
      ['file:///etc/passwd', /url/],
      ['ftp://example.test/x.ics', /url/],
    ] as const) {
      const bad = await w.admin.request('POST', `/api/v1/calendars/${fresh.id}/holidays/import`, { url });
      expect(bad.statusCode, url).toBe(400);
      expect(bad.json().detail, url).toMatch(why);
    }
    expect(
      (await w.admin.request('POST', `/api/v1/calendars/${fresh.id}/holidays/import`, {})).statusCode,
    ).toBe(400);
    expect((await w.admin.get<Calendar>(`/api/v1/calendars/${fresh.id}`)).holidays).toEqual([]);
  });
});
