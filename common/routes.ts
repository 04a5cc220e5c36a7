import type { z } from 'zod';
import {
  accountSettingsSchema,
  invitationAcceptBody,
  invitationSentSchema,
  inviteUsersBody,
  inviteUsersResponse,
  linkInfoSchema,
  passwordChangeBody,
  passwordForgotBody,
  passwordForgotResponse,
  passwordResetBody,
  recoveryCodesSchema,
  secondFactorConfirmBody,
  secondFactorDisableBody,
  secondFactorSetupSchema,
  secondFactorStatusSchema,
  sessionList,
  sessionsEnded,
} from './accounts.js';
import {
  createdTokenSchema,
  createMessageBody,
  createTicketBody,
  createTokenBody,
  createUserBody,
  customerMoveBody,
  departmentBody,
  departmentPatch,
  departmentSchema,
  eventSchema,
  formatPreviewBody,
  formatPreviewSchema,
  loginBody,
  meSchema,
  messageSchema,
  noBody,
  organisationBody,
  organisationSchema,
  page,
  setupBody,
  ticketSchema,
  updateTicketBody,
  updateUserBody,
  userSchema,
  whole,
} from './api.js';
import { auditEventSchema } from './audit.js';
import {
  loginResponse,
  secondFactorBody,
  setupDoneSchema,
  setupStateSchema,
  signedInResponse,
  tokenList,
} from './auth.js';
import { bulkBody, bulkJobSchema, ticketCountSchema } from './bulk.js';
import {
  channelSettingsSchema,
  channelStateSchemas,
  channelTestResultSchema,
  emailSettingsBody,
  emailTestBody,
  emptyTestBody,
  telegramLinkSchema,
  telegramSettingsBody,
  telegramStatusSchema,
  whatsappSettingsBody,
  whatsappTestBody,
} from './channels.js';
import { draftBody, draftSchema, presenceBody, presenceSchema } from './drafts.js';
import { inboundAttachBody, inboundItemSchema } from './inbound.js';
import {
  cannedBody,
  cannedPatch,
  cannedRenderBody,
  cannedRenderResponse,
  cannedSchema,
  customFieldBody,
  customFieldPatch,
  customFieldSchema,
  mergeBody,
  priorityHelpSchema,
  ticketActionsBody,
  ticketTypeBody,
  ticketTypePatch,
  ticketTypeSchema,
  triageResponse,
  urgentRoutingSchema,
} from './intake.js';
import { ticketLinkBody, ticketLinkSchema } from './links.js';
import {
  inAppNotificationSchema,
  mentionableSchema,
  outboxJobSchema,
  preferencesPutBody,
  preferencesResponse,
  unreadCountSchema,
} from './notifications.js';
import { ccBody, followerBody, participantsSchema } from './participants.js';
import {
  contactPatch,
  customerNoteBody,
  customerNoteSchema,
  customerProfileSchema,
  mergeCustomerBody,
  mergeResultSchema,
  myProfilePatch,
  organisationProfileSchema,
} from './profiles.js';
import { backlogReport, csatResponse, responseTimesReport, volumeReport } from './reports.js';
import { signUpBody, signUpResponse, signUpSettingsSchema, signUpVerifyBody } from './sign-up.js';
import { signatureBody, signatureSchema, ticketSignatureSchema } from './signatures.js';
import { signInOptionsSchema, ssoSettingsBody, ssoSettingsSchema } from './sso.js';
import {
  planBody,
  planPatch,
  planSchema,
  serviceBody,
  servicePatch,
  serviceSchema,
  subscriptionBody,
  subscriptionPatch,
  subscriptionSchema,
  subscriptionsSettingBody,
} from './subscriptions.js';
import { tagRenameBody, tagSchema } from './tags.js';
import {
  createViewBody,
  defaultViewBody,
  defaultViewSchema,
  updateViewBody,
  viewCountSchema,
  viewSchema,
} from './views.js';
import { workflowGetResponse, workflowPutBody, workflowResponse } from './workflow.js';

/**
 * What each GET of /api/v1 answers, by route. The web client takes its response types from here
 * instead of each call site naming one, so a call cannot expect a shape the server does not send.
 */
