import type { FastifyRequest, FastifySchema } from 'fastify';
import { z } from 'zod';
import {
  accountSettingsSchema,
  invitationAcceptBody,
  invitationSentSchema,
  inviteUsersBody,
  inviteUsersResponse,
  linkInfoSchema,
  linkQuery,
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
} from '../../common/accounts.js';
import { idParams, noBody } from '../../common/api.js';
import { signedInResponse } from '../../common/auth.js';
import { acceptedLanguages, pickLocale } from '../../common/i18n.js';
import { signUpBody, signUpResponse, signUpSettingsSchema, signUpVerifyBody } from '../../common/sign-up.js';
import { availableLocales } from '../i18n/index.js';
import { sha256 } from '../lib/crypto.js';
import {
  acceptInvitation,
  describeLink,
  inviteUsers,
  resendInvitation,
  revokeInvitation,
} from '../modules/accounts/invitations.service.js';
import { changePassword, requestPasswordReset, resetPassword } from '../modules/accounts/password.service.js';
import {
  confirmSecondFactor,
  disableSecondFactor,
  resetSecondFactor,
  secondFactorStatus,
  startSecondFactor,
} from '../modules/accounts/second-factor.service.js';
import { endOtherSessions, endSession, listSessions } from '../modules/accounts/sessions.service.js';
import { requestSignUp, verifySignUp } from '../modules/accounts/sign-up.service.js';
import { getSignUpSettings, putSignUpSettings } from '../modules/accounts/sign-up-settings.js';
import { readAccountSettings, setAccountSettings } from '../modules/auth/account-settings.js';
import type { Session } from '../modules/auth/auth.service.js';
import { SESSION_COOKIE } from './auth.plugin.js';
import { signedIn } from './auth.routes.js';
import { setting } from './resource.js';
import { type App, actorCtx, noContent } from './types.js';

const tags = ['accounts'];
const perIp = (name: string) => ({
  rateLimit: { max: 30, timeWindow: '1 minute', keyGenerator: (req: { ip: string }) => `${name}:${req.ip}` },
});

/** The session a cookie-signed request came with, to keep it or mark it as this one. */
function currentSession(req: FastifyRequest): string | null {
  const cookie = req.cookies[SESSION_COOKIE];
  return req.authVia === 'cookie' && cookie ? sha256(cookie) : null;
}

/**
 * A mailed link's page posts its token here (with whatever else `body` takes); `run` redeems it,
 * and the answer signs the person in.
 */
function signInByLink<B extends z.ZodObject>(
  app: App,
  operationId: string,
  path: string,
  body: B,
  run: (
    input: z.output<B> & { ip: string; userAgent: string | null; languages: string[] },
  ) => Promise<Session>,
) {
  const schema: FastifySchema = { operationId, tags, body, response: { 200: signedInResponse } };
  app.post(path, { schema, config: perIp('link') }, async (req, reply) => {
    const meta = {
      ip: req.ip,
      userAgent: req.headers['user-agent'] ?? null,
      languages: acceptedLanguages(req.headers['accept-language']),
    };
    return signedIn(app, reply, await run({ ...(req.body as z.output<B>), ...meta }));
  });
}

// Invitations, password resets and changes, and one's own sessions.
export async function accountRoutes(app: App) {
  await invitationRoutes(app);
  await linkRoutes(app);
  await ownAccountRoutes(app);
  await secondFactorRoutes(app);
  setting(app, {
    path: '/api/v1/settings/accounts',
    name: 'AccountSettings',
    tags,
    schema: accountSettingsSchema,
    get: readAccountSettings,
    put: setAccountSettings,
  });
  await signUpRoutes(app);
}

/** Administrators invite, re-invite and withdraw invitations. */
async function invitationRoutes(app: App) {
  app.post(
    '/api/v1/users/invitations',
    {
      schema: {
        operationId: 'inviteUsers',
        tags,
        body: inviteUsersBody,
        response: { 200: inviteUsersResponse },
      },
    },
    async (req) => inviteUsers(actorCtx(app, req), req.body),
  );
  app.post(
    '/api/v1/users/:id/invitation',
    {
      schema: {
        operationId: 'resendInvitation',
        tags,
        params: idParams,
        response: { 200: invitationSentSchema },
      },
    },
    async (req) => resendInvitation(actorCtx(app, req), req.params.id),
  );
  app.delete(
    '/api/v1/users/:id/invitation',
    { schema: { operationId: 'revokeInvitation', tags, params: idParams, response: { 204: noBody } } },
    async (req, reply) => noContent(reply, revokeInvitation(actorCtx(app, req), req.params.id)),
  );
}

