// npm run bench:mail -- [--replies N] [--notices N] [--connections C]
//
// Email throughput on SQLite, end to end through real SMTP: replies sent to the built-in listener
// until a worker at the default interval has stored them as replies on their tickets; one 25 MB
// mail through the raw-MIME endpoint (time, peak RSS); notices from staff replies until a local
// SMTP sink has received them. Prints figures; never fails on timing.

import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import nodemailer from 'nodemailer';
import { pino } from 'pino';
import { SMTPServer } from 'smtp-server';
import { buildApp } from '../src/app.js';
import { replyAddress, replyToken } from '../src/channels/email/reply-token.js';
import { startSmtpListener } from '../src/channels/email/smtp-listener.js';
import { loadConfig } from '../src/config.js';
import type { Actor, Ctx } from '../src/context.js';
import { openDatabase } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { JOB_HANDLERS } from '../src/jobs/handlers.js';
import { runJobsOnce, startWorker } from '../src/jobs/worker.js';
import { toActor } from '../src/modules/auth/auth.service.js';
import { createDepartment } from '../src/modules/departments/departments.service.js';
import { addMessage } from '../src/modules/messages/messages.service.js';
import { ensureFirstAdmin } from '../src/modules/setup/setup.service.js';
import { createTicket } from '../src/modules/tickets/tickets.service.js';
import { findUserByEmail } from '../src/modules/users/users.repository.js';
import { createUser } from '../src/modules/users/users.service.js';
import { bigMail } from '../test/big-mail.js';

const { values } = parseArgs({
  options: {
    replies: { type: 'string', default: '2000' },
    notices: { type: 'string', default: '2000' },
    connections: { type: 'string', default: '10' },
  },
});
const REPLIES = Number(values.replies);
const NOTICES = Number(values.notices);
const CONNECTIONS = Number(values.connections);

