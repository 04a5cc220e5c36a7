import { z } from 'zod';
import { ref, tagName } from './api.js';
import { say, VALIDATION } from './validation-messages.js';

// The knowledge base: categories (two levels: a category and its sections), articles with their
// revisions, search and suggestions, "Was this helpful?", deflection and the usage report.

export const KB_STATUSES = ['draft', 'published', 'archived'] as const;
export const KB_VISIBILITIES = ['public', 'signed_in', 'restricted', 'staff'] as const;
export const KB_AUDIENCE_KINDS = ['organisation', 'plan'] as const;
export const KB_METRICS = [
  'view',
  'suggested',
  'clicked',
  'deflected',
  'helpful',
  'unhelpful',
  'used',
] as const;
export type KbStatus = (typeof KB_STATUSES)[number];
export type KbVisibility = (typeof KB_VISIBILITIES)[number];
export type KbMetric = (typeof KB_METRICS)[number];

export const KB_VISIBILITY_LABELS: Record<KbVisibility, string> = {
  public: 'Everyone',
  signed_in: 'Signed-in customers',
  restricted: 'Chosen organisations and plans',
  staff: 'Staff only',
};

const id = z.string().min(1).max(64);
/** Lower-case words joined by hyphens, as in a URL: `reset-your-password`. */
export const kbSlug = z
  .string()
  .trim()
  .min(1)
  .max(120)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, say(VALIDATION.slug));
/** Control characters (other than tab and line breaks) mean nothing in an article; they are dropped. */
const noControls = (s: string) => s.replace(/(?![\t\n\r])\p{Cc}/gu, '');
const title = z.string().max(200).overwrite(noControls).trim().min(1);
/** A calendar day, YYYY-MM-DD. */
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, say(VALIDATION.isoDay));

// ---- categories ----
export const kbCategoryBody = z.strictObject({
  name: title,
  /** Made from the name when left out. */
  slug: kbSlug.optional(),
  description: z.string().max(1000).trim().nullable().optional(),
  /** A category's id to make this one of its sections; sections have no sections. */
  parentId: id.nullable().optional(),
  position: z.number().int().min(0).max(100_000).optional(),
});
export const kbCategoryPatch = kbCategoryBody.partial();
export const kbCategorySchema = z
  .object({
    id: z.string(),
    parentId: z.string().nullable(),
    name: z.string(),
    slug: z.string(),
    description: z.string().nullable(),
    position: z.number(),
    /** Articles the caller can read in it (for staff: every article, drafts too). */
    articles: z.number(),
  })
  .meta({ id: 'KbCategory' });
export type KbCategory = z.infer<typeof kbCategorySchema>;

// ---- articles ----
export const kbAudienceSchema = z.strictObject({ kind: z.enum(KB_AUDIENCE_KINDS), id });
export const kbAudienceRefSchema = z.object({
  kind: z.enum(KB_AUDIENCE_KINDS),
  id: z.string(),
  name: z.string(),
});

export const kbArticleBody = z.strictObject({
  title,
  /** Markdown, as in replies; inline images are the article's own attachments. */
  body: z.string().max(200_000).overwrite(noControls),
  slug: kbSlug.optional(),
  categoryId: id.nullable().optional(),
  status: z.enum(KB_STATUSES).default('draft'),
  visibility: z.enum(KB_VISIBILITIES).default('staff'),
  /** For `restricted`: the organisations and plans whose customers may read it. */
  audiences: z.array(kbAudienceSchema).max(200).default([]),
  tags: z.array(tagName).max(30).default([]),
  ownerId: id.nullable().optional(),
  reviewBy: day.nullable().optional(),
  /** Attachments uploaded for its inline images. */
  attachmentIds: z.array(id).max(50).optional(),
  /** What changed, kept with the revision. */
  note: z.string().max(500).trim().optional(),
  /** The ticket it was drafted from ("Create article from this ticket"); only when created. */
  sourceTicketNumber: z.number().int().min(1).optional(),
});
/** A change names the version it was made from: a change to an older one is a conflict (409). */
export const kbArticlePatch = kbArticleBody
  .omit({ status: true, visibility: true, audiences: true, tags: true, sourceTicketNumber: true })
  .extend({
    status: z.enum(KB_STATUSES),
    visibility: z.enum(KB_VISIBILITIES),
    audiences: z.array(kbAudienceSchema).max(200),
    tags: z.array(tagName).max(30),
  })
  .partial()
  .extend({ version: z.number().int().min(1) });

