import { parseArgs } from 'node:util';
import { pino } from 'pino';
import type { Config } from '../config.js';
import type { Ctx } from '../context.js';
import type { Database } from '../db/database.js';
import { endInterruptedRuns, listLogWithTickets } from '../modules/imports/import.repository.js';
import {
  createRun,
  ImportError,
  type ImportOptions,
  previewImport,
  runToEnd,
} from '../modules/imports/import.run.js';
import type { ImportSource } from '../modules/imports/model.js';
import { inspectCsv, openCsv } from '../modules/imports/sources/csv.js';
import { openOsTicket } from '../modules/imports/sources/osticket.js';
import { openZendesk } from '../modules/imports/sources/zendesk.js';
import { withDatabase } from './database.js';

export const IMPORT_USAGE = `  import osticket --url mysql://user:password@host:3306/osticket [--prefix ost_] [--attachments-dir <dir>]
  import zendesk --url https://acme.zendesk.com --email <agent e-mail> --token <API token>
  import csv [--organisations <file>] [--customers <file>] [--tickets <file>] [--map <kind>:<Header>=<target>]…
      with any source: [--topics types|departments] [--status "<source status>=<workflow status key>"]…
                       [--delta] [--dry-run]
                                                  bring organisations, people, departments and tickets over
                                                  from another helpdesk, silently; run again to resume or
                                                  (with --delta) to bring what changed since the last run`;

export class ImportUsageError extends Error {}

const parse = (args: string[]) =>
  parseArgs({
    args,
    allowPositionals: true,
    options: {
      url: { type: 'string' },
      prefix: { type: 'string' },
      'attachments-dir': { type: 'string' },
      email: { type: 'string' },
      token: { type: 'string' },
      organisations: { type: 'string' },
      customers: { type: 'string' },
      tickets: { type: 'string' },
      map: { type: 'string', multiple: true },
      topics: { type: 'string' },
      status: { type: 'string', multiple: true },
      delta: { type: 'boolean' },
      'dry-run': { type: 'boolean' },
    },
  });
type Values = ReturnType<typeof parse>['values'];

const need = (v: string | undefined, what: string) => {
  if (!v) throw new ImportUsageError(`Give ${what}.`);
  return v;
};

/** `kind:Header=target` pairs on top of what the file's headers suggest. */
async function csvInput(
  kind: 'organisations' | 'customers' | 'tickets',
  file: string | undefined,
  maps: string[],
) {
  if (!file) return undefined;
  const { suggested } = await inspectCsv({ file }, kind);
  const mapping: Record<string, string | null> = { ...suggested };
  for (const m of maps) {
    const match = /^([a-z]+):(.+)=(.*)$/.exec(m);
    if (!match)
      throw new ImportUsageError(
        `--map ${m}: write it as <kind>:<Header>=<target> (an empty target ignores the column)`,
      );
    if (match[1] === kind) mapping[match[2] as string] = match[3] || null;
  }
  return { file, mapping };
}

export async function openSource(kind: string, v: Values): Promise<ImportSource> {
  switch (kind) {
    case 'osticket':
      return openOsTicket({
        url: need(v.url, '--url mysql://…'),
        prefix: v.prefix,
        attachmentsDir: v['attachments-dir'] ?? null,
      });
    case 'zendesk':
      return openZendesk({
        baseUrl: need(v.url, '--url https://…'),
        email: need(v.email, '--email'),
        token: need(v.token, '--token'),
      });
    case 'csv': {
      const maps = v.map ?? [];
      const files = {
        organisations: await csvInput('organisations', v.organisations, maps),
        customers: await csvInput('customers', v.customers, maps),
        tickets: await csvInput('tickets', v.tickets, maps),
      };
      if (!files.organisations && !files.customers && !files.tickets)
        throw new ImportUsageError('Give at least one of --organisations, --customers, --tickets.');
      const name = `csv:${v.tickets ?? v.customers ?? v.organisations}`;
      return openCsv({ name, ...files });
    }
    default:
      throw new ImportUsageError(`There is no importer "${kind}"; choose osticket, zendesk or csv.`);
  }
}

function importOptions(v: Values): ImportOptions {
  const topicsAs = v.topics ?? 'types';
  if (topicsAs !== 'types' && topicsAs !== 'departments')
    throw new ImportUsageError('--topics is types or departments.');
  const statusMap: Record<string, string> = {};
  for (const s of v.status ?? []) {
    const at = s.lastIndexOf('=');
    if (at < 1)
      throw new ImportUsageError(`--status ${s}: write it as "<source status>=<workflow status key>"`);
    statusMap[s.slice(0, at).trim()] = s.slice(at + 1).trim();
  }
  return { topicsAs, statusMap, delta: !!v.delta };
}

/** Runs `tessera import …`; returns what to print. */
export async function runImportCommand(
  config: Config,
  args: string[],
  out: (line: string) => void,
): Promise<void> {
  const { values, positionals } = parse(args);
  const kind = positionals[0];
  if (!kind) throw new ImportUsageError(`Usage:\n${IMPORT_USAGE}`);
  const options = importOptions(values);
  await withDatabase(config, async (database) => {
    const ctx = cliCtx(config, database);
    const src = await openSource(kind, values).catch((err: unknown) => {
      throw err instanceof ImportUsageError ? err : new ImportError((err as Error).message);
    });
    try {
      if (values['dry-run']) return printPreview(await previewImport(ctx, src, options), out);
      await endInterruptedRuns(database.db, src.name, new Date().toISOString());
      const run = await createRun(ctx, { kind, options });
      const done = await runToEnd(ctx, run.id, src, (r) => {
        if (r.phase === 'tickets' || r.phase === 'relations')
          out(`  ${r.phase}: ${r.done}${r.total ? ` of ${r.total}` : ''} tickets read`);
      });
      out(`Import ${done.id} from ${done.source}: ${done.state}`);
      for (const [k, c] of Object.entries(JSON.parse(done.counts) as Record<string, Record<string, number>>))
        out(
          `  ${k.padEnd(14)} ${Object.entries(c)
            .map(([o, n]) => `${n} ${o}`)
            .join(', ')}`,
        );
      const log = await listLogWithTickets(database.db, done.id, null, 50);
      if (log.length) out('Log (first 50):');
      for (const l of log) out(`  ${l.outcome} ${l.kind} ${l.source_id}: ${l.detail}`);
    } finally {
      await src.close();
    }
  });
}

function printPreview(p: Awaited<ReturnType<typeof previewImport>>, out: (line: string) => void) {
  out(`Dry run: nothing was written. Source ${p.source}${p.since ? `, changes since ${p.since}` : ''}.`);
  out('Statuses (source → workflow):');
  for (const s of p.statuses) out(`  ${s.name} (${s.state}) → ${s.to}  [${s.by}]`);
  out('Objects (in the source, of which imported before):');
  for (const [k, v] of Object.entries(p.objects))
    out(`  ${k.padEnd(14)} ${v.total}, ${v.imported} imported before`);
  out(`  tickets        ${p.tickets ?? 'unknown'}`);
}

const cliCtx = (config: Config, database: Database): Ctx => ({
  db: database.db,
  dialect: database.dialect,
  config,
  clock: () => new Date(),
  log: pino({ level: 'warn' }),
});
