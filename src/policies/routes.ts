import type { Action } from './policy.js';

/** A route anyone may call: what stands guard instead of the policy. */
type Public = { public: string };

/**
 * What every route that changes something must have authorized before it answers with success:
 * the action its service checks, or why it is public. A mutating route missing here stops the
 * app from starting (policy.plugin.ts), so a new route cannot forget to say how it is guarded;
 * a route whose service does not check its action answers 500, never a silent success.
 */
export const ROUTE_POLICIES: Record<string, Action | Public> = {
  'POST /api/v1/auth/login': { public: 'signing in; rate limited per address' },
  'POST /api/v1/auth/login/second-factor': {
    public: 'the signed challenge of the password step and a code; rate limited per address',
  },
  'POST /api/v1/auth/logout': { public: 'ends the caller’s own session, if any' },
  'POST /api/v1/setup': { public: 'first-run setup; refused once an administrator exists' },
  'POST /api/v1/auth/invitations/accept': {
    public: 'the signed, single-use invitation link is the permission',
  },
  'POST /api/v1/auth/password/forgot': {
    public: 'the same answer for every address; rate limited per address and network address',
  },
  'POST /api/v1/auth/password/reset': { public: 'the signed, single-use reset link is the permission' },
  'POST /api/v1/auth/sign-up': {
    public:
      'only when sign-up is open to the address; the same answer for every address; one mail per address and window; rate limited per network address',
  },
  'POST /api/v1/auth/sign-up/verify': { public: 'the signed, single-use sign-up link is the permission' },
  'POST /survey/:token': { public: 'the signed token is the permission' },
  'POST /webhooks/whatsapp': { public: 'signed by Meta (X-Hub-Signature-256)' },
  'POST /webhooks/telegram': { public: 'carries the secret token Telegram was given' },
  'PUT /api/v1/admin/sso/staff': 'sso.configure',
  'PUT /api/v1/admin/sso/customers': 'sso.configure',
  'POST /api/v1/inbound/email': 'inbound.post',
  'POST /api/v1/tokens': 'token.create',
  'DELETE /api/v1/tokens/:id': 'token.revoke',
  'POST /api/v1/organisations': 'organisation.create',
  'PATCH /api/v1/organisations/:id': 'organisation.update',
  'POST /api/v1/departments': 'department.create',
  'PATCH /api/v1/departments/:id': 'department.update',
  'POST /api/v1/users': 'user.manage',
  'POST /api/v1/users/invitations': 'user.invite',
  'POST /api/v1/users/:id/invitation': 'user.invite',
  'DELETE /api/v1/users/:id/invitation': 'user.invite',
  'PUT /api/v1/me/password': 'me.password',
  'DELETE /api/v1/me/sessions/:id': 'me.sessions',
  'DELETE /api/v1/me/sessions': 'me.sessions',
  'POST /api/v1/me/second-factor': 'me.secondFactor',
  'POST /api/v1/me/second-factor/confirm': 'me.secondFactor',
  'POST /api/v1/me/second-factor/disable': 'me.secondFactor',
  'DELETE /api/v1/users/:id/second-factor': 'user.manage',
  'PATCH /api/v1/users/:id': 'user.manage',
  'POST /api/v1/tickets': 'ticket.create',
  'PATCH /api/v1/tickets/:number': 'ticket.update',
  'DELETE /api/v1/tickets/:number': 'ticket.delete',
  'PATCH /api/v1/tags/:name': 'tag.manage',
  'POST /api/v1/tickets/:number/links': 'ticket.update',
  'DELETE /api/v1/tickets/:number/links/:other': 'ticket.update',
  'DELETE /api/v1/tags/:name': 'tag.manage',
  'POST /api/v1/tickets/:number/messages': 'ticket.reply',
  'POST /api/v1/tickets/:number/merge': 'ticket.merge',
  'POST /api/v1/tickets/:number/close': 'ticket.customerClose',
  'POST /api/v1/tickets/:number/reopen': 'ticket.customerReopen',
  'PUT /api/v1/workflow': 'workflow.update',
  'POST /api/v1/attachments': 'attachment.upload',
  'PUT /api/v1/admin/channels/email': 'channelSettings.update',
  'PUT /api/v1/admin/channels/whatsapp': 'channelSettings.update',
  'PUT /api/v1/admin/channels/telegram': 'channelSettings.update',
  'POST /api/v1/admin/channels/email/test': 'channelSettings.test',
  'POST /api/v1/admin/channels/imap/test': 'channelSettings.test',
  'POST /api/v1/admin/channels/whatsapp/test': 'channelSettings.test',
  'POST /api/v1/admin/channels/telegram/test': 'channelSettings.test',
  'POST /api/v1/admin/inbound/:id/process': 'inbound.review',
  'POST /api/v1/admin/inbound/:id/attach': 'inbound.review',
  'POST /api/v1/admin/inbound/:id/discard': 'inbound.review',
  'POST /api/v1/admin/outbox/:id/retry': 'outbox.retry',
  'POST /api/v1/ticket-types': 'intake.manage',
  'PATCH /api/v1/ticket-types/:key': 'intake.manage',
  'POST /api/v1/fields': 'intake.manage',
  'PATCH /api/v1/fields/:key': 'intake.manage',
  'POST /api/v1/intake/triage': 'intake.manage',
  'PUT /api/v1/settings/urgent-routing': 'intake.manage',
  'PUT /api/v1/settings/priority-help': 'priorityHelp.update',
  'PUT /api/v1/settings/accounts': 'accountSettings.update',
  'PUT /api/v1/settings/sign-up': 'signUp.configure',
  'POST /api/v1/canned-responses': 'canned.manage',
  'PATCH /api/v1/canned-responses/:id': 'canned.manage',
  'DELETE /api/v1/canned-responses/:id': 'canned.manage',
  'POST /api/v1/canned-responses/:id/render': 'canned.use',
  'PUT /api/v1/me/notification-preferences': 'me.preferences',
  'POST /api/v1/me/telegram/link': 'me.telegram',
  'DELETE /api/v1/me/telegram': 'me.telegram',
  'PUT /api/v1/settings/subscriptions': 'subscriptions.configure',
  'POST /api/v1/services': 'subscriptions.configure',
  'PATCH /api/v1/services/:id': 'subscriptions.configure',
  'POST /api/v1/plans': 'subscriptions.configure',
  'PATCH /api/v1/plans/:id': 'subscriptions.configure',
  'POST /api/v1/subscriptions': 'subscriptions.configure',
  'PATCH /api/v1/subscriptions/:id': 'subscriptions.configure',
  'PUT /api/v1/subscriptions/:externalId': 'subscriptions.billing',
};

export const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
export const routeKey = (method: string, url: string) => `${method} ${url}`;
