import type { Actor } from '../context.js';
import { forbidden } from '../errors.js';

// Who may do what, in one place. Services call `authorize` before they act; presenters call `can`
// to fill `abilities`; both read the same rule, so the UI never offers what the API refuses.
// Visibility (which tickets exist for someone) is the SQL scope's; a rule here only says what a
// caller may do with what they can see.

type Rule = { allow: (actor: Actor, subject: Subject) => boolean; denied: string };

/** What some rules look at besides the actor. */
export type Subject = {
  /** How the request was authenticated: some integrations need an API token. */
  via?: 'cookie' | 'bearer' | null;
  /** The user a rule about users is applied to. */
  userId?: string;
  /** The role of the people an invitation is for. */
  inviteRole?: Actor['role'];
  /** The account settings let agents invite customers. */
  agentsInviteCustomers?: boolean;
  /** A saved view as it is or is to be: who owns it and with whom it is shared. */
  view?: { scope: 'personal' | 'department' | 'everyone'; ownerId: string; departmentId: string | null };
  /** The assignee of the ticket a rule is applied to. */
  assigneeId?: string | null;
};

const anyone = () => true;
const staff = (a: Actor) => a.role !== 'customer';
const admin = (a: Actor) => a.role === 'admin';
const adminOnly = (denied: string): Rule => ({ allow: admin, denied });
const staffOnly = (denied: string): Rule => ({ allow: staff, denied });
const customerOnly = (denied: string): Rule => ({ allow: (a) => a.role === 'customer', denied });
const signedIn: Rule = { allow: anyone, denied: 'You are not allowed to do this' };

/**
 * A saved view is changed by its owner while it is theirs; one shared with a department by an
 * administrator or by its owner while they work there; one shared with everyone by administrators.
 */
function managesView(a: Actor, v: Subject['view']): boolean {
  if (!v || !staff(a)) return false;
  switch (v.scope) {
    case 'personal':
      return v.ownerId === a.id;
    case 'department':
      return admin(a) || (v.ownerId === a.id && a.departmentIds.includes(v.departmentId ?? ''));
    case 'everyone':
      return admin(a);
  }
}

