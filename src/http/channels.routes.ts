import {
  channelSettingsSchema,
  channelStateSchemas,
  channelTestResultSchema,
  emailSettingsBody,
  emailTestBody,
  emptyTestBody,
  telegramSettingsBody,
  whatsappSettingsBody,
  whatsappTestBody,
} from '../../common/channels.js';
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
import { type App, actorCtx } from './types.js';

const PUT_HELP =
  'Saves settings that override the environment for this channel: a string sets one, null goes back to the environment’s value, an absent field stays as it is. A URL given back with the password ******** keeps the password in use. Secrets are never returned. Refused as a whole (400) when a field is invalid or the result would be half set up.';
const TEST_HELP =
  'Tries the saved settings now (not through the outbox; gives up after about 10 seconds). Answers 200 with ok and a readable detail, also when the test fails.';

const test = { 200: channelTestResultSchema };

/** Admin › Channels: the settings of email, WhatsApp and Telegram that override the environment, and a test of each. */
export async function channelSettingsRoutes(app: App) {
  app.get(
    '/api/v1/admin/channels',
    {
      schema: {
        tags: ['admin'],
        description:
          'Each channel’s settings: the value in use (secrets never; a URL’s password as ********), whether it comes from the environment or the admin, and whether the channel can deliver.',
        response: { 200: channelSettingsSchema },
      },
    },
    async (req) => getChannelSettings(actorCtx(app, req)),
  );

  app.put(
    '/api/v1/admin/channels/email',
    {
      schema: {
        tags: ['admin'],
        description: PUT_HELP,
        body: emailSettingsBody,
        response: { 200: channelStateSchemas.email },
      },
    },
    async (req) => putChannelSettings(actorCtx(app, req), 'email', req.body),
  );
  app.put(
    '/api/v1/admin/channels/whatsapp',
    {
      schema: {
        tags: ['admin'],
        description: `${PUT_HELP} The access token, phone number id and app secret go together.`,
        body: whatsappSettingsBody,
        response: { 200: channelStateSchemas.whatsapp },
      },
    },
    async (req) => putChannelSettings(actorCtx(app, req), 'whatsapp', req.body),
  );
  app.put(
    '/api/v1/admin/channels/telegram',
    {
      schema: {
        tags: ['admin'],
        description: `${PUT_HELP} The bot token and webhook secret go together.`,
        body: telegramSettingsBody,
        response: { 200: channelStateSchemas.telegram },
      },
    },
    async (req) => putChannelSettings(actorCtx(app, req), 'telegram', req.body),
  );

  app.post(
    '/api/v1/admin/channels/email/test',
    {
      schema: {
        tags: ['admin'],
        description: `Sends a short test mail through the SMTP server, to \`to\` or else to the calling admin. ${TEST_HELP}`,
        body: emailTestBody,
        response: test,
      },
    },
    async (req) => testEmail(actorCtx(app, req), req.body),
  );
  app.post(
    '/api/v1/admin/channels/imap/test',
    {
      schema: {
        tags: ['admin'],
        description: `Connects to the IMAP mailbox, logs in and counts its messages (“INBOX: 3 messages, 1 unseen”). ${TEST_HELP}`,
        body: emptyTestBody,
        response: test,
      },
    },
    async (req) => testImap(actorCtx(app, req)),
  );
  app.post(
    '/api/v1/admin/channels/whatsapp/test',
    {
      schema: {
        tags: ['admin'],
        description: `Sends a text message to the number \`to\` (international form). WhatsApp delivers it only if that number wrote in the last 24 hours. ${TEST_HELP}`,
        body: whatsappTestBody,
        response: test,
      },
    },
    async (req) => testWhatsApp(actorCtx(app, req), req.body),
  );
  app.post(
    '/api/v1/admin/channels/telegram/test',
    {
      schema: {
        tags: ['admin'],
        description: `Asks Telegram who the bot is (getMe) and, when the calling admin has linked Telegram, sends them a test message. ${TEST_HELP}`,
        body: emptyTestBody,
        response: test,
      },
    },
    async (req) => testTelegram(actorCtx(app, req)),
  );
}
