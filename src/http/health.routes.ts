import type { App } from './types.js';

// For load balancers and orchestrators: answers once the database does; not part of the API document.
export async function healthRoutes(app: App) {
  app.get('/api/health', { schema: { hide: true } }, async () => {
    await app.ctx.db.selectFrom('counters').select('name').limit(1).execute();
    return { status: 'ok' };
  });
}