const categoryRef = z.object({ id: z.string(), name: z.string(), slug: z.string() });

/** An article as staff see it. */
export const kbArticleSchema = z
  .object({
    id: z.string(),
    slug: z.string(),
    title: z.string(),
    body: z.string(),
    /** The body as safe HTML. */
    html: z.string(),
    category: categoryRef.nullable(),
    /** The category above `category` when that is a section. */
    parentCategory: categoryRef.nullable(),
    status: z.enum(KB_STATUSES),
    visibility: z.enum(KB_VISIBILITIES),
    audiences: z.array(kbAudienceRefSchema),
    tags: z.array(z.string()),
    owner: ref.nullable(),
    reviewBy: z.string().nullable(),
    version: z.number(),
    publishedAt: z.string().nullable(),
    views: z.number(),
    helpfulYes: z.number(),
    helpfulNo: z.number(),
    /** Tickets it was inserted into. */
    uses: z.number(),
    sourceTicketNumber: z.number().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'KbArticle' });
export type KbArticle = z.infer<typeof kbArticleSchema>;

/** A line of the article list. */
export const kbArticleSummarySchema = kbArticleSchema
  .pick({
    id: true,
    slug: true,
    title: true,
    category: true,
    status: true,
    visibility: true,
    tags: true,
    owner: true,
    reviewBy: true,
    version: true,
    views: true,
    updatedAt: true,
  })
  .meta({ id: 'KbArticleSummary' });
export type KbArticleSummary = z.infer<typeof kbArticleSummarySchema>;

export const kbArticleListQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(500).optional(),
  categoryId: id.optional(),
  status: z.enum(KB_STATUSES).optional(),
  tag: tagName.optional(),
  /** Published articles whose review date is today or past. */
  reviewDue: z.enum(['true', 'false']).optional(),
  /** Words to search for (drafts too, for staff); the best matches come first. */
  q: z.string().trim().min(1).max(200).optional(),
});

export const kbRevisionSchema = z
  .object({
    id: z.string(),
    version: z.number(),
    title: z.string(),
    body: z.string(),
    status: z.enum(KB_STATUSES),
    visibility: z.enum(KB_VISIBILITIES),
    categoryId: z.string().nullable(),
    tags: z.array(z.string()),
    author: ref.nullable(),
    note: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'KbRevision' });
export type KbRevision = z.infer<typeof kbRevisionSchema>;
export const kbRevisionParams = z.strictObject({ id, version: z.coerce.number().int().min(1) });
/** A unified diff of two versions' title and body, line by line. */
export const kbDiffQuery = z.strictObject({ from: z.coerce.number().int().min(1) });
export const kbDiffSchema = z.object({
  from: z.number(),
  to: z.number(),
  lines: z.array(z.object({ op: z.enum(['same', 'added', 'removed']), text: z.string() })),
});
export const kbRestoreBody = z.strictObject({ version: z.number().int().min(1) });

// ---- reading: search, suggestions, votes, deflection ----
export const kbSearchQuery = z.strictObject({
  q: z.string().trim().min(1).max(200),
  limit: z.coerce.number().int().min(1).max(50).default(10),
  categoryId: id.optional(),
});
/** A hit: `snippet` is safe HTML with the matched words in <mark>. */
export const kbHitSchema = z
  .object({
    id: z.string(),
    slug: z.string(),
    title: z.string(),
    snippet: z.string(),
    category: categoryRef.nullable(),
    status: z.enum(KB_STATUSES),
    visibility: z.enum(KB_VISIBILITIES),
  })
  .meta({ id: 'KbHit' });
export type KbHit = z.infer<typeof kbHitSchema>;

