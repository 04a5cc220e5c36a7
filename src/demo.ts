import {
  createUserBody,
  departmentBody,
  organisationBody,
  pageQuery,
  ticketListQuery,
  type User,
  updateUserBody,
} from '../common/api.js';
import { cannedBody } from '../common/intake.js';
import type { Actor, Ctx } from './context.js';
import {
  DEMO_PASSWORD,
  DEPARTMENTS,
  type DepartmentName,
  days,
  hours,
  minutes,
  ORGANISATIONS,
  type PersonKey,
  STAFF,
  type StaffKey,
} from './demo/cast.js';
import { seedDemoKnowledgeBase } from './demo/kb.js';
import { actingAt, type Cast, playTickets } from './demo/play.js';
import { TRADING_PRIORITY_HELP } from './demo/priorities.js';
import { DEMO_TICKETS } from './demo/tickets.js';
import { settleJobsCreatedBefore } from './jobs/outbox.repository.js';
import { createCanned } from './modules/canned/canned.service.js';
import { createDepartment } from './modules/departments/departments.service.js';
import { installTriage } from './modules/intake/intake.service.js';
import { setPriorityHelp } from './modules/intake/priority-help.js';
import { createOrganisation, listOrganisations } from './modules/organisations/organisations.service.js';
import { upsertAdmin } from './modules/setup/setup.service.js';
import { getTicket, listTickets } from './modules/tickets/tickets.service.js';
import { findUserByEmail } from './modules/users/users.repository.js';
import { createUser, updateUser } from './modules/users/users.service.js';
import { loadWorkflow, putWorkflow } from './modules/workflow/workflow.service.js';
import { isPresetName, PRESET_NAMES, type PresetName } from './workflow/presets/index.js';

/** When the demo help desk "opened": before the first organisation joined. */
const OPENED_AGO = days(60);

/**
 * Fills an empty database with a demo help desk: organisations, departments, staff, customers and
 * about thirty tickets with their conversations, spread over the last weeks. Everything goes
 * through the services, each step acting as its author at its time. Leaves a database that holds
 * tickets or organisations alone. Returns the demo logins and the URL, ready to print.
 */
export async function seedDemo(ctx: Ctx, opts: { preset?: string } = {}): Promise<string> {
  const preset = presetOf(opts.preset);
  const occupied = await whyNotEmpty(ctx);
  if (occupied) {
    const message = `Demo data not loaded: ${occupied}. The demo only fills an empty database, so the existing data was left alone.`;
    ctx.log.info(message);
    return message;
  }
  const now = ctx.clock().getTime();
  const start = now - OPENED_AGO;
  const cast = await createCast(ctx, start);
  // The chosen preset becomes the installation's workflow, set by the demo administrator.
  if (preset) await putWorkflow(actingAt(ctx, cast.actor('maya'), start + minutes(20)), { preset });
  await setPriorityHelp(actingAt(ctx, cast.actor('maya'), start + minutes(21)), TRADING_PRIORITY_HELP);
  const wf = await loadWorkflow(ctx, ctx.db);
  const numbers = await playTickets(ctx, wf, cast, DEMO_TICKETS, now);
  await seedDemoKnowledgeBase(actingAt(ctx, cast.actor('maya'), start + days(2)));
  // These conversations happened in the past: their notices are history, not news to send now.
  await settleJobsCreatedBefore(ctx.db, new Date(now + 1).toISOString());

  const lead = cast.actor('maya');
  const byStatus = new Map<string, number>();
  for (const number of numbers) {
    const t = await getTicket(actingAt(ctx, lead, now), number);
    byStatus.set(t.status.key, (byStatus.get(t.status.key) ?? 0) + 1);
  }
  const statuses = wf.statuses
    .filter((st) => byStatus.has(st.key))
    .map((st) => `${byStatus.get(st.key)} ${st.staffLabel}`)
    .join(', ');
  ctx.log.info(
    `Demo data loaded: ${numbers.length} tickets on the ${wf.preset} workflow; every demo account's password is "${DEMO_PASSWORD}" (administrator: ${STAFF.maya.email})`,
  );
  return summary(ctx, { tickets: numbers.length, statuses, preset: wf.preset });
}

function presetOf(name: string | undefined): PresetName | null {
  if (name === undefined) return null;
  if (isPresetName(name)) return name;
  throw new Error(`There is no workflow preset "${name}". Available presets: ${PRESET_NAMES.join(', ')}.`);
}

