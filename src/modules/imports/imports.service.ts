import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import type {
  csvInspectBody,
  ImportRun,
  ImportSourceBody,
  importLogQuery,
  startImportBody,
} from '../../../common/imports.js';
import type { ActorCtx, Ctx } from '../../context.js';
import { nowIso } from '../../context.js';
import { AppError, invalid, refusal } from '../../errors.js';
import { defineMessages, translate } from '../../i18n/index.js';
import { enqueue } from '../../jobs/outbox.js';
import { decryptText, encryptText } from '../../lib/crypto.js';
import { resolveAllowed } from '../../lib/network.js';
import { authorize } from '../../policies/policy.js';
import { audit } from '../audit/audit.service.js';
import { loadWorkflow } from '../workflow/workflow.service.js';
import { findRun, type ImportRunRow, listLogWithTickets, listRuns } from './import.repository.js';
import { createRun, type ImportOptions, previewImport } from './import.run.js';
import { unknownChoices } from './mapping.js';
import type { ImportSource } from './model.js';
import { CSV_TARGETS, inspectCsv, openCsv } from './sources/csv.js';
import { openOsTicket } from './sources/osticket.js';
import { openZendesk } from './sources/zendesk.js';

const REFUSED = defineMessages({
  noSpreadsheet: { id: 'error.imports.no_spreadsheet', defaultMessage: 'send at least one spreadsheet' },
  unreadable: { id: 'error.imports.unreadable', defaultMessage: 'The source could not be read: {reason}' },
  notStatuses: {
    id: 'error.imports.not_statuses',
    defaultMessage: 'not statuses of the workflow: {statuses}',
  },
  noImport: { id: 'error.imports.no_import', defaultMessage: 'import' },
});

// Imports an administrator starts from the admin pages: checked, previewed (a dry run), then run by
// the worker a step at a time (import.job.ts) while the page follows its progress. The source's
// credentials are kept sealed with the run until it ends; spreadsheets are kept as files beside it.

const SECRET_CONTEXT = 'import-source';
type SealedSource =
  | Exclude<ImportSourceBody, { kind: 'csv' }>
  | {
      kind: 'csv';
      name: string;
      files: Record<string, { file: string; mapping: Record<string, string | null> }>;
    };

const importsDir = (ctx: Pick<Ctx, 'config'>, runId: string) =>
  path.join(ctx.config.dataDir, 'imports', runId);

/**
 * A spreadsheet import is known by the names of its files ("csv:tickets.csv+people.csv"), so the
 * same files sent again are recognised: their rows are skipped, or updated on a delta run.
 */
const csvName = (source: Extract<ImportSourceBody, { kind: 'csv' }>) =>
  `csv:${[source.organisations, source.customers, source.tickets].flatMap((f) => (f ? [f.name] : [])).join('+')}`;

