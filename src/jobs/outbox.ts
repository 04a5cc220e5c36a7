import type { Executor } from '../db/database.js';
import { newId } from '../lib/crypto.js';
import type { JobName, JobPayload } from './payloads.js';

/** A job to write: the payload's type follows from the topic, so a wrong payload does not compile. */
export type OutboxJob<N extends JobName = JobName> = {
  [K in N]: {
    topic: K;
    payload: JobPayload<K>;
    /** The same key twice is one job: a retried transaction or a second scheduler adds nothing. */
    dedupeKey: string;
    runAt: string;
  };
}[N];

/** Writes a side effect in the caller's transaction; a worker delivers it after commit. */
export async function enqueue(db: Executor, job: OutboxJob, now: string): Promise<void> {
  await db
    .insertInto('outbox')
    .values({
      id: newId(),
      topic: job.topic,
      payload: JSON.stringify(job.payload),
      dedupe_key: job.dedupeKey,
      state: 'pending',
      attempts: 0,
      run_at: job.runAt,
      locked_until: null,
      last_error: null,
      created_at: now,
      done_at: null,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .execute();
}