/** Why the database does not count as empty, or null when the demo may fill it. */
async function whyNotEmpty(ctx: Ctx): Promise<string | null> {
  // Read-only look as an administrator that acts on nothing: the lists see everything.
  const inspector: Actor = {
    id: 'demo-inspector',
    email: 'demo@localhost',
    name: 'Demo',
    role: 'admin',
    organisationId: null,
    departmentIds: [],
  };
  const look = { ...ctx, actor: inspector };
  const [tickets, organisations] = await Promise.all([
    listTickets(look, ticketListQuery.parse({ limit: 1 })),
    listOrganisations(look, pageQuery.parse({ limit: 1 })),
  ]);
  if (tickets.items.length > 0) return 'the database already holds tickets';
  if (organisations.items.length > 0) return 'the database already holds organisations';
  const emails = [
    ...Object.values(STAFF).map((s) => s.email),
    ...ORGANISATIONS.flatMap((o) => o.customers.map((c) => c.email)),
  ];
  const taken = [];
  for (const email of emails) if (await findUserByEmail(ctx.db, email)) taken.push(email);
  if (taken.length > 0) return `users with demo email addresses exist already (${taken.join(', ')})`;
  return null;
}

/** Departments, the staff, the organisations and their customers, each created at its own time. */
async function createCast(ctx: Ctx, start: number): Promise<Cast> {
  const actors = new Map<PersonKey, Actor>();
  const maya = await createLead(ctx, start);
  actors.set('maya', maya);
  const departments = await createDepartments(ctx, maya, start);
  await createStaff(ctx, maya, start, departments, actors);
  // The guided intake (ticket types and fields) and the team's canned responses.
  await installTriage(actingAt(ctx, maya, start + hours(3)));
  const canned = await createCannedResponses(ctx, maya, start, departments);
  await createCustomers(ctx, maya, start + OPENED_AGO, actors);

  return {
    actor(key) {
      const actor = actors.get(key);
      if (!actor) throw new Error(`The demo has no person "${key}"`);
      return actor;
    },
    departmentId(name) {
      const id = departments.get(name);
      if (!id) throw new Error(`The demo has no department "${name}"`);
      return id;
    },
    cannedId(title) {
      const id = canned.get(title);
      if (!id) throw new Error(`The demo has no canned response "${title}"`);
      return id;
    },
  };
}

/** The lead is the demo's administrator; created the way `tessera admin create` does it. */
async function createLead(ctx: Ctx, start: number): Promise<Actor> {
  const lead = STAFF.maya;
  await upsertAdmin(
    ctx.db,
    { clock: () => new Date(start) },
    { email: lead.email, password: DEMO_PASSWORD, name: lead.name },
  );
  const leadRow = await findUserByEmail(ctx.db, lead.email);
  if (!leadRow) throw new Error(`The demo administrator ${lead.email} was not created`);
  return {
    id: leadRow.id,
    email: leadRow.email,
    name: leadRow.name,
    role: 'admin',
    organisationId: null,
    departmentIds: [],
  };
}

/** The departments by name; the lead joins hers. */
async function createDepartments(ctx: Ctx, maya: Actor, start: number) {
  const departments = new Map<DepartmentName, string>();
  for (const [i, d] of DEPARTMENTS.entries()) {
    const created = await createDepartment(
      actingAt(ctx, maya, start + minutes(5 + i)),
      departmentBody.parse(d),
    );
    departments.set(d.name, created.id);
  }
  await updateUser(
    actingAt(ctx, maya, start + minutes(15)),
    maya.id,
    updateUserBody.parse({ departmentIds: idsOf(departments, STAFF.maya.departments) }),
  );
  return departments;
}

const idsOf = (departments: Map<DepartmentName, string>, names: readonly DepartmentName[]) =>
  names.map((n) => departments.get(n)!);

async function createStaff(
  ctx: Ctx,
  maya: Actor,
  start: number,
  departments: Map<DepartmentName, string>,
  actors: Map<PersonKey, Actor>,
) {
  const agents: StaffKey[] = ['omar', 'jonas'];
  for (const [i, key] of agents.entries()) {
    const s = STAFF[key];
    const user = await createUser(
      actingAt(ctx, maya, start + hours(2 + i)),
      createUserBody.parse({
        email: s.email,
        name: s.name,
        role: s.role,
        password: DEMO_PASSWORD,
        departmentIds: idsOf(departments, s.departments),
      }),
    );
    actors.set(key, actorOf(user));
  }
}

