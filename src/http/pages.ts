import { setupStateSchema } from '../../common/auth.js';
import { page } from '../lib/html.js';
import { setupState } from '../modules/setup/setup.service.js';
import type { App } from './types.js';
import { hasWebBuild } from './web.js';

const home = page(
  'Helpdesk',
  `<h1>Tessera helpdesk</h1>
<p>The server is running. The HTTP API is documented at <a href="/api/docs">/api/docs</a>
(OpenAPI document at <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>).</p>`,
);

// Served only while the web app is not built; the app has its own set-up page (web/src/routes/Setup.tsx).
const setup = page(
  'Set up',
  `<h1>Create the first administrator</h1>
<form id="f"><label for="name">Name</label><input id="name" name="name" required autocomplete="name">
<label for="email">Email</label><input id="email" name="email" type="email" required autocomplete="email">
<label for="password">Password (8 characters or more)</label><input id="password" name="password" type="password" minlength="8" required autocomplete="new-password">
<button>Create administrator</button></form><p class="msg" id="msg" role="status"></p>
<script>
const f=document.getElementById('f'),msg=document.getElementById('msg');
f.addEventListener('submit',async e=>{e.preventDefault();
const token=new URLSearchParams(location.search).get('token')||'';
const r=await fetch('/api/v1/setup',{method:'POST',headers:{'content-type':'application/json'},
body:JSON.stringify({token,name:f.name.value,email:f.email.value,password:f.password.value})});
const b=await r.json();msg.textContent=r.ok?'Done. You can now sign in as '+b.email+'.':b.detail;});
</script>`,
);

export async function pageRoutes(app: App) {
  // Once the web app is built, it answers `/` (src/http/web.ts); until then, this placeholder.
  if (!hasWebBuild()) {
    app.get('/', { schema: { hide: true } }, (_req, reply) => reply.type('text/html').send(home));
  }
  if (!hasWebBuild()) {
    app.get('/setup', { schema: { hide: true } }, (_req, reply) => reply.type('text/html').send(setup));
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
