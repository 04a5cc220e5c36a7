import type { FastifySchema } from 'fastify';
import type { z } from 'zod';
import {
  CHANNEL_NAMES,
  type ChannelName,
  type ChannelTestResult,
  channelSettingsBodies,
  channelSettingsSchema,
  channelStateSchemas,
  channelTestResultSchema,
  emailTestBody,
  emptyTestBody,
  whatsappTestBody,
} from '../../common/channels.js';
import type { ActorCtx } from '../context.js';
import {
  getChannelSettings,
  putChannelSettings,
} from '../modules/channel-settings/channel-settings.service.js';
import {
  testEmail,
  testImap,
  testTelegram,
  testWhatsApp,
} from '../modules/channel-settings/channel-tests.service.js';
import { type App, actorCtx, pascalCase } from './types.js';

const PUT_HELP =
  'Saves settings that override the environment for this channel: a string sets one, null goes back to the environment’s value, an absent field stays as it is. A URL given back with the password ******** keeps the password in use. Secrets are never returned. Refused as a whole (400) when a field is invalid or the result would be half set up.';
const TEST_HELP =
  'Tries the saved settings now (not through the outbox; gives up after about 10 seconds). Answers 200 with ok and a readable detail, also when the test fails.';

const tags = ['admin'];

/** What each channel's PUT adds to PUT_HELP: the settings that only work together. */
const TOGETHER = {
  email: '',
  whatsapp: ' The access token, phone number id and app secret go together.',
  telegram: ' The bot token and webhook secret go together.',
} satisfies Record<ChannelName, string>;

/** What each test does, before TEST_HELP. */
const TESTS = {
  email: 'Sends a short test mail through the SMTP server, to `to` or else to the calling admin.',
  imap: 'Connects to the IMAP mailbox, logs in and counts its messages (“INBOX: 3 messages, 1 unseen”).',
  whatsapp:
    'Sends a text message to the number `to` (international form). WhatsApp delivers it only if that number wrote in the last 24 hours.',
  telegram:
    'Asks Telegram who the bot is (getMe) and, when the calling admin has linked Telegram, sends them a test message.',
};

/** Admin › Channels: the settings of email, WhatsApp and Telegram that override the environment, and a test of each. */
export async function channelSettingsRoutes(app: App) {
  app.get(
    '/api/v1/admin/channels',
    {
      schema: {
        operationId: 'getChannelSettings',
        tags,
        description:
          'Each channel’s settings: the value in use (secrets never; a URL’s password as ********), whether it comes from the environment or the admin, and whether the channel can deliver.',
        response: { 200: channelSettingsSchema },
      },
    },
    async (req) => getChannelSettings(actorCtx(app, req)),
  );
  for (const channel of CHANNEL_NAMES) {
    app.put(
      `/api/v1/admin/channels/${channel}`,
      {
        schema: {
          operationId: `set${pascalCase(channel)}Channel`,
          tags,
          description: `${PUT_HELP}${TOGETHER[channel]}`,
          body: channelSettingsBodies[channel],
          response: { 200: channelStateSchemas[channel] },
        },
      },
      async (req) => putChannelSettings(actorCtx(app, req), channel, req.body),
    );
  }
  testRoute(app, 'email', emailTestBody, testEmail);
  testRoute(app, 'imap', emptyTestBody, testImap);
  testRoute(app, 'whatsapp', whatsappTestBody, testWhatsApp);
  testRoute(app, 'telegram', emptyTestBody, testTelegram);
}

function testRoute<B extends z.ZodType>(
  app: App,
  name: keyof typeof TESTS,
  body: B,
  run: (c: ActorCtx, body: z.output<B>) => Promise<ChannelTestResult>,
) {
  // A plain schema: Fastify cannot work out a generic one's types, `run` carries them.
  const schema: FastifySchema = {
    operationId: `test${pascalCase(name)}Channel`,
    tags,
    description: `${TESTS[name]} ${TEST_HELP}`,
    body,
    response: { 200: channelTestResultSchema },
  };
  app.post(`/api/v1/admin/channels/${name}/test`, { schema }, async (req) =>
    run(actorCtx(app, req), req.body as z.output<B>),
  );
}
