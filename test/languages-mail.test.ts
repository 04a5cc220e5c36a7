import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDateTime } from '../src/i18n/index.js';
import { JOB_HANDLERS } from '../src/jobs/handlers.js';
import { runJobsOnce } from '../src/jobs/worker.js';
import { saveLanguageDefaults } from '../src/modules/languages/defaults.js';
import { makeWorld, openTicket } from './client.js';
import { startTestApp, type TestEnv } from './helpers.js';
import { startSmtpSink } from './smtp-sink.js';

// What the server writes for a person is in that person's language and time zone: the
// recipient's own choice, else the installation's; a visitor's page follows their browser.

let sink: Awaited<ReturnType<typeof startSmtpSink>>;
let env: TestEnv;
let w: Awaited<ReturnType<typeof makeWorld>>;

beforeAll(async () => {
  sink = await startSmtpSink();
  env = await startTestApp({
    env: {
      SMTP_URL: sink.url,
      MAIL_FROM: 'Acme Support <support@helpdesk.test>',
      INBOUND_EMAIL_ADDRESS: 'support@helpdesk.test',
    },
  });
  w = await makeWorld(env.app);
  // A workflow whose closing asks the requester to rate the help.
  await w.admin.expect(200, 'PUT', '/api/v1/workflow', { preset: 'escalation' });
  // The installation speaks Spanish in Mexico City; Alice chose German, the agent Japanese.
  await saveLanguageDefaults(
    env.database.db,
    { locale: 'es', timeZone: 'America/Mexico_City' },
    new Date().toISOString(),
  );
  await w.alice.expect(200, 'PATCH', '/api/v1/me', { locale: 'de', timeZone: 'Europe/Berlin' });
  await w.agent.expect(200, 'PATCH', '/api/v1/me', { locale: 'ja', timeZone: 'Asia/Tokyo' });
});
afterAll(async () => {
  await env?.close();
  await sink?.close();
});

async function drain() {
  while ((await runJobsOnce(env.app.ctx, JOB_HANDLERS, { intervalMs: 0, maxAttempts: 3 })) > 0);
}
const mailOf = (email: string | undefined, ticketNumber: number) =>
  sink.received
    .filter((r) => r.envelope.to.includes(email ?? ''))
    .filter((r) => r.mail.subject?.startsWith(`[#${ticketNumber}]`))
    .at(-1);

type Message = { id: string; createdAt: string };

describe('mails in the recipient’s language and time zone', () => {
  it('a Japanese agent’s reply reaches a German customer in German, Berlin time; the customer’s answer reaches the agent in Japanese, Tokyo time', async () => {
    const t = await openTicket(w.alice, w.billing.id, { subject: 'Rechnung falsch' });
    await drain();
    const reply = await w.agent.expect<Message>(201, 'POST', `/api/v1/tickets/${t.number}/messages`, {
      body: 'Wir haben die Rechnung korrigiert.',
    });
    await drain();

    const toAlice = mailOf(w.alice.user?.email, t.number);
    expect(toAlice).toBeDefined();
    const german = toAlice!.mail;
    expect(german.subject).toBe(`[#${t.number}] Rechnung falsch`);
    expect(german.headers.get('content-language')).toBe('de');
    expect(german.text).toContain(`Hallo ${w.alice.user?.name},`);
    expect(german.text).toContain(
      `${w.agent.user?.name} vom Support hat auf Ihr Ticket #${t.number} geantwortet.`,
    );
    expect(german.text).toContain('> Wir haben die Rechnung korrigiert.');
    const berlin = formatDateTime('de', 'Europe/Berlin', reply.createdAt);
    expect(german.text).toContain(`Zeitpunkt: ${berlin}`);
    expect(german.text).toContain('Antworten Sie auf diese E-Mail');
    expect(german.text).not.toContain('Hello');
    expect(german.html).toContain('<html lang="de" dir="ltr">');
    expect(german.html).toContain(`Ticket #${t.number} ansehen`);
    // Berlin's wall clock, not Tokyo's (the sender's) nor the server's.
    expect(german.text).not.toContain(formatDateTime('de', 'Asia/Tokyo', reply.createdAt));

    const answer = await w.alice.expect<Message>(201, 'POST', `/api/v1/tickets/${t.number}/messages`, {
      body: 'Danke, jetzt stimmt sie.',
    });
    await drain();
    const toAgent = mailOf(w.agent.user?.email, t.number);
    expect(toAgent).toBeDefined();
    const japanese = toAgent!.mail;
    expect(japanese.headers.get('content-language')).toBe('ja');
    expect(japanese.text).toContain(`${w.agent.user?.name} 様`);
    expect(japanese.text).toContain(`${w.alice.user?.name} さんがチケット #${t.number} に返信しました。`);
    expect(japanese.text).toContain(`日時: ${formatDateTime('ja', 'Asia/Tokyo', answer.createdAt)}`);
    expect(japanese.text).toContain('> Danke, jetzt stimmt sie.');
    expect(japanese.html).toContain('<html lang="ja" dir="ltr">');
  });

  it('a customer who chose no language reads the installation’s, in its time zone', async () => {
    const t = await openTicket(w.bob, w.billing.id, { subject: 'Factura duplicada' });
    await drain();
    const reply = await w.agent.expect<Message>(201, 'POST', `/api/v1/tickets/${t.number}/messages`, {
      body: 'Ya la anulamos.',
    });
    await drain();
    const mail = mailOf(w.bob.user?.email, t.number)?.mail;
    expect(mail?.headers.get('content-language')).toBe('es');
    expect(mail?.text).toContain(`Hola, ${w.bob.user?.name}:`);
    expect(mail?.text).toContain(`respondió en su ticket #${t.number}.`);
    expect(mail?.text).toContain(`Fecha: ${formatDateTime('es', 'America/Mexico_City', reply.createdAt)}`);
  });
});