/** Opens what a body or a run names, with the installation's outbound policy. */
async function open(
  ctx: Pick<Ctx, 'config'>,
  source: ImportSourceBody | SealedSource,
): Promise<ImportSource> {
  try {
    switch (source.kind) {
      case 'osticket': {
        await resolveAllowed(
          ctx.config.outbound,
          new URL(source.url.replace(/^mariadb:/, 'mysql:')).hostname,
        );
        return await openOsTicket({
          url: source.url,
          prefix: source.prefix,
          attachmentsDir: source.attachmentsDir,
        });
      }
      case 'zendesk':
        return await openZendesk({
          baseUrl: source.baseUrl,
          email: source.email,
          token: source.token,
          outbound: ctx.config.outbound,
        });
      case 'csv': {
        const files =
          'files' in source
            ? source.files
            : Object.fromEntries(
                (['organisations', 'customers', 'tickets'] as const).flatMap((k) =>
                  source[k] ? [[k, { text: source[k].text, mapping: source[k].mapping }]] : [],
                ),
              );
        if (Object.keys(files).length === 0) throw invalid('source', REFUSED.noSpreadsheet);
        return await openCsv({ name: 'files' in source ? source.name : csvName(source), ...files });
      }
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    // The reason is the reader's own (English); the sentence around it reads in the asker's language.
    const values = { reason: (err as Error).message };
    const refused = new AppError('validation', translate(undefined, REFUSED.unreadable, values), [
      { path: 'source', message: values.reason },
    ]);
    refused.saying = { message: REFUSED.unreadable, values };
    throw refused;
  }
}

async function checkOptions(ctx: Ctx, options: ImportOptions) {
  const wrong = unknownChoices(await loadWorkflow(ctx, ctx.db), options.statusMap);
  if (wrong.length) throw invalid('options.statusMap', REFUSED.notStatuses, { statuses: wrong.join(', ') });
}

/** The dry run: how statuses map and how much there is to read; writes nothing. */
export async function previewImportRun(ctx: ActorCtx, input: z.infer<typeof startImportBody>) {
  authorize(ctx.actor, 'import.run');
  await checkOptions(ctx, input.options);
  const src = await open(ctx, input.source);
  try {
    const preview = await previewImport(ctx, src, input.options);
    return { ...preview, refused: (src.refusals?.() ?? []).slice(0, 200) };
  } finally {
    await src.close();
  }
}

/** Starts a run: the source is checked (it must open), its credentials sealed, the first step queued. */
export async function startImport(ctx: ActorCtx, input: z.infer<typeof startImportBody>): Promise<ImportRun> {
  authorize(ctx.actor, 'import.run');
  await checkOptions(ctx, input.options);
  await (await open(ctx, input.source)).close();
  const run = await createRun(ctx, {
    kind: input.source.kind,
    options: input.options,
    createdBy: ctx.actor.id,
  });
  let sealed: SealedSource;
  if (input.source.kind === 'csv') {
    const dir = importsDir(ctx, run.id);
    await mkdir(dir, { recursive: true });
    const files: Record<string, { file: string; mapping: Record<string, string | null> }> = {};
    for (const kind of ['organisations', 'customers', 'tickets'] as const) {
      const f = input.source[kind];
      if (!f) continue;
      const file = path.join(dir, `${kind}.csv`);
      await writeFile(file, f.text);
      files[kind] = { file, mapping: f.mapping };
    }
    sealed = { kind: 'csv', name: csvName(input.source), files };
  } else sealed = input.source;
  await ctx.db.transaction().execute(async (trx) => {
    const now = nowIso(ctx);
    await trx
      .updateTable('import_runs')
      .set({ secret: encryptText(ctx.config.secret, SECRET_CONTEXT, JSON.stringify(sealed)) })
      .where('id', '=', run.id)
      .execute();
    await enqueue(
      trx,
      {
        topic: 'import.step',
        payload: { runId: run.id, step: 0 },
        dedupeKey: `import:${run.id}:0`,
        runAt: now,
      },
      now,
    );
    await audit(ctx, trx, {
      action: 'import_started',
      actor: ctx.actor,
      ip: ctx.ip,
      details: { run: run.id, kind: input.source.kind },
    });
  });
  return getImport(ctx, run.id);
}

/** The source of a run, for the worker; null once the run has ended (its credentials are gone). */
export async function openRunSource(ctx: Ctx, run: ImportRunRow): Promise<ImportSource | null> {
  if (!run.secret) return null;
  return open(ctx, JSON.parse(decryptText(ctx.config.secret, SECRET_CONTEXT, run.secret)) as SealedSource);
}

/** Drops what a run kept of its source (spreadsheets) once it has ended. */
export const forgetRunFiles = (ctx: Pick<Ctx, 'config'>, runId: string) =>
  rm(importsDir(ctx, runId), { recursive: true, force: true });

export function presentRun(r: ImportRunRow & { created_by_name?: string | null }): ImportRun {
  return {
    id: r.id,
    kind: r.kind,
    source: r.source,
    state: r.state,
    phase: r.phase,
    total: r.total === null ? null : Number(r.total),
    done: Number(r.done),
    counts: JSON.parse(r.counts),
    options: JSON.parse(r.options),
    error: r.error,
    createdBy: r.created_by ? { id: r.created_by, name: r.created_by_name ?? 'Deleted user' } : null,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    finishedAt: r.finished_at,
  };
}

export async function getImport(ctx: ActorCtx, id: string): Promise<ImportRun> {
  authorize(ctx.actor, 'import.run');
  const run = await findRun(ctx.db, id);
  if (!run) throw refusal('not_found', REFUSED.noImport);
  return presentRun(run);
}

export async function listImports(ctx: ActorCtx) {
  authorize(ctx.actor, 'import.run');
  return { items: (await listRuns(ctx.db, 50)).map(presentRun) };
}

export async function importLog(ctx: ActorCtx, id: string, q: z.infer<typeof importLogQuery>) {
  await getImport(ctx, id);
  const rows = await listLogWithTickets(ctx.db, id, q.outcome ?? null, q.limit);
  return {
    items: rows.map((l) => ({
      kind: l.kind,
      sourceId: l.source_id,
      outcome: l.outcome,
      detail: l.detail,
      ticketNumber: l.ticket_number === null ? null : Number(l.ticket_number),
      at: l.created_at,
    })),
  };
}

export async function inspectCsvFile(ctx: ActorCtx, body: z.infer<typeof csvInspectBody>) {
  authorize(ctx.actor, 'import.run');
  const found = await inspectCsv({ text: body.text }, body.kind);
  return {
    headers: found.headers,
    sample: found.sample,
    rows: found.rows,
    suggested: found.suggested,
    targets: CSV_TARGETS[body.kind].map((t) => ({
      target: t.target,
      label: t.label,
      required: !!t.required,
    })),
  };
}
