import type { z } from 'zod';
import {
  departmentSchema,
  eventSchema,
  meSchema,
  messageSchema,
  organisationSchema,
  page,
  ticketSchema,
  userSchema,
  whole,
} from './api.js';
import { tokenList } from './auth.js';
import { preferencesResponse } from './notifications.js';
import { backlogReport, csatResponse, responseTimesReport, volumeReport } from './reports.js';
import { subscriptionSchema, subscriptionsSettingBody } from './subscriptions.js';
import { workflowGetResponse } from './workflow.js';

/**
 * What each GET of /api/v1 answers, by route. The web client takes its response types from here
 * instead of each call site naming one, so a call cannot expect a shape the server does not send.
 */
export const getResponses = {
  '/me': meSchema,
  '/me/notification-preferences': preferencesResponse,
  '/me/subscriptions': whole(subscriptionSchema),
  '/users': page(userSchema),
  '/users/:id/subscriptions': whole(subscriptionSchema),
  '/tickets': page(ticketSchema),
  '/tickets/:number': ticketSchema,
  '/tickets/:number/messages': page(messageSchema),
  '/tickets/:number/events': whole(eventSchema),
  '/departments': whole(departmentSchema),
  '/organisations': page(organisationSchema),
  '/organisations/:id': organisationSchema,
  '/workflow': workflowGetResponse,
  '/tokens': tokenList,
  '/settings/subscriptions': subscriptionsSettingBody,
  '/reports/csat': csatResponse,
  '/reports/volume': volumeReport,
  '/reports/backlog': backlogReport,
  '/reports/response-times': responseTimesReport,
} as const;

export type GetRoute = keyof typeof getResponses;
export type GetResponse<R extends GetRoute> = z.output<(typeof getResponses)[R]>;

/** The `:name` parameters of a route, such as `{ number }` for `/tickets/:number`. */
export type RouteParams<R extends string> = R extends `${string}:${infer P}/${infer Rest}`
  ? { [K in P]: string | number } & RouteParams<`/${Rest}`>
  : R extends `${string}:${infer P}`
    ? { [K in P]: string | number }
    : unknown;
