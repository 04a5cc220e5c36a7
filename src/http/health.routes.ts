import type { App } from './types.js';

const DATABASE_TIMEOUT_MS = 2000;

// For load balancers and orchestrators: 200 once the database answers; 503 with the reasons while it
// does not (the process stays up and reconnects by itself). Not part of the API document.
export async function healthRoutes(app: App) {
  app.get('/api/health', { schema: { hide: true }, config: { rateLimit: false } }, async (_req, reply) => {
    const reasons: string[] = [];
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        app.ctx.db.selectFrom('counters').select('name').limit(1).execute(),
        new Promise((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`no answer in ${DATABASE_TIMEOUT_MS} ms`)),
            DATABASE_TIMEOUT_MS,
          );
        }),
      ]);
    } catch (err) {
      reasons.push(`database unreachable: ${(err as Error).message}`);
    } finally {
      clearTimeout(timer);
    }
    if (reasons.length === 0) return { status: 'ok' };
    return reply.code(503).send({ status: 'degraded', reasons });
  });
}
