import type { FastifyRequest } from 'fastify';
import { setupStateSchema } from '../../common/auth.js';
import { defineMessages, type Message, translate } from '../i18n/index.js';
import { escapeHtml, page } from '../lib/html.js';
import { type Reader, visitorReader } from '../modules/languages/reader.js';
import { setupState } from '../modules/setup/setup.service.js';
import type { App } from './types.js';
import { hasWebBuild } from './web.js';

const PAGES = defineMessages({
  homeTitle: { id: 'page.home.title', defaultMessage: 'Helpdesk' },
  homeHeading: { id: 'page.home.heading', defaultMessage: 'Tessera helpdesk' },
  homeText: {
    id: 'page.home.text',
    defaultMessage:
      'The server is running. The HTTP API is documented at {docs} (OpenAPI document at {openapi}).',
  },
  setupTitle: { id: 'page.setup.title', defaultMessage: 'Set up' },
  setupHeading: { id: 'page.setup.heading', defaultMessage: 'Create the first administrator' },
  name: { id: 'page.setup.name', defaultMessage: 'Name' },
  email: { id: 'page.setup.email', defaultMessage: 'Email' },
  password: { id: 'page.setup.password', defaultMessage: 'Password (8 characters or more)' },
  create: { id: 'page.setup.create', defaultMessage: 'Create administrator' },
  done: { id: 'page.setup.done', defaultMessage: 'Done. You can now sign in as {email}.' },
});

const say = (reader: Reader) => (m: Message, values?: Record<string, string>) =>
  escapeHtml(translate(reader.locale, m, values));

/** A text for the page's script: a JSON string that cannot end the script element. */
const scriptString = (s: string) => JSON.stringify(s).replace(/</g, '\\u003c');

function home(reader: Reader) {
  const t = say(reader);
  const link = (href: string) => `<a href="${href}">${href}</a>`;
  // The links go in after escaping: the message names where they stand.
  const text = t(PAGES.homeText, { docs: '[docs]', openapi: '[openapi]' })
    .replace('[docs]', link('/api/docs'))
    .replace('[openapi]', link('/api/v1/openapi.json'));
  return page(
    translate(reader.locale, PAGES.homeTitle),
    `<h1>${t(PAGES.homeHeading)}</h1>\n<p>${text}</p>`,
    reader,
  );
}

// Served only while the web app is not built; the app has its own set-up page (web/src/routes/Setup.tsx).
function setup(reader: Reader) {
  const t = say(reader);
  const done = translate(reader.locale, PAGES.done, { email: '{email}' });
  return page(
    translate(reader.locale, PAGES.setupTitle),
    `<h1>${t(PAGES.setupHeading)}</h1>
<form id="f"><label for="name">${t(PAGES.name)}</label><input id="name" name="name" required autocomplete="name">
<label for="email">${t(PAGES.email)}</label><input id="email" name="email" type="email" required autocomplete="email">
<label for="password">${t(PAGES.password)}</label><input id="password" name="password" type="password" minlength="8" required autocomplete="new-password">
<button>${t(PAGES.create)}</button></form><p class="msg" id="msg" role="status"></p>
<script>
const f=document.getElementById('f'),msg=document.getElementById('msg'),done=${scriptString(done)};
f.addEventListener('submit',async e=>{e.preventDefault();
const token=new URLSearchParams(location.search).get('token')||'';
const r=await fetch('/api/v1/setup',{method:'POST',headers:{'content-type':'application/json'},
body:JSON.stringify({token,name:f.name.value,email:f.email.value,password:f.password.value})});
const b=await r.json();msg.textContent=r.ok?done.replace('{email}',b.email):b.detail;});
</script>`,
    reader,
  );
}

export async function pageRoutes(app: App) {
  const readerOfPage = (req: FastifyRequest) =>
    visitorReader(app.ctx.db, { actor: req.actor, acceptLanguage: req.headers['accept-language'] });
  // Once the web app is built, it answers `/` (src/http/web.ts); until then, this placeholder.
  if (!hasWebBuild()) {
    app.get('/', { schema: { hide: true } }, async (req, reply) => {
      const reader = await readerOfPage(req);
      return reply.type('text/html').header('content-language', reader.locale).send(home(reader));
    });
  }
  if (!hasWebBuild()) {
    app.get('/setup', { schema: { hide: true } }, async (req, reply) => {
      const reader = await readerOfPage(req);
      return reply.type('text/html').header('content-language', reader.locale).send(setup(reader));
    });
  }
  // Public: the sign-in page of a fresh install says how to finish set-up.
  app.get(
    '/api/v1/setup',
    {
      schema: {
        operationId: 'getSetup',
        tags: ['auth'],
        summary: 'Whether the installation still needs its first administrator',
        response: { 200: setupStateSchema },
      },
    },
    () => setupState(app.ctx),
  );
}