export const kbVoteBody = z.strictObject({ helpful: z.boolean() });
export const kbVoteSchema = z.object({ helpfulYes: z.number(), helpfulNo: z.number(), mine: z.boolean() });

/** What the portal reports of its suggestions: shown, opened, or "This solved my problem". */
export const kbDeflectionBody = z.strictObject({
  kind: z.enum(['suggested', 'clicked', 'deflected']),
  articleIds: z.array(id).min(1).max(5),
});

export const kbReportQuery = z.strictObject({ from: day, to: day });
export const kbReportSchema = z.object({
  totals: z.record(z.enum(KB_METRICS), z.number()),
  days: z.array(z.object({ day: z.string(), counts: z.record(z.enum(KB_METRICS), z.number()) })),
  articles: z.array(
    z.object({ id: z.string(), title: z.string(), counts: z.record(z.enum(KB_METRICS), z.number()) }),
  ),
});

/** The draft "create article from this ticket" proposes: personal data taken out, for review. */
export const kbDraftFromTicketSchema = z.object({
  title: z.string(),
  body: z.string(),
  tags: z.array(z.string()),
  /** What was taken out, by kind, so the author knows what to check. */
  removed: z.record(z.string(), z.number()),
});

// ---- the help centre's reader ----
/** An article another one leads to: same section first, then shared tags. */
export const kbRelatedSchema = z
  .object({ id: z.string(), slug: z.string(), title: z.string() })
  .meta({ id: 'KbRelatedArticle' });
/**
 * A published article as its readers see it, signed in or not: never its audiences, owner,
 * drafts or revisions.
 */
export const kbReaderArticleSchema = z
  .object({
    id: z.string(),
    slug: z.string(),
    title: z.string(),
    /** The body as safe HTML. */
    html: z.string(),
    category: categoryRef.nullable(),
    parentCategory: categoryRef.nullable(),
    tags: z.array(z.string()),
    updatedAt: z.string(),
    helpfulYes: z.number(),
    helpfulNo: z.number(),
    /** The reader's own answer to "Was this helpful?", if they gave one. */
    myVote: z.boolean().nullable(),
    related: z.array(kbRelatedSchema),
  })
  .meta({ id: 'KbReaderArticle' });
export type KbReaderArticle = z.infer<typeof kbReaderArticleSchema>;
export const kbSlugParams = z.strictObject({ slug: z.string().min(1).max(200) });

// ---- suggestions, deflection, uses (the portal's New Ticket form, the reply box) ----
/** The subject being typed; fewer than three letters suggest nothing. */
export const kbSuggestionQuery = z.strictObject({ q: z.string().max(200).default('') });
/** A suggestion: `snippet` is safe HTML with the matched words in <mark>. */
export const kbSuggestionSchema = z
  .object({ id: z.string(), slug: z.string(), title: z.string(), snippet: z.string() })
  .meta({ id: 'KbSuggestion' });
export type KbSuggestion = z.infer<typeof kbSuggestionSchema>;
/** How many of the articles named were counted: those the caller may read. */
export const kbDeflectionResult = z.object({ counted: z.number() });

/** Records that an article was used on a ticket (inserted into a reply). */
export const kbTicketArticleBody = z.strictObject({ articleId: id });
export const kbTicketArticleSchema = z
  .object({
    id: z.string(),
    slug: z.string(),
    title: z.string(),
    status: z.enum(KB_STATUSES),
    linkedBy: ref.nullable(),
    linkedAt: z.string(),
    /** Tickets it was used on, this one included. */
    uses: z.number(),
  })
  .meta({ id: 'KbTicketArticle' });
export type KbTicketArticle = z.infer<typeof kbTicketArticleSchema>;

// ---- settings ----
/** Suggested articles appended to the automatic first answer to a ticket opened by email. */
export const kbMailSuggestionsSchema = z
  .strictObject({ enabled: z.boolean() })
  .meta({ id: 'KbMailSuggestions' });
export type KbMailSuggestions = z.infer<typeof kbMailSuggestionsSchema>;