/** The canned responses' ids by title. */
async function createCannedResponses(
  ctx: Ctx,
  maya: Actor,
  start: number,
  departments: Map<DepartmentName, string>,
) {
  const canned = new Map<string, string>();
  for (const [i, c] of CANNED.entries()) {
    const made = await createCanned(
      actingAt(ctx, maya, start + hours(3) + minutes(i + 1)),
      cannedBody.parse({
        title: c.title,
        body: c.body,
        departmentId: c.department ? departments.get(c.department) : null,
      }),
    );
    canned.set(c.title, made.id);
  }
  return canned;
}

/** Each organisation on the day it joined, and its customers in the minutes after. */
async function createCustomers(ctx: Ctx, maya: Actor, now: number, actors: Map<PersonKey, Actor>) {
  for (const org of ORGANISATIONS) {
    const joined = now - days(org.joinedDaysAgo);
    const created = await createOrganisation(
      actingAt(ctx, maya, joined),
      organisationBody.parse({ name: org.name }),
    );
    for (const [i, c] of org.customers.entries()) {
      const user = await createUser(
        actingAt(ctx, maya, joined + minutes(10 * (i + 1))),
        createUserBody.parse({
          email: c.email,
          name: c.name,
          role: 'customer',
          password: DEMO_PASSWORD,
          organisationId: created.id,
          ...(c.phone && { phone: c.phone }),
        }),
      );
      actors.set(c.key, actorOf(user));
    }
  }
}

const CANNED: { title: string; body: string; department?: DepartmentName }[] = [
  {
    title: 'Looking into it',
    body: 'Hi {{customer.name}},\n\nThanks for reporting this. I am looking into ticket #{{ticket.number}} now and will update you within the hour.\n\n{{agent.name}}',
  },
  {
    title: 'Top-up credited',
    body: 'Hi {{customer.name}},\n\nYour top-up has now been credited to your balance. Sorry for the wait.\n\n{{agent.name}}, Billing',
    department: 'Billing',
  },
  {
    title: 'Re-save the bot range',
    body: 'Hi {{customer.name}},\n\nAs a workaround, open the bot, re-save its range and restart it: that writes the range override again. A fix is on its way.\n\n{{agent.name}}',
    department: 'Bot',
  },
];

/** The actor a signed-in user would be (see toActor in auth.service.ts). */
const actorOf = (u: User): Actor => ({
  id: u.id,
  email: u.email,
  name: u.name,
  role: u.role,
  organisationId: u.organisationId,
  departmentIds: u.role === 'agent' ? u.departmentIds : [],
});

function summary(ctx: Ctx, s: { tickets: number; statuses: string; preset: string }): string {
  const customers = ORGANISATIONS.reduce((n, o) => n + o.customers.length, 0);
  const width = Math.max(
    ...Object.values(STAFF).map((p) => p.email.length),
    ...ORGANISATIONS.flatMap((o) => o.customers.map((c) => c.email.length)),
  );
  const row = (email: string, name: string, what = '') =>
    `    ${email.padEnd(width)}  ${name}${what && `, ${what}`}`;
  const staff = Object.values(STAFF).map((p) =>
    row(
      p.email,
      p.name,
      p.role === 'admin' ? 'administrator, in every department' : `agent in ${p.departments.join(' and ')}`,
    ),
  );
  const organisations = ORGANISATIONS.flatMap((o) => [
    `  ${o.name} (customers; each sees every ticket of ${o.name})`,
    ...o.customers.map((c) => row(c.email, c.name)),
  ]);
  const url = ctx.config.publicUrl;
  return [
    `Demo data loaded: ${ORGANISATIONS.length} organisations, ${DEPARTMENTS.length} departments, ${Object.keys(STAFF).length} staff, ${customers} customers and ${s.tickets} tickets`,
    `(${s.statuses}) on the "${s.preset}" workflow.`,
    '',
    `Tessera: ${url}   API documentation: ${url}/api/docs`,
    `Sign in as any of these; every demo password is: ${DEMO_PASSWORD}`,
    '',
    '  Staff',
    ...staff,
    ...organisations,
    ...(ctx.config.admin
      ? ['', `${ctx.config.admin.email} (TESSERA_ADMIN_EMAIL) stays an administrator with its own password.`]
      : []),
    '',
    'These passwords are published: use the demo for trying Tessera out, not for real support.',
  ].join('\n');
}