export const getResponses = {
  '/me': meSchema,
  '/me/notification-preferences': preferencesResponse,
  '/notifications': page(inAppNotificationSchema),
  '/notifications/unread-count': unreadCountSchema,
  '/tickets/:number/mentionable': whole(mentionableSchema),
  '/me/subscriptions': whole(subscriptionSchema),
  '/me/signature': signatureSchema,
  '/departments/:id/signature': signatureSchema,
  '/tickets/:number/signature': ticketSignatureSchema,
  '/users': page(userSchema),
  '/users/:id/subscriptions': whole(subscriptionSchema),
  '/tickets': page(ticketSchema),
  '/tags': whole(tagSchema),
  '/tickets/:number/links': whole(ticketLinkSchema),
  '/tickets/:number/draft': draftSchema,
  '/tickets/:number/participants': participantsSchema,
  '/views': whole(viewSchema),
  '/views/counts': whole(viewCountSchema),
  '/views/default': defaultViewSchema,
  '/views/:id': viewSchema,
  '/tickets/bulk/:id': bulkJobSchema,
  '/tickets/count': ticketCountSchema,
  '/tickets/:number': ticketSchema,
  '/tickets/:number/messages': page(messageSchema),
  '/tickets/:number/events': whole(eventSchema),
  '/departments': whole(departmentSchema),
  '/organisations': page(organisationSchema),
  '/organisations/:id': organisationSchema,
  '/organisations/:id/profile': organisationProfileSchema,
  '/customers/:id/profile': customerProfileSchema,
  '/workflow': workflowGetResponse,
  '/tokens': tokenList,
  '/settings/subscriptions': subscriptionsSettingBody,
  '/reports/csat': csatResponse,
  '/reports/volume': volumeReport,
  '/reports/backlog': backlogReport,
  '/reports/response-times': responseTimesReport,
  '/ticket-types': whole(ticketTypeSchema),
  '/fields': whole(customFieldSchema),
  '/canned-responses': whole(cannedSchema),
  '/settings/urgent-routing': urgentRoutingSchema,
  '/settings/priority-help': priorityHelpSchema,
  '/settings/accounts': accountSettingsSchema,
  '/setup': setupStateSchema,
  '/services': whole(serviceSchema),
  '/plans': whole(planSchema),
  '/subscriptions': whole(subscriptionSchema),
  '/admin/outbox': page(outboxJobSchema),
  '/admin/inbound': page(inboundItemSchema),
  '/admin/channels': channelSettingsSchema,
  '/me/telegram': telegramStatusSchema,
  '/me/sessions': sessionList,
  '/me/second-factor': secondFactorStatusSchema,
  '/admin/audit': page(auditEventSchema),
  '/auth/links/invite': linkInfoSchema,
  '/auth/links/reset': linkInfoSchema,
  '/auth/options': signInOptionsSchema,
  '/admin/sso/staff': ssoSettingsSchema,
  '/admin/sso/customers': ssoSettingsSchema,
  '/settings/sign-up': signUpSettingsSchema,
} as const;

export type GetRoute = keyof typeof getResponses;
export type GetResponse<R extends GetRoute> = z.output<(typeof getResponses)[R]>;

/** The `:name` parameters of a route, such as `{ number }` for `/tickets/:number`. */
export type RouteParams<R extends string> = R extends `${string}:${infer P}/${infer Rest}`
  ? { [K in P]: string | number } & RouteParams<`/${Rest}`>
  : R extends `${string}:${infer P}`
    ? { [K in P]: string | number }
    : unknown;

/**
 * What each POST, PUT, PATCH and DELETE of /api/v1 takes and answers, by method and route: the web
 * client's `send()` types the body it sends and the answer it gets from here, so a page cannot send a
 * body the server would refuse by shape, nor read an answer it does not get. `noBody` is a 204.
 */
