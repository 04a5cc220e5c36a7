import type { App } from './types.js';

const layout = (title: string, body: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Tessera</title>
<style>
body{font:16px/1.5 system-ui,sans-serif;max-width:34rem;margin:4rem auto;padding:0 1rem;color:#1a1b1e}
h1{font-size:1.6rem}label{display:block;margin:.8rem 0 .2rem}input{width:100%;padding:.5rem;font:inherit;box-sizing:border-box}
button{margin-top:1rem;padding:.6rem 1.2rem;font:inherit;background:#228be6;color:#fff;border:0;border-radius:4px}
.msg{margin-top:1rem}a{color:#1c7ed6}
</style></head><body>${body}</body></html>`;

const home = layout(
  'Helpdesk',
  `<h1>Tessera helpdesk</h1>
<p>The server is running. The HTTP API is documented at <a href="/api/docs">/api/docs</a>
(OpenAPI document at <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>).</p>`,
);

const setup = layout(
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
  app.get('/', { schema: { hide: true } }, (_req, reply) => reply.type('text/html').send(home));
  app.get('/setup', { schema: { hide: true } }, (_req, reply) => reply.type('text/html').send(setup));
}