/** What anyone may call: the links mailed to people, and asking for one. */
async function linkRoutes(app: App) {
  const ctx = app.ctx;
  for (const purpose of ['invite', 'reset'] as const) {
    app.get(
      `/api/v1/auth/links/${purpose}`,
      {
        schema: {
          operationId: purpose === 'invite' ? 'getInvitationLink' : 'getResetLink',
          tags,
          querystring: linkQuery,
          response: { 200: linkInfoSchema },
        },
        config: perIp('link'),
      },
      async (req) => describeLink(ctx, req.query.token, purpose),
    );
  }
  signInByLink(app, 'acceptInvitation', '/api/v1/auth/invitations/accept', invitationAcceptBody, (input) =>
    acceptInvitation(ctx, input),
  );
  app.post(
    '/api/v1/auth/password/forgot',
    {
      schema: {
        operationId: 'forgotPassword',
        tags,
        body: passwordForgotBody,
        response: { 202: passwordForgotResponse },
      },
      config: perIp('forgot'),
    },
    async (req, reply) =>
      reply
        .code(202)
        .send({ message: await requestPasswordReset(ctx, { email: req.body.email, ip: req.ip }) }),
  );
  app.post(
    '/api/v1/auth/password/reset',
    {
      schema: { operationId: 'resetPassword', tags, body: passwordResetBody, response: { 204: noBody } },
      config: perIp('link'),
    },
    async (req, reply) => noContent(reply, resetPassword(ctx, { ...req.body, ip: req.ip })),
  );
}

/** The signed-in user's own password and sessions. */
async function ownAccountRoutes(app: App) {
  app.put(
    '/api/v1/me/password',
    { schema: { operationId: 'changePassword', tags, body: passwordChangeBody, response: { 204: noBody } } },
    async (req, reply) =>
      noContent(
        reply,
        changePassword(actorCtx(app, req), {
          ...req.body,
          ip: req.ip,
          keepSessionId: currentSession(req),
        }),
      ),
  );
  app.get(
    '/api/v1/me/sessions',
    {
      schema: {
        operationId: 'listSessions',
        tags,
        querystring: z.strictObject({}),
        response: { 200: sessionList },
      },
    },
    async (req) => listSessions(actorCtx(app, req), currentSession(req)),
  );
  app.delete(
    '/api/v1/me/sessions/:id',
    {
      schema: {
        operationId: 'endSession',
        tags,
        params: z.strictObject({ id: z.string().min(1).max(128) }),
        response: { 204: noBody },
      },
    },
    async (req, reply) => noContent(reply, endSession(actorCtx(app, req), req.params.id)),
  );
  app.delete(
    '/api/v1/me/sessions',
    { schema: { operationId: 'endOtherSessions', tags, response: { 200: sessionsEnded } } },
    async (req) => endOtherSessions(actorCtx(app, req), currentSession(req)),
  );
}

/** One's authenticator app for two-factor sign-in, and an administrator's reset of someone's. */
async function secondFactorRoutes(app: App) {
  app.get(
    '/api/v1/me/second-factor',
    { schema: { operationId: 'getSecondFactor', tags, response: { 200: secondFactorStatusSchema } } },
    async (req) => secondFactorStatus(actorCtx(app, req)),
  );
  app.post(
    '/api/v1/me/second-factor',
    { schema: { operationId: 'startSecondFactorSetup', tags, response: { 200: secondFactorSetupSchema } } },
    async (req) => startSecondFactor(actorCtx(app, req)),
  );
  app.post(
    '/api/v1/me/second-factor/confirm',
    {
      schema: {
        operationId: 'confirmSecondFactor',
        tags,
        body: secondFactorConfirmBody,
        response: { 200: recoveryCodesSchema },
      },
    },
    async (req) => confirmSecondFactor(actorCtx(app, req), req.body.code),
  );
  app.post(
    '/api/v1/me/second-factor/disable',
    {
      schema: {
        operationId: 'disableSecondFactor',
        tags,
        body: secondFactorDisableBody,
        response: { 204: noBody },
      },
    },
    async (req, reply) => noContent(reply, disableSecondFactor(actorCtx(app, req), req.body.password)),
  );
  app.delete(
    '/api/v1/users/:id/second-factor',
    { schema: { operationId: 'resetUserSecondFactor', tags, params: idParams, response: { 204: noBody } } },
    async (req, reply) => noContent(reply, resetSecondFactor(actorCtx(app, req), req.params.id)),
  );
}

/** Customers creating their own account, and the administrator's settings for it. */
async function signUpRoutes(app: App) {
  const ctx = app.ctx;
  app.post(
    '/api/v1/auth/sign-up',
    {
      schema: { operationId: 'signUp', tags, body: signUpBody, response: { 202: signUpResponse } },
      config: perIp('sign-up'),
    },
    async (req, reply) =>
      reply.code(202).send({
        message: await requestSignUp(ctx, {
          ...req.body,
          ip: req.ip,
          // The confirmation mail is written in the language the visitor's browser asks for.
          locale: pickLocale(acceptedLanguages(req.headers['accept-language']), availableLocales()),
        }),
      }),
  );
  signInByLink(app, 'verifySignUp', '/api/v1/auth/sign-up/verify', signUpVerifyBody, (input) =>
    verifySignUp(ctx, input),
  );
  setting(app, {
    path: '/api/v1/settings/sign-up',
    name: 'SignUpSettings',
    tags,
    schema: signUpSettingsSchema,
    get: getSignUpSettings,
    put: putSignUpSettings,
  });
}
