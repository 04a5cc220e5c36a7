import type { Actor } from '../context.js';
import { forbidden } from '../errors.js';
import type { Message } from '../i18n/index.js';

// Who may do what, in one place. Services call `authorize` before they act; presenters call `can`
// to fill `abilities`; both read the same rule, so the UI never offers what the API refuses.
// Visibility (which tickets exist for someone) is the SQL scope's; a rule here only says what a
// caller may do with what they can see.

type Rule = { allow: (actor: Actor, subject: Subject) => boolean; denied: Message };

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
const adminOnly = (denied: Message): Rule => ({ allow: admin, denied });
const staffOnly = (denied: Message): Rule => ({ allow: staff, denied });
const customerOnly = (denied: Message): Rule => ({ allow: (a) => a.role === 'customer', denied });
const signedIn: Rule = {
  allow: anyone,
  denied: { id: 'error.forbidden', defaultMessage: 'You are not allowed to do this' },
};

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
  'ticket.createForOthers': staffOnly({
    id: 'error.policy.ticket_create_for_others',
    defaultMessage: 'Only staff open tickets on behalf of a customer',
  }),
  'ticket.update': staffOnly({
    id: 'error.policy.ticket_update',
    defaultMessage: 'Only staff change tickets',
  }),
  'ticket.delete': adminOnly({
    id: 'error.policy.ticket_delete',
    defaultMessage: 'Only administrators delete tickets',
  }),
  'ticket.merge': staffOnly({ id: 'error.policy.ticket_merge', defaultMessage: 'Only staff merge tickets' }),
  /** Changing many tickets at once as a job, and following its progress. */
  'ticket.bulk': staffOnly({
    id: 'error.policy.ticket_bulk',
    defaultMessage: 'Only staff change tickets in bulk',
  }),
  'ticket.reply': signedIn,
  /** Customers close or reopen their own tickets where the workflow allows; staff set the status. */
  'ticket.customerClose': customerOnly({
    id: 'error.policy.ticket_customer_close',
    defaultMessage: 'Staff close a ticket by setting its status',
  }),
  'ticket.customerReopen': customerOnly({
    id: 'error.policy.ticket_customer_reopen',
    defaultMessage: 'Staff reopen a ticket by setting its status',
  }),
  'ticket.addInternalNote': staffOnly({
    id: 'error.policy.ticket_add_internal_note',
    defaultMessage: 'Only staff add internal notes',
  }),
  /** Internal notes, reasons, satisfaction, staff-only live signals. */
  'ticket.readInternal': staffOnly({
    id: 'error.policy.ticket_read_internal',
    defaultMessage: 'Only staff see internal notes',
  }),
  /** Keeping a half-written reply or note on the server, per person and ticket. */
  'ticket.draft': staffOnly({
    id: 'error.policy.ticket_draft',
    defaultMessage: 'Drafts are kept for staff only',
  }),
  /** Following a ticket to get its staff notices; whoever may be notified must see it too. */
  'ticket.follow': staffOnly({
    id: 'error.policy.ticket_follow',
    defaultMessage: 'Only staff follow tickets',
  }),
  /** Adding or removing another staff member as a follower: administrators and the assignee. */
  'ticket.manageFollowers': {
    allow: (a, s) => admin(a) || (staff(a) && s.assigneeId === a.id),
    denied: {
      id: 'error.policy.ticket_manage_followers',
      defaultMessage: 'Only administrators and the assignee add or remove other followers',
    },
  },
  /** Saying one has a ticket open, and hearing who else has: colleagues only. */
  'ticket.presence': staffOnly({
    id: 'error.policy.ticket_presence',
    defaultMessage: 'Only staff see who else is on a ticket',
  }),
  'attachment.upload': signedIn,
  /** Seeing how a message being written will look: anyone who may write one. */
  'message.preview': signedIn,
  /** A list of tickets as a file: what the caller sees anyway, so anyone signed in. */
  'ticket.export': signedIn,
  /** Tags are the team's own words about tickets: staff see and filter by them. */
  'tag.read': staffOnly({ id: 'error.policy.tag_read', defaultMessage: 'Tags are for staff' }),
  /** Renaming, merging or removing a tag on every ticket. */
  'tag.manage': adminOnly({
    id: 'error.policy.tag_manage',
    defaultMessage: 'Only administrators rename or remove tags across tickets',
  }),
  /** Business-hours calendars: staff read them (targets and due times are counted on them). */
  'calendar.read': staffOnly({ id: 'error.policy.calendar_read', defaultMessage: 'Calendars are for staff' }),
  'calendar.manage': adminOnly({
    id: 'error.policy.calendar_manage',
    defaultMessage: 'Only administrators manage calendars',
  }),
  /** Service-level policies: staff read them (the targets their tickets are held to). */
  'sla.read': staffOnly({ id: 'error.policy.sla_read', defaultMessage: 'Service levels are for staff' }),
  'sla.manage': adminOnly({
    id: 'error.policy.sla_manage',
    defaultMessage: 'Only administrators manage service levels',
  }),
  /** Triggers: rules that change tickets and send mail on events. */
  'trigger.manage': adminOnly({
    id: 'error.policy.trigger_manage',
    defaultMessage: 'Only administrators manage triggers',
  }),
  /** Outgoing webhooks, their secrets and delivery logs. */
  'webhook.manage': adminOnly({
    id: 'error.policy.webhook_manage',
    defaultMessage: 'Only administrators manage webhooks',
  }),
  /** Imports from another helpdesk: they create people, tickets and accounts. */
  'import.run': adminOnly({
    id: 'error.policy.import_run',
    defaultMessage: 'Only administrators import from another helpdesk',
  }),
  // Saved views of the queue.
  'view.use': staffOnly({ id: 'error.policy.view_use', defaultMessage: 'Saved views are for staff' }),
  'view.manage': {
    allow: (a, s) => managesView(a, s.view),
    denied: {
      id: 'error.policy.view_manage',
      defaultMessage:
        'Only its owner changes a personal view; a department’s, administrators and its owner in that department; everyone’s, administrators',
    },
  },
  // Canned responses.
  'canned.use': staffOnly({
    id: 'error.policy.canned_use',
    defaultMessage: 'Canned responses are for staff',
  }),
  'canned.manage': adminOnly({
    id: 'error.policy.canned_manage',
    defaultMessage: 'Only administrators manage canned responses',
  }),
  /** A signature of one's own, and reading one's departments' signatures. */
  'signature.own': staffOnly({
    id: 'error.policy.signature_own',
    defaultMessage: 'Signatures are for staff',
  }),
  'signature.department': adminOnly({
    id: 'error.policy.signature_department',
    defaultMessage: 'Only administrators set a department’s signature',
  }),
  /** Every department's canned responses, not only the agent's own. */
  'canned.useAnyDepartment': adminOnly({
    id: 'error.policy.canned_use_any_department',
    defaultMessage: 'Only administrators use every department’s canned responses',
  }),
  // People and structure.
  'user.list': staffOnly({ id: 'error.policy.user_list', defaultMessage: 'Only staff list users' }),
  'user.manage': adminOnly({
    id: 'error.policy.user_manage',
    defaultMessage: 'Only administrators manage users',
  }),
  /** Agents invite customers too when the account settings allow it (into organisations they serve). */
  'user.invite': {
    allow: (a, s) =>
      admin(a) || (a.role === 'agent' && s.agentsInviteCustomers === true && s.inviteRole === 'customer'),
    denied: {
      id: 'error.policy.user_invite',
      defaultMessage:
        'Only administrators invite users (and agents invite customers, if the account settings allow it)',
    },
  },
  /** Taking away a user's administrator role or access: never one's own, so someone can undo it. */
  'user.demote': {
    allow: (a, s) => admin(a) && s.userId !== a.id,
    denied: { id: 'error.policy.user_demote', defaultMessage: 'You cannot demote or deactivate yourself' },
  },
  // Customer profiles. Staff see every customer already (to open tickets for them), so a profile
  // shows them too; its tickets stay those the caller sees.
  'customer.read': staffOnly({
    id: 'error.policy.customer_read',
    defaultMessage: 'Only staff see customer profiles',
  }),
  'customer.editContact': staffOnly({
    id: 'error.policy.customer_edit_contact',
    defaultMessage: 'Only staff change a customer’s contact details',
  }),
  /** The address is how someone signs in and where their reset links go: changing it is an administrator's. */
  'customer.editEmail': adminOnly({
    id: 'error.policy.customer_edit_email',
    defaultMessage: 'Only administrators change the address a customer signs in with',
  }),
  'customer.note': staffOnly({
    id: 'error.policy.customer_note',
    defaultMessage: 'Notes about customers are for staff',
  }),
  'customer.changeNote': {
    allow: (a, s) => admin(a) || (staff(a) && s.userId === a.id),
    denied: {
      id: 'error.policy.customer_change_note',
      defaultMessage: 'Only its author or an administrator changes a note',
    },
  },
  /** Moves sign-in addresses and every ticket of one record to another: as much as managing users. */
  'customer.merge': adminOnly({
    id: 'error.policy.customer_merge',
    defaultMessage: 'Only administrators merge customer records',
  }),
  /** Everything stored about a person or an organisation, internal notes included. */
  'profile.export': adminOnly({
    id: 'error.policy.profile_export',
    defaultMessage: 'Only administrators export a customer’s or an organisation’s data',
  }),
  'organisation.create': adminOnly({
    id: 'error.policy.organisation_create',
    defaultMessage: 'Only administrators create organisations',
  }),
  'organisation.update': adminOnly({
    id: 'error.policy.organisation_update',
    defaultMessage: 'Only administrators change organisations',
  }),
  'department.create': adminOnly({
    id: 'error.policy.department_create',
    defaultMessage: 'Only administrators create departments',
  }),
  'department.update': adminOnly({
    id: 'error.policy.department_update',
    defaultMessage: 'Only administrators change departments',
  }),
  'token.create': signedIn,
  'token.createBilling': adminOnly({
    id: 'error.policy.token_create_billing',
    defaultMessage: 'Only administrators create billing tokens',
  }),
  'token.revoke': signedIn,
  /** Every user's tokens, not only one's own. */
  'token.manageAll': adminOnly({
    id: 'error.policy.token_manage_all',
    defaultMessage: 'Only administrators manage every token',
  }),
  // Configuration.
  /** The whole workflow document, timers and internal labels included. */
  'workflow.readFull': staffOnly({
    id: 'error.policy.workflow_read_full',
    defaultMessage: 'Only staff see the whole workflow',
  }),
  'workflow.update': adminOnly({
    id: 'error.policy.workflow_update',
    defaultMessage: 'Only administrators change the workflow',
  }),
  'intake.manage': adminOnly({
    id: 'error.policy.intake_manage',
    defaultMessage: 'Only administrators configure ticket types and fields',
  }),
  'priorityHelp.update': adminOnly({
    id: 'error.policy.priority_help_update',
    defaultMessage: 'Only administrators change the priority descriptions',
  }),
  /** The installation's language and time zone, and configured texts and product strings in other languages. */
  'language.manage': adminOnly({
    id: 'error.policy.language_manage',
    defaultMessage: 'Only administrators manage languages and translations',
  }),
  'accountSettings.read': staffOnly({
    id: 'error.policy.account_settings_read',
    defaultMessage: 'Only staff see how accounts are run',
  }),
  'accountSettings.update': adminOnly({
    id: 'error.policy.account_settings_update',
    defaultMessage: 'Only administrators change how accounts are run',
  }),
  'signUp.configure': adminOnly({
    id: 'error.policy.sign_up_configure',
    defaultMessage: 'Only administrators configure sign-up',
  }),
  'channelSettings.read': adminOnly({
    id: 'error.policy.channel_settings_read',
    defaultMessage: 'Only administrators see the channel settings',
  }),
  'channelSettings.update': adminOnly({
    id: 'error.policy.channel_settings_update',
    defaultMessage: 'Only administrators change the channel settings',
  }),
  'channelSettings.test': adminOnly({
    id: 'error.policy.channel_settings_test',
    defaultMessage: 'Only administrators test the channels',
  }),
  'outbox.read': adminOnly({
    id: 'error.policy.outbox_read',
    defaultMessage: 'Only administrators see the outbox',
  }),
  'outbox.retry': adminOnly({
    id: 'error.policy.outbox_retry',
    defaultMessage: 'Only administrators retry deliveries',
  }),
  'sso.configure': adminOnly({
    id: 'error.policy.sso_configure',
    defaultMessage: 'Only administrators configure single sign-on',
  }),
  'audit.read': adminOnly({
    id: 'error.policy.audit_read',
    defaultMessage: 'Only administrators read the audit trail',
  }),
  'inbound.review': adminOnly({
    id: 'error.policy.inbound_review',
    defaultMessage: 'Only administrators review inbound mail',
  }),
  'inbound.post': {
    allow: (a, s) => a.role === 'admin' && s.via === 'bearer',
    denied: {
      id: 'error.policy.inbound_post',
      defaultMessage: 'Inbound mail needs an administrator’s API token',
    },
  },
  'reports.read': staffOnly({ id: 'error.policy.reports_read', defaultMessage: 'Reports are for staff' }),
  // Subscriptions.
  'plans.list': staffOnly({ id: 'error.policy.plans_list', defaultMessage: 'Only staff see plans' }),
  'subscriptions.configure': adminOnly({
    id: 'error.policy.subscriptions_configure',
    defaultMessage: 'Only administrators manage plans and subscriptions',
  }),
  'subscriptions.manage': staffOnly({
    id: 'error.policy.subscriptions_manage',
    defaultMessage: 'Only staff manage subscriptions',
  }),
  'subscriptions.list': staffOnly({
    id: 'error.policy.subscriptions_list',
    defaultMessage: 'Only staff list subscriptions',
  }),
  'subscriptions.billing': adminOnly({
    id: 'error.policy.subscriptions_billing',
    defaultMessage: 'Only administrators and billing tokens write subscriptions',
  }),
  // The knowledge base. Reading is the SQL scope's (modules/kb/kb.visibility.ts); these say who writes.
  /** Writing, publishing, archiving and restoring articles: agents and administrators. */
  'kb.write': staffOnly({
    id: 'error.policy.kb_write',
    defaultMessage: 'Only staff write knowledge-base articles',
  }),
  'kb.delete': adminOnly({
    id: 'error.policy.kb_delete',
    defaultMessage: 'Only administrators delete knowledge-base articles',
  }),
  'kb.manageCategories': adminOnly({
    id: 'error.policy.kb_manage_categories',
    defaultMessage: 'Only administrators arrange knowledge-base categories',
  }),
  /** Suggestions shown, opened and deflections, per article. */
  'kb.report': staffOnly({
    id: 'error.policy.kb_report',
    defaultMessage: 'Knowledge-base reports are for staff',
  }),
  /** Settings such as suggested articles in the first answer to an email ticket. */
  /** Counting suggestions shown, opened or that solved the problem: anyone signed in. */
  'kb.deflect': signedIn,
  'kb.configure': adminOnly({
    id: 'error.policy.kb_configure',
    defaultMessage: 'Only administrators change the knowledge-base settings',
  }),
  // One's own settings.
  'me.preferences': signedIn,
  /** The bell: in-app notices about tickets, which only staff receive. */
  'me.notifications': staffOnly({
    id: 'error.policy.me_notifications',
    defaultMessage: 'In-app notifications are for staff',
  }),
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