describe('account mails in the account’s language', () => {
  it('a password reset reaches a German customer in German, the link’s expiry in Berlin time', async () => {
    const email = w.alice.user?.email ?? '';
    const before = sink.received.length;
    const res = await env.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password/forgot',
      payload: { email },
      remoteAddress: '198.51.100.77',
    });
    expect(res.statusCode).toBe(202);
    await drain();
    const mail = sink.received.slice(before).find((r) => r.envelope.to.includes(email))?.mail;
    expect(mail?.headers.get('content-language')).toBe('de');
    expect(mail?.subject).toMatch(/^Neues Passwort für .+ wählen$/);
    expect(mail?.text).toContain(`Hallo ${w.alice.user?.name},`);
    expect(mail?.text).toMatch(/Neues Passwort wählen: http/);
    const until = /Der Link funktioniert einmal, bis (.+)\./.exec(mail?.text ?? '')?.[1];
    expect(until).toMatch(/^\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}$/);
    expect(mail?.html).toContain('<html lang="de" dir="ltr">');
  });
});

describe('a sign-up’s mail in the language it was asked for in', () => {
  it('a visitor whose browser asks for Portuguese is mailed in Portuguese', async () => {
    await w.admin.expect(200, 'PUT', '/api/v1/settings/sign-up', { mode: 'open', domains: [] });
    const email = 'novo-cliente@example.test';
    const res = await env.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-up',
      payload: { name: 'Ana Nova', email },
      headers: { 'accept-language': 'pt-PT,pt;q=0.9' },
      remoteAddress: '198.51.100.78',
    });
    expect(res.statusCode).toBe(202);
    await drain();
    const mail = sink.received.find((r) => r.envelope.to.includes(email))?.mail;
    expect(mail?.headers.get('content-language')).toBe('pt-BR');
    expect(mail?.subject).toMatch(/^Confirme seu endereço para /);
    expect(mail?.text).toContain('Olá, Ana Nova,');
  });
});

describe('pages for visitors follow their browser’s language', () => {
  let surveyPath = '';
  beforeAll(async () => {
    const t = await openTicket(w.alice, w.billing.id, { subject: 'Zugang gesperrt' });
    await w.agent.expect(200, 'PATCH', `/api/v1/tickets/${t.number}`, { status: 'closed' });
    const rows = await env.database.db
      .selectFrom('outbox')
      .select('payload')
      .where('dedupe_key', 'like', 'ticket.survey:%')
      .execute();
    const url = rows
      .map((r) => JSON.parse(r.payload) as { ticketNumber: number; url: string })
      .find((p) => p.ticketNumber === t.number)?.url;
    surveyPath = new URL(url ?? '').pathname;
    await drain();
  });

  it('the survey mail is in the customer’s language', async () => {
    const mails = sink.received.filter((r) => r.envelope.to.includes(w.alice.user?.email ?? ''));
    const survey = mails.find((m) => m.mail.text?.includes(surveyPath));
    expect(survey?.mail.headers.get('content-language')).toBe('de');
    expect(survey?.mail.text).toContain(`Bewerten Sie die erhaltene Hilfe: `);
  });

  it('a survey page asked for in French answers in French', async () => {
    const res = await env.app.inject({
      method: 'GET',
      url: surveyPath,
      headers: { 'accept-language': 'fr-CA,fr;q=0.9,en;q=0.5' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-language']).toBe('fr');
    expect(res.body).toContain('<html lang="fr" dir="ltr">');
    expect(res.body).toContain('Comment nous sommes-nous débrouillés ?');
    expect(res.body).toContain('Votre note');
    expect(res.body).toContain('5 — Excellent');
    expect(res.body).toContain('Zugang gesperrt');
  });

  it('an Arabic page is right-to-left, and a refusal on it is in Arabic', async () => {
    const res = await env.app.inject({
      method: 'GET',
      url: surveyPath,
      headers: { 'accept-language': 'ar' },
    });
    expect(res.body).toContain('<html lang="ar" dir="rtl">');
    expect(res.body).toContain('ما رأيك في خدمتنا؟');
    const forged = await env.app.inject({
      method: 'GET',
      url: `${surveyPath.slice(0, -3)}abc`,
      headers: { 'accept-language': 'ar' },
    });
    expect(forged.statusCode).toBe(404);
    expect(forged.body).toContain('dir="rtl"');
    expect(forged.body).toContain('رابط الاستبيان هذا غير صالح');
  });

  it('without Accept-Language a page is in the installation’s language; the API’s refusal follows the browser too', async () => {
    const res = await env.app.inject({ method: 'GET', url: surveyPath });
    expect(res.body).toContain('<html lang="es" dir="ltr">');
    expect(res.body).toContain('¿Qué tal lo hicimos?');
    const forged = await env.app.inject({
      method: 'POST',
      url: `${surveyPath.slice(0, -3)}abc`,
      headers: { 'accept-language': 'de' },
      payload: { rating: 5 },
    });
    expect(forged.statusCode).toBe(404);
    expect(forged.json().detail).toBe('Dieser Umfrage-Link ist ungültig');
  });

  it('the help centre speaks the visitor’s language', async () => {
    const res = await env.app.inject({ method: 'GET', url: '/help', headers: { 'accept-language': 'ja' } });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<html lang="ja" dir="ltr">');
    expect(res.body).toContain('ヘルプセンター');
    expect(res.body).toContain('どのようなご用件でしょうか？');
  });
});
