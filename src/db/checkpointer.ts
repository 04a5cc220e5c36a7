import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

// SQLite's automatic WAL checkpoint runs inside whichever commit crosses the threshold, with an
// fsync, and better-sqlite3 is synchronous: every so often one request would stall the whole
// server. A worker thread with its own connection checkpoints in the background instead.

const CODE = `
const { workerData, parentPort } = await import('node:worker_threads');
const { default: Database } = await import(workerData.module);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 1000');
const timer = setInterval(() => {
  try { const [r] = db.pragma('wal_checkpoint(PASSIVE)'); if (workerData.report) parentPort.postMessage(r); } catch {}
}, workerData.intervalMs);
parentPort.on('message', (m) => { if (m === 'stop') { clearInterval(timer); db.close(); parentPort.close(); } });
`;

export type Checkpointer = { stop(): Promise<void> };

export function startCheckpointer(
  file: string,
  intervalMs = 1000,
  report?: (r: unknown) => void,
): Checkpointer {
  const module = pathToFileURL(createRequire(import.meta.url).resolve('better-sqlite3')).href;
  const worker = new Worker(new URL(`data:text/javascript,${encodeURIComponent(CODE)}`), {
    workerData: { file, module, intervalMs, report: Boolean(report) },
  });
  if (report) worker.on('message', report);
  worker.unref();
  worker.on('error', () => {
    // The connection's own threshold (set high, not off) still checkpoints if this thread dies.
  });
  return {
    async stop() {
      // Held while stopping: an unreferenced worker would let the process exit mid-close.
      worker.ref();
      worker.postMessage('stop');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => void worker.terminate().then(() => resolve()), 1000);
        worker.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
      });
    },
  };
}
