import { PRIORITIES } from '../../../common/api.js';
import { NEUTRAL_PRIORITY_HELP, type PriorityHelp } from '../../../common/intake.js';
import type { TranslationKind } from '../../../common/languages.js';
import type { Ctx } from '../../context.js';
import type { Executor } from '../../db/database.js';
import { presetDocument } from '../../workflow/presets/index.js';
import type { WorkflowDocument } from '../../workflow/types.js';
import { getSetting } from '../settings/settings.repository.js';
import {
  articleTexts,
  cannedTexts,
  categoryTexts,
  fieldTexts,
  ruleTexts,
  ticketTypeTexts,
} from './translations.repository.js';

// The configured texts of each kind as written (in the installation's source language): what an
// administrator translates, and what a variant must belong to. 'ui' has no list here: its
// originals are the product's catalogues, which the web app has.

export type Original = {
  refId: string;
  field: string;
  /** Which row it belongs to, as an administrator recognises it. */
  context: string;
  original: string;
  /** The most the original may hold, so a variant can hold no more. */
  maxLength: number;
};

/** The articles an administrator is shown at most, newest changes first. */
export const ARTICLES_LISTED = 500;
/** A product string's override: as long as any of the product's own. */
export const UI_MAX = 2000;

/** The workflow document as saved, else the configured preset (the workflow module's rule). */
export async function workflowDocument(ctx: Pick<Ctx, 'config'>, db: Executor): Promise<WorkflowDocument> {
  const saved = await getSetting<{ document: WorkflowDocument }>(db, 'workflow');
  return saved?.document ?? presetDocument(ctx.config.workflowPreset);
}

async function statusTexts(ctx: Pick<Ctx, 'config'>, db: Executor): Promise<Original[]> {
  const doc = await workflowDocument(ctx, db);
  return doc.statuses.flatMap((s) => [
    { refId: s.key, field: 'staff_label', context: s.key, original: s.staffLabel, maxLength: 100 },
    { refId: s.key, field: 'customer_label', context: s.key, original: s.customerLabel, maxLength: 100 },
  ]);
}

async function priorityTexts(db: Executor): Promise<Original[]> {
  const help = {
    ...NEUTRAL_PRIORITY_HELP,
    ...(await getSetting<Partial<PriorityHelp>>(db, 'priority_help')),
  };
  return PRIORITIES.map((p) => ({ refId: p, field: '', context: p, original: help[p], maxLength: 300 }));
}

function fieldOriginals(rows: Awaited<ReturnType<typeof fieldTexts>>): Original[] {
  return rows.flatMap((f) => {
    const options = JSON.parse(f.options) as { value: string; label: string }[];
    const context = f.label;
    return [
      { refId: f.key, field: 'label', context, original: f.label, maxLength: 200 },
      ...(f.help ? [{ refId: f.key, field: 'help', context, original: f.help, maxLength: 2000 }] : []),
      ...options.map((o) => ({
        refId: f.key,
        field: `option:${o.value}`,
        context,
        original: o.label,
        maxLength: 200,
      })),
    ];
  });
}

/** A rule's notice is named by the rule and the action's place in it: `<rule id>:<index>`. */
export const noticeRef = (ruleId: string, index: number) => `${ruleId}:${index}`;

/** The mails rules send (notice actions of triggers and automations): subject and text each. */
function noticeOriginals(rows: Awaited<ReturnType<typeof ruleTexts>>): Original[] {
  return rows.flatMap((r) => {
    const { actions = [] } = JSON.parse(r.definition) as {
      actions?: { type: string; subject?: string; body?: string }[];
    };
    const notices = actions.flatMap((a, i) => (a.type === 'notice' ? [{ a, i }] : []));
    return notices.flatMap(({ a, i }, n) => {
      const context = notices.length > 1 ? `${r.name} (${n + 1})` : r.name;
      const refId = noticeRef(r.id, i);
      return [
        { refId, field: 'subject', context, original: a.subject ?? '', maxLength: 200 },
        { refId, field: 'body', context, original: a.body ?? '', maxLength: 20_000 },
      ];
    });
  });
}

/** The texts of a kind, or of one row of it (`refId`), as configured now. */
export async function originalsOf(
  ctx: Pick<Ctx, 'config'>,
  db: Executor,
  kind: Exclude<TranslationKind, 'ui'>,
  refId?: string,
): Promise<Original[]> {
  const one = <T extends Original>(list: T[]) =>
    refId === undefined ? list : list.filter((o) => o.refId === refId);
  switch (kind) {
    case 'status':
      return one(await statusTexts(ctx, db));
    case 'priority_help':
      return one(await priorityTexts(db));
    case 'ticket_type':
      return (await ticketTypeTexts(db, refId)).flatMap((t) => [
        { refId: t.key, field: 'name', context: t.key, original: t.name, maxLength: 100 },
        ...(t.description
          ? [
              {
                refId: t.key,
                field: 'description',
                context: t.name,
                original: t.description,
                maxLength: 2000,
              },
            ]
          : []),
      ]);
    case 'field':
      return fieldOriginals(await fieldTexts(db, refId));
    case 'canned':
      return (await cannedTexts(db, refId)).flatMap((c) => [
        { refId: c.id, field: 'title', context: c.title, original: c.title, maxLength: 200 },
        ...(c.body
          ? [{ refId: c.id, field: 'body', context: c.title, original: c.body, maxLength: 20_000 }]
          : []),
      ]);
    case 'notice':
      return one(noticeOriginals(await ruleTexts(db, refId?.split(':')[0])));
    case 'kb_article':
      return (await articleTexts(db, ARTICLES_LISTED, refId)).flatMap((a) => [
        { refId: a.id, field: 'title', context: a.title, original: a.title, maxLength: 200 },
        { refId: a.id, field: 'body', context: a.title, original: a.body, maxLength: 200_000 },
      ]);
    case 'kb_category':
      return (await categoryTexts(db, refId)).flatMap((c) => [
        { refId: c.id, field: 'name', context: c.name, original: c.name, maxLength: 200 },
        ...(c.description
          ? [{ refId: c.id, field: 'description', context: c.name, original: c.description, maxLength: 1000 }]
          : []),
      ]);
  }
}