async function main() {
  // A local SMTP sink standing in for the outgoing mail server.
  let received = 0;
  const sink = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _s, cb) {
      stream.on('data', () => {});
      stream.on('end', () => {
        received++;
        cb();
      });
    },
  });
  await new Promise<void>((r) => sink.listen(0, '127.0.0.1', r));
  const sinkPort = (sink.server.address() as { port: number }).port;

  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tessera-bench-mail-'));
  const config = loadConfig({
    TESSERA_DATA_DIR: dataDir,
    TESSERA_SECRET: randomBytes(32).toString('hex'),
    TESSERA_ADMIN_EMAIL: 'admin@bench.test',
    TESSERA_ADMIN_PASSWORD: 'bench-password-1',
    INBOUND_EMAIL_ADDRESS: 'support@bench.test',
    INBOUND_SMTP_PORT: '0',
    INBOUND_SMTP_HOST: '127.0.0.1',
    SMTP_URL: `smtp://127.0.0.1:${sinkPort}`,
    TESSERA_OUTBOUND_ALLOW: '127.0.0.1',
    LOG_LEVEL: 'silent',
  });
  const database = openDatabase(config.databaseUrl);
  await migrateToLatest(database.db);
  const ctx: Ctx = {
    db: database.db,
    dialect: database.dialect,
    config,
    clock: () => new Date(),
    log: pino({ level: 'silent' }),
  };
  await ensureFirstAdmin(ctx);
  const admin = await toActor(ctx, (await findUserByEmail(ctx.db, 'admin@bench.test'))!);
  const as = (actor: Actor) => ({ ...ctx, actor });
  const dept = await createDepartment(as(admin), { name: 'Support' });
  const agentUser = await createUser(as(admin), {
    email: 'agent@bench.test',
    name: 'Agent',
    role: 'agent',
    departmentIds: [dept.id],
  });
  const agent = await toActor(ctx, (await findUserByEmail(ctx.db, agentUser.email))!);
  const customers: Actor[] = [];
  for (let i = 0; i < 50; i++) {
    const u = await createUser(as(admin), {
      email: `c${i}@bench.test`,
      name: `Customer ${i}`,
      role: 'customer',
    });
    customers.push(await toActor(ctx, (await findUserByEmail(ctx.db, u.email))!));
  }
  const tickets: { number: number; customer: Actor }[] = [];
  for (let i = 0; i < 200; i++) {
    const customer = customers[i % customers.length]!;
    const t = await createTicket(
      as(customer),
      { subject: `Ticket ${i}`, description: 'Opening message', departmentId: dept.id, priority: 'normal' },
      'portal',
    );
    tickets.push({ number: t.number, customer });
  }
  const drain = async () => {
    while ((await runJobsOnce(ctx, JOB_HANDLERS, { intervalMs: 0, batch: 100 })) > 0);
  };
  await drain();
  received = 0;

  // Inbound: replies by SMTP to the listener, processed by a worker polling at the configured
  // (default) interval, as `tessera start` runs it, until every reply is stored on its ticket.
  const listener = await startSmtpListener(ctx);
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port: listener.port,
    pool: true,
    maxConnections: CONNECTIONS,
    ignoreTLS: true,
  });
  const processedCount = async () =>
    Number(
      (
        await ctx.db
          .selectFrom('inbound_messages')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('state', '=', 'processed')
          .executeTakeFirstOrThrow()
      ).n,
    );
  const worker = startWorker(ctx, JOB_HANDLERS, {
    intervalMs: config.workerIntervalMs,
    maxAttempts: config.outboxMaxAttempts,
  });
  const t0 = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (next < REPLIES) {
        const i = next++;
        const t = tickets[i % tickets.length]!;
        await transport.sendMail({
          from: t.customer.email,
          to: replyAddress('support@bench.test', replyToken(config.secret, t.number, t.customer.id)),
          subject: `Re: [#${t.number}] Ticket`,
          messageId: `<bench-${i}@customer.test>`,
          text: `Reply number ${i}.\n\nOn Monday, Support wrote:\n> Did that help?`,
        });
      }
    }),
  );
  const accepted = performance.now();
  let stored = await processedCount();
  while (stored < REPLIES && performance.now() - accepted < 600_000) {
    await new Promise((r) => setTimeout(r, 20));
    stored = await processedCount();
  }
  const processed = performance.now();
  await worker.stop();
  transport.close();

  // One 25 MB mail through the raw-MIME endpoint (an MTA pipe), as an administrator's token sends it.
  const app = await buildApp({ config, database, logger: false });
  await app.ready();
  const login = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email: 'admin@bench.test', password: 'bench-password-1' },
  });
  const cookie = String(login.headers['set-cookie']).split(';')[0] ?? '';
  const token = (
    await app.inject({ method: 'POST', url: '/api/v1/tokens', headers: { cookie }, payload: { name: 'mta' } })
  ).json<{ token: string }>().token;
  const big = bigMail(25, 'bench-big@customer.test', 'c0@bench.test');
  global.gc?.();
  const rss0 = process.memoryUsage().rss;
  let peak = rss0;
  const sample = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  const b0 = performance.now();
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/inbound/email',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'message/rfc822' },
    payload: big,
  });
  const bigMs = performance.now() - b0;
  clearInterval(sample);
  peak = Math.max(peak, process.memoryUsage().rss);
  await app.close();

  // Outbound: staff replies, each a notice to its customer, until the sink has them all.
  await drain();
  received = 0;
  const o0 = performance.now();
  for (let i = 0; i < NOTICES; i++) {
    const t = tickets[i % tickets.length]!;
    await addMessage(as(agent), t.number, { body: `Answer ${i}`, internal: false }, 'portal');
  }
  const decided = performance.now();
  await drain();
  const delivered = performance.now();

  const rate = (n: number, ms: number) => Math.round((n / ms) * 1000);
  console.log(`\n== Tessera mail benchmark (SQLite, ${os.cpus().length} cores, node ${process.version}) ==`);
  console.log(`inbound:  ${REPLIES} replies over ${CONNECTIONS} SMTP connections`);
  console.log(
    `  accepted (250, stored):        ${rate(REPLIES, accepted - t0)} msg/s  (${Math.round(accepted - t0)} ms)`,
  );
  console.log(
    `  end to end, worker every ${config.workerIntervalMs} ms: ${rate(stored, processed - t0)} msg/s  (${stored} stored as replies in ${Math.round(processed - t0)} ms; target >= 300/s)`,
  );
  console.log(
    `raw endpoint: one ${(big.length / 1048576).toFixed(1)} MB mail: HTTP ${res.statusCode} in ${Math.round(bigMs)} ms, peak RSS +${Math.round((peak - rss0) / 1048576)} MB`,
  );
  console.log(`outbound: ${NOTICES} staff replies, one notice each`);
  console.log(`  replies written:               ${rate(NOTICES, decided - o0)} /s`);
  console.log(
    `  notices delivered to the sink: ${rate(received, delivered - decided)} /s  (${received} mails)`,
  );

  await listener.close();
  await database.close();
  await new Promise<void>((r) => sink.close(() => r()));
  rmSync(dataDir, { recursive: true, force: true });
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
