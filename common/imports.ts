import { z } from 'zod';
import { say, VALIDATION } from './validation-messages.js';

// Imports from another helpdesk, started by an administrator and run as a job: where to read
// (osTicket's database, a Zendesk account, spreadsheets), how to map what is read, and the run's
// progress, counts and log.

const text = (max: number) => z.string().trim().min(1).max(max);

/** A spreadsheet, sent as its text, with the column → target mapping the inspection proposed. */
const csvFile = z.strictObject({
  name: text(200),
  text: z.string().min(1).max(20_000_000),
  mapping: z.record(z.string().max(200), z.string().max(100).nullable()),
});

export const importSourceBody = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('osticket'),
    /** mysql://user:password@host:3306/database */
    url: z
      .string()
      .max(1000)
      .refine(
        (u) => /^(mysql|mariadb):\/\/[^/]+\/[^/?#]+/.test(u),
        'a mysql://user:password@host:port/database URL',
      ),
    prefix: z
      .string()
      .regex(/^[A-Za-z0-9_]{0,20}$/, say(VALIDATION.lettersDigitsUnderscore))
      .default('ost_'),
    /** Where osTicket's file-system storage plugin keeps files, when it is used. */
    attachmentsDir: z.string().max(1000).nullable().default(null),
  }),
  z.strictObject({
    kind: z.literal('zendesk'),
    baseUrl: z.url({ protocol: /^https?$/ }).max(500),
    email: z.email().max(254),
    token: text(200),
  }),
  z.strictObject({
    kind: z.literal('csv'),
    organisations: csvFile.optional(),
    customers: csvFile.optional(),
    tickets: csvFile.optional(),
  }),
]);
export type ImportSourceBody = z.infer<typeof importSourceBody>;
export const IMPORT_KINDS = ['osticket', 'zendesk', 'csv'] as const;

export const importOptionsBody = z.strictObject({
  /** Help topics (osTicket) or ticket types (Zendesk) become ticket types, or departments. */
  topicsAs: z.enum(['types', 'departments']).default('types'),
  /** Source status (id or name) → workflow status key. */
  statusMap: z.record(z.string().max(200), z.string().max(64)).default({}),
  /** Only what changed since the last completed run of the same source. */
  delta: z.boolean().default(false),
});
export const startImportBody = z.strictObject({
  source: importSourceBody,
  options: importOptionsBody.default({ topicsAs: 'types', statusMap: {}, delta: false }),
});

const objectCount = z.object({ total: z.number(), imported: z.number() });
export const importPreviewSchema = z.object({
  source: z.string(),
  since: z.string().nullable(),
  statuses: z.array(
    z.object({
      sourceId: z.string(),
      name: z.string(),
      state: z.enum(['open', 'pending', 'solved', 'closed']),
      to: z.string(),
      by: z.enum(['chosen', 'name', 'state']),
    }),
  ),
  workflow: z.array(z.object({ key: z.string(), label: z.string(), category: z.string() })),
  objects: z.object({
    organisations: objectCount,
    departments: objectCount,
    staff: objectCount,
    customers: objectCount,
    topics: objectCount,
    fields: objectCount,
  }),
  tickets: z.number().nullable(),
  /** Rows or records the source refused while reading (a spreadsheet's unreadable rows). */
  refused: z.array(z.object({ kind: z.string(), sourceId: z.string(), reason: z.string() })),
});

const outcomes = z.object({
  imported: z.number(),
  updated: z.number(),
  skipped: z.number(),
  refused: z.number(),
});
export const importRunSchema = z.object({
  id: z.string(),
  kind: z.string(),
  source: z.string().nullable(),
  state: z.enum(['queued', 'running', 'done', 'failed']),
  phase: z.enum(['reference', 'tickets', 'relations', 'done']),
  total: z.number().nullable(),
  done: z.number(),
  counts: z.record(z.string(), outcomes),
  options: importOptionsBody,
  error: z.string().nullable(),
  createdBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type ImportRun = z.infer<typeof importRunSchema>;
export const importRunList = z.object({ items: z.array(importRunSchema) });
export const importRunParams = z.strictObject({ id: z.string().min(1).max(64) });

export const IMPORT_OUTCOMES = ['refused', 'skipped', 'renumbered', 'matched'] as const;
export const importLogQuery = z.strictObject({
  outcome: z.enum(IMPORT_OUTCOMES).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
export const importLogSchema = z.object({
  items: z.array(
    z.object({
      kind: z.string(),
      sourceId: z.string(),
      outcome: z.enum(IMPORT_OUTCOMES),
      detail: z.string(),
      /** The Tessera ticket it became, when there is one. */
      ticketNumber: z.number().nullable(),
      at: z.string(),
    }),
  ),
});

export const csvInspectBody = z.strictObject({
  kind: z.enum(['organisations', 'customers', 'tickets']),
  text: z.string().min(1).max(20_000_000),
});
export const csvInspectSchema = z.object({
  headers: z.array(z.string()),
  sample: z.array(z.array(z.string())),
  rows: z.number(),
  suggested: z.record(z.string(), z.string().nullable()),
  targets: z.array(z.object({ target: z.string(), label: z.string(), required: z.boolean() })),
});