const RULES = {
  // Tickets. Opening and replying are open to whoever sees the ticket; the workflow says when.
  'ticket.create': signedIn,
  'ticket.createForOthers': staffOnly('Only staff open tickets on behalf of a customer'),
  'ticket.update': staffOnly('Only staff change tickets'),
  'ticket.delete': adminOnly('Only administrators delete tickets'),
  'ticket.merge': staffOnly('Only staff merge tickets'),
  /** Changing many tickets at once as a job, and following its progress. */
  'ticket.bulk': staffOnly('Only staff change tickets in bulk'),
  'ticket.reply': signedIn,
  /** Customers close or reopen their own tickets where the workflow allows; staff set the status. */
  'ticket.customerClose': customerOnly('Staff close a ticket by setting its status'),
  'ticket.customerReopen': customerOnly('Staff reopen a ticket by setting its status'),
  'ticket.addInternalNote': staffOnly('Only staff add internal notes'),
  /** Internal notes, reasons, satisfaction, staff-only live signals. */
  'ticket.readInternal': staffOnly('Only staff see internal notes'),
  /** Keeping a half-written reply or note on the server, per person and ticket. */
  'ticket.draft': staffOnly('Drafts are kept for staff only'),
  /** Following a ticket to get its staff notices; whoever may be notified must see it too. */
  'ticket.follow': staffOnly('Only staff follow tickets'),
  /** Adding or removing another staff member as a follower: administrators and the assignee. */
  'ticket.manageFollowers': {
    allow: (a, s) => admin(a) || (staff(a) && s.assigneeId === a.id),
    denied: 'Only administrators and the assignee add or remove other followers',
  },
  /** Saying one has a ticket open, and hearing who else has: colleagues only. */
  'ticket.presence': staffOnly('Only staff see who else is on a ticket'),
  'attachment.upload': signedIn,
  /** Seeing how a message being written will look: anyone who may write one. */
  'message.preview': signedIn,
  /** A list of tickets as a file: what the caller sees anyway, so anyone signed in. */
  'ticket.export': signedIn,
  /** Tags are the team's own words about tickets: staff see and filter by them. */
  'tag.read': staffOnly('Tags are for staff'),
  /** Renaming, merging or removing a tag on every ticket. */
  'tag.manage': adminOnly('Only administrators rename or remove tags across tickets'),
  /** Business-hours calendars: staff read them (targets and due times are counted on them). */
  'calendar.read': staffOnly('Calendars are for staff'),
  'calendar.manage': adminOnly('Only administrators manage calendars'),
  /** Service-level policies: staff read them (the targets their tickets are held to). */
  'sla.read': staffOnly('Service levels are for staff'),
  'sla.manage': adminOnly('Only administrators manage service levels'),
  /** Triggers: rules that change tickets and send mail on events. */
  'trigger.manage': adminOnly('Only administrators manage triggers'),
  /** Outgoing webhooks, their secrets and delivery logs. */
  'webhook.manage': adminOnly('Only administrators manage webhooks'),
  /** Imports from another helpdesk: they create people, tickets and accounts. */
  'import.run': adminOnly('Only administrators import from another helpdesk'),
  // Saved views of the queue.
  'view.use': staffOnly('Saved views are for staff'),
  'view.manage': {
    allow: (a, s) => managesView(a, s.view),
    denied:
      'Only its owner changes a personal view; a department’s, administrators and its owner in that department; everyone’s, administrators',
  },
  // Canned responses.
  'canned.use': staffOnly('Canned responses are for staff'),
  'canned.manage': adminOnly('Only administrators manage canned responses'),
  /** A signature of one's own, and reading one's departments' signatures. */
  'signature.own': staffOnly('Signatures are for staff'),
  'signature.department': adminOnly('Only administrators set a department’s signature'),
  /** Every department's canned responses, not only the agent's own. */
  'canned.useAnyDepartment': adminOnly('Only administrators use every department’s canned responses'),
  // People and structure.
  'user.list': staffOnly('Only staff list users'),
  'user.manage': adminOnly('Only administrators manage users'),
  /** Agents invite customers too when the account settings allow it (into organisations they serve). */
  'user.invite': {
    allow: (a, s) =>
      admin(a) || (a.role === 'agent' && s.agentsInviteCustomers === true && s.inviteRole === 'customer'),
    denied:
      'Only administrators invite users (and agents invite customers, if the account settings allow it)',
  },
  /** Taking away a user's administrator role or access: never one's own, so someone can undo it. */
  'user.demote': {
    allow: (a, s) => admin(a) && s.userId !== a.id,
    denied: 'You cannot demote or deactivate yourself',
  },
  // Customer profiles. Staff see every customer already (to open tickets for them), so a profile
  // shows them too; its tickets stay those the caller sees.
  'customer.read': staffOnly('Only staff see customer profiles'),
  'customer.editContact': staffOnly('Only staff change a customer’s contact details'),
  /** The address is how someone signs in and where their reset links go: changing it is an administrator's. */
  'customer.editEmail': adminOnly('Only administrators change the address a customer signs in with'),
  'customer.note': staffOnly('Notes about customers are for staff'),
  'customer.changeNote': {
    allow: (a, s) => admin(a) || (staff(a) && s.userId === a.id),
    denied: 'Only its author or an administrator changes a note',
  },
  /** Moves sign-in addresses and every ticket of one record to another: as much as managing users. */
  'customer.merge': adminOnly('Only administrators merge customer records'),
  /** Everything stored about a person or an organisation, internal notes included. */
  'profile.export': adminOnly('Only administrators export a customer’s or an organisation’s data'),
  'organisation.create': adminOnly('Only administrators create organisations'),
  'organisation.update': adminOnly('Only administrators change organisations'),
  'department.create': adminOnly('Only administrators create departments'),
  'department.update': adminOnly('Only administrators change departments'),
  'token.create': signedIn,
  'token.createBilling': adminOnly('Only administrators create billing tokens'),
  'token.revoke': signedIn,
  /** Every user's tokens, not only one's own. */
  'token.manageAll': adminOnly('Only administrators manage every token'),
  // Configuration.
  /** The whole workflow document, timers and internal labels included. */
  'workflow.readFull': staffOnly('Only staff see the whole workflow'),
  'workflow.update': adminOnly('Only administrators change the workflow'),
  'intake.manage': adminOnly('Only administrators configure ticket types and fields'),
  'priorityHelp.update': adminOnly('Only administrators change the priority descriptions'),
  /** The installation's language and time zone, and configured texts and product strings in other languages. */
  'language.manage': adminOnly('Only administrators manage languages and translations'),
  'accountSettings.read': staffOnly('Only staff see how accounts are run'),
  'accountSettings.update': adminOnly('Only administrators change how accounts are run'),
  'signUp.configure': adminOnly('Only administrators configure sign-up'),
  'channelSettings.read': adminOnly('Only administrators see the channel settings'),
  'channelSettings.update': adminOnly('Only administrators change the channel settings'),
  'channelSettings.test': adminOnly('Only administrators test the channels'),
  'outbox.read': adminOnly('Only administrators see the outbox'),
  'outbox.retry': adminOnly('Only administrators retry deliveries'),
  'sso.configure': adminOnly('Only administrators configure single sign-on'),
  'audit.read': adminOnly('Only administrators read the audit trail'),
  'inbound.review': adminOnly('Only administrators review inbound mail'),
  'inbound.post': {
    allow: (a, s) => a.role === 'admin' && s.via === 'bearer',
    denied: 'Inbound mail needs an administrator’s API token',
  },
  'reports.read': staffOnly('Reports are for staff'),
  // Subscriptions.
  'plans.list': staffOnly('Only staff see plans'),
  'subscriptions.configure': adminOnly('Only administrators manage plans and subscriptions'),
  'subscriptions.manage': staffOnly('Only staff manage subscriptions'),
  'subscriptions.list': staffOnly('Only staff list subscriptions'),
  'subscriptions.billing': adminOnly('Only administrators and billing tokens write subscriptions'),
  // The knowledge base. Reading is the SQL scope's (modules/kb/kb.visibility.ts); these say who writes.
  /** Writing, publishing, archiving and restoring articles: agents and administrators. */
  'kb.write': staffOnly('Only staff write knowledge-base articles'),
  'kb.delete': adminOnly('Only administrators delete knowledge-base articles'),
  'kb.manageCategories': adminOnly('Only administrators arrange knowledge-base categories'),
  /** Suggestions shown, opened and deflections, per article. */
  'kb.report': staffOnly('Knowledge-base reports are for staff'),
  /** Settings such as suggested articles in the first answer to an email ticket. */
  /** Counting suggestions shown, opened or that solved the problem: anyone signed in. */
  'kb.deflect': signedIn,
  'kb.configure': adminOnly('Only administrators change the knowledge-base settings'),
  // One's own settings.
  'me.preferences': signedIn,
  /** The bell: in-app notices about tickets, which only staff receive. */
  'me.notifications': staffOnly('In-app notifications are for staff'),
  'me.profile': signedIn,
  'me.telegram': signedIn,
  'me.password': signedIn,
  'me.sessions': signedIn,
  'me.secondFactor': signedIn,
} satisfies Record<string, Rule>;

export type Action = keyof typeof RULES;

/** Whether `actor` may do `action`: for abilities and filters; changes nothing. */
export const can = (actor: Actor, action: Action, subject: Subject = {}): boolean =>
  RULES[action].allow(actor, subject);

// Which actions were checked for each request's actor: a request is one actor object, so the
// route check (policy.plugin.ts) can see whether a service authorized what its route declares.
const checked = new WeakMap<Actor, Set<Action>>();

/** Refuses (403) unless `actor` may do `action`; every service calls this before it acts. */
export function authorize(actor: Actor, action: Action, subject: Subject = {}): void {
  const seen = checked.get(actor) ?? new Set<Action>();
  checked.set(actor, seen.add(action));
  if (!RULES[action].allow(actor, subject)) throw forbidden(RULES[action].denied);
}

/** The actions authorized so far for this actor object (one request's). */
export const checkedActions = (actor: Actor): ReadonlySet<Action> => checked.get(actor) ?? new Set();
