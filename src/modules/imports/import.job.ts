import { nowIso } from '../../context.js';
import { enqueue } from '../../jobs/outbox.js';
import type { JobHandler } from '../../jobs/worker.js';
import { findRun } from './import.repository.js';
import { failRun, runStep } from './import.run.js';
import { forgetRunFiles, openRunSource } from './imports.service.js';

// An import run as outbox jobs: each job does steps for a few seconds, then queues the next, so a
// long import never holds a job past its lease and a restart goes on from the last step recorded.
// A failure ends the run with the reason on its page; running the import again goes on from there.

const SLICE_MS = 15_000;

export const runImportJob: JobHandler<'import.step'> = async (ctx, job) => {
  const { runId, step } = job.data;
  const run = await findRun(ctx.db, runId);
  if (!run || run.state === 'done' || run.state === 'failed') return;
  let more = true;
  try {
    const src = await openRunSource(ctx, run);
    if (!src) throw new Error('the source’s credentials are gone');
    try {
      const until = Date.now() + SLICE_MS;
      while (more && Date.now() < until) more = (await runStep(ctx, runId, src)).more;
    } finally {
      await src.close();
    }
  } catch (err) {
    ctx.log.warn({ err, runId }, 'import run failed');
    await failRun(ctx, runId, err);
    more = false;
  }
  if (!more) {
    await forgetRunFiles(ctx, runId);
    return;
  }
  const now = nowIso(ctx);
  await enqueue(
    ctx.db,
    {
      topic: 'import.step',
      payload: { runId, step: step + 1 },
      dedupeKey: `import:${runId}:${step + 1}`,
      runAt: now,
    },
    now,
  );
};