export const sendRoutes = {
  'POST /auth/login': { body: loginBody, response: loginResponse },
  'POST /auth/logout': { response: noBody },
  'POST /setup': { body: setupBody, response: setupDoneSchema },
  'POST /tokens': { body: createTokenBody, response: createdTokenSchema },
  'DELETE /tokens/:id': { response: noBody },
  'POST /organisations': { body: organisationBody, response: organisationSchema },
  'PATCH /organisations/:id': { body: organisationBody, response: organisationSchema },
  'POST /departments': { body: departmentBody, response: departmentSchema },
  'PATCH /departments/:id': { body: departmentPatch, response: departmentSchema },
  'PUT /departments/:id/signature': { body: signatureBody, response: signatureSchema },
  'PUT /me/signature': { body: signatureBody, response: signatureSchema },
  'POST /users': { body: createUserBody, response: userSchema },
  'PATCH /users/:id': { body: updateUserBody, response: userSchema },
  'PATCH /me': { body: myProfilePatch, response: userSchema },
  'PATCH /customers/:id': { body: contactPatch, response: customerProfileSchema },
  'POST /customers/:id/notes': { body: customerNoteBody, response: customerNoteSchema },
  'PATCH /customers/:id/notes/:noteId': { body: customerNoteBody, response: customerNoteSchema },
  'DELETE /customers/:id/notes/:noteId': { response: noBody },
  'POST /customers/:id/merge': { body: mergeCustomerBody, response: mergeResultSchema },
  'POST /users/invitations': { body: inviteUsersBody, response: inviteUsersResponse },
  'POST /users/:id/invitation': { response: invitationSentSchema },
  'DELETE /users/:id/invitation': { response: noBody },
  'POST /auth/invitations/accept': { body: invitationAcceptBody, response: signedInResponse },
  'POST /auth/password/forgot': { body: passwordForgotBody, response: passwordForgotResponse },
  'POST /auth/password/reset': { body: passwordResetBody, response: noBody },
  'POST /auth/sign-up': { body: signUpBody, response: signUpResponse },
  'POST /auth/sign-up/verify': { body: signUpVerifyBody, response: signedInResponse },
  'PUT /settings/sign-up': { body: signUpSettingsSchema, response: signUpSettingsSchema },
  'PUT /me/password': { body: passwordChangeBody, response: noBody },
  'DELETE /me/sessions/:id': { response: noBody },
  'DELETE /me/sessions': { response: sessionsEnded },
  'POST /auth/login/second-factor': { body: secondFactorBody, response: signedInResponse },
  'POST /me/second-factor': { response: secondFactorSetupSchema },
  'POST /me/second-factor/confirm': { body: secondFactorConfirmBody, response: recoveryCodesSchema },
  'POST /me/second-factor/disable': { body: secondFactorDisableBody, response: noBody },
  'DELETE /users/:id/second-factor': { response: noBody },
  'POST /tickets': { body: createTicketBody, response: ticketSchema },
  'PATCH /tickets/:number': { body: updateTicketBody, response: ticketSchema },
  'DELETE /tickets/:number': { response: noBody },
  'PATCH /tags/:name': { body: tagRenameBody, response: tagSchema },
  'DELETE /tags/:name': { response: noBody },
  'POST /tickets/:number/links': { body: ticketLinkBody, response: ticketLinkSchema },
  'POST /tickets/bulk': { body: bulkBody, response: bulkJobSchema },
  'DELETE /tickets/:number/links/:other': { response: noBody },
  'PUT /tickets/:number/draft': { body: draftBody, response: draftSchema },
  'DELETE /tickets/:number/draft': { response: noBody },
  'PUT /tickets/:number/presence': { body: presenceBody, response: presenceSchema },
  'POST /tickets/:number/followers': { body: followerBody, response: participantsSchema },
  'DELETE /tickets/:number/followers': { response: participantsSchema },
  'PUT /tickets/:number/cc': { body: ccBody, response: participantsSchema },
  'POST /views': { body: createViewBody, response: viewSchema },
  'PATCH /views/:id': { body: updateViewBody, response: viewSchema },
  'DELETE /views/:id': { response: noBody },
  'PUT /views/default': { body: defaultViewBody, response: defaultViewSchema },
  'POST /tickets/:number/messages': { body: createMessageBody, response: messageSchema },
  'POST /format/preview': { body: formatPreviewBody, response: formatPreviewSchema },
  'POST /tickets/:number/merge': { body: mergeBody, response: ticketSchema },
  'POST /tickets/:number/actions': { body: ticketActionsBody, response: ticketSchema },
  'POST /tickets/:number/close': { body: customerMoveBody, response: ticketSchema },
  'POST /tickets/:number/reopen': { body: customerMoveBody, response: ticketSchema },
  'PUT /workflow': { body: workflowPutBody, response: workflowResponse },
  'PUT /me/notification-preferences': { body: preferencesPutBody, response: preferencesResponse },
  'POST /me/telegram/link': { response: telegramLinkSchema },
  'DELETE /me/telegram': { response: noBody },
  'PUT /settings/subscriptions': { body: subscriptionsSettingBody, response: subscriptionsSettingBody },
  'POST /services': { body: serviceBody, response: serviceSchema },
  'PATCH /services/:id': { body: servicePatch, response: serviceSchema },
  'POST /plans': { body: planBody, response: planSchema },
  'PATCH /plans/:id': { body: planPatch, response: planSchema },
  'POST /subscriptions': { body: subscriptionBody, response: subscriptionSchema },
  'PATCH /subscriptions/:id': { body: subscriptionPatch, response: subscriptionSchema },
  'POST /ticket-types': { body: ticketTypeBody, response: ticketTypeSchema },
  'PATCH /ticket-types/:key': { body: ticketTypePatch, response: ticketTypeSchema },
  'POST /fields': { body: customFieldBody, response: customFieldSchema },
  'PATCH /fields/:key': { body: customFieldPatch, response: customFieldSchema },
  'POST /intake/triage': { response: triageResponse },
  'PUT /settings/urgent-routing': { body: urgentRoutingSchema, response: urgentRoutingSchema },
  'PUT /settings/priority-help': { body: priorityHelpSchema, response: priorityHelpSchema },
  'PUT /settings/accounts': { body: accountSettingsSchema, response: accountSettingsSchema },
  'POST /canned-responses': { body: cannedBody, response: cannedSchema },
  'PATCH /canned-responses/:id': { body: cannedPatch, response: cannedSchema },
  'DELETE /canned-responses/:id': { response: noBody },
  'POST /canned-responses/:id/render': { body: cannedRenderBody, response: cannedRenderResponse },
  'POST /admin/outbox/:id/retry': { response: noBody },
  'POST /notifications/:id/read': { response: noBody },
  'POST /notifications/read-all': { response: noBody },
  'POST /admin/inbound/:id/process': { response: inboundItemSchema },
  'POST /admin/inbound/:id/discard': { response: inboundItemSchema },
  'POST /admin/inbound/:id/attach': { body: inboundAttachBody, response: inboundItemSchema },
  'PUT /admin/channels/email': { body: emailSettingsBody, response: channelStateSchemas.email },
  'PUT /admin/channels/whatsapp': { body: whatsappSettingsBody, response: channelStateSchemas.whatsapp },
  'PUT /admin/channels/telegram': { body: telegramSettingsBody, response: channelStateSchemas.telegram },
  'POST /admin/channels/email/test': { body: emailTestBody, response: channelTestResultSchema },
  'POST /admin/channels/imap/test': { body: emptyTestBody, response: channelTestResultSchema },
  'POST /admin/channels/whatsapp/test': { body: whatsappTestBody, response: channelTestResultSchema },
  'POST /admin/channels/telegram/test': { body: emptyTestBody, response: channelTestResultSchema },
  'PUT /admin/sso/staff': { body: ssoSettingsBody, response: ssoSettingsSchema },
  'PUT /admin/sso/customers': { body: ssoSettingsBody, response: ssoSettingsSchema },
} as const;

export type SendRoute = keyof typeof sendRoutes;
/** The body a route takes, as the caller writes it (before defaults and transforms). */
export type SendBody<R extends SendRoute> = (typeof sendRoutes)[R] extends { body: infer B extends z.ZodType }
  ? z.input<B>
  : undefined;
export type SendResponse<R extends SendRoute> = z.output<(typeof sendRoutes)[R]['response']>;
/** The path of a route key, such as `/tickets/:number` for `PATCH /tickets/:number`. */
export type SendPath<R extends SendRoute> = R extends `${string} ${infer P}` ? P : never;
