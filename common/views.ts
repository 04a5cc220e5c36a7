import { z } from 'zod';
import { ref, TICKET_SORTS, ticketListQuery } from './api.js';
import { say, VALIDATION } from './validation-messages.js';

// Saved views of the queue: a filter (the query parameters of GET /api/v1/tickets), a sort and
// the columns shown, kept for one person, shared with a department, or shared with everyone.

export const VIEW_SCOPES = ['personal', 'department', 'everyone'] as const;
export type ViewScope = (typeof VIEW_SCOPES)[number];

/** The queue's columns a view may show, in the order the queue shows them. */
export const VIEW_COLUMNS = [
  'number',
  'subject',
  'customer',
  'department',
  'status',
  'priority',
  /** When the ticket's earliest running service-level clock falls due. */
  'slaDue',
  'createdAt',
  'lastActivityAt',
  'assignee',
] as const satisfies readonly (typeof TICKET_SORTS)[number][];
export type ViewColumn = (typeof VIEW_COLUMNS)[number];
/** What a view shows unless it says otherwise: every column but the creation time. */
export const DEFAULT_COLUMNS: ViewColumn[] = VIEW_COLUMNS.filter((c) => c !== 'createdAt');

/** Parameters of the list that are not part of what a view selects. */
const NOT_FILTERS = new Set(['limit', 'cursor', 'sort', 'order']);

/**
 * A view's filter: the list's own query parameters as strings, checked by the list's own schema,
 * so whatever the list accepts a view keeps, and a view never holds what the list would refuse.
 */
export const viewFilter = z.record(z.string().max(100), z.string().max(500)).superRefine((filter, ctx) => {
  if (Object.keys(filter).length > 30)
    ctx.addIssue({ code: 'custom', message: say(VALIDATION.tooManyParameters, { max: '30' }) });
  for (const key of Object.keys(filter)) {
    if (NOT_FILTERS.has(key))
      ctx.addIssue({ code: 'custom', path: [key], message: say(VALIDATION.notFilter) });
  }
  const parsed = ticketListQuery.safeParse(filter);
  for (const issue of parsed.success ? [] : parsed.error.issues) {
    ctx.addIssue({ code: 'custom', path: issue.path.map(String), message: issue.message });
  }
});
export type ViewFilter = z.infer<typeof viewFilter>;

const viewName = z.string().trim().min(1).max(60);
const columns = z
  .array(z.enum(VIEW_COLUMNS))
  .min(1)
  .max(VIEW_COLUMNS.length)
  .refine((c) => new Set(c).size === c.length, 'must not repeat a column');
const position = z.number().int().min(0).max(1_000_000);

const viewFields = {
  name: viewName,
  filter: viewFilter,
  sort: z.enum(TICKET_SORTS),
  order: z.enum(['asc', 'desc']),
  columns,
  position,
};

export const createViewBody = z
  .strictObject({
    ...viewFields,
    scope: z.enum(VIEW_SCOPES).default('personal'),
    /** The department a department view is shared with; only with that scope. */
    departmentId: z.string().min(1).max(64).optional(),
    filter: viewFilter.default({}),
    sort: viewFields.sort.default('lastActivityAt'),
    order: viewFields.order.default('desc'),
    columns: columns.default(DEFAULT_COLUMNS),
    position: position.optional(),
  })
  .superRefine((b, ctx) => {
    const problem = scopeProblem(b.scope, b.departmentId);
    if (problem) ctx.addIssue({ code: 'custom', path: ['departmentId'], message: problem });
  });

export const updateViewBody = z
  .strictObject({
    ...viewFields,
    scope: z.enum(VIEW_SCOPES),
    departmentId: z.string().min(1).max(64).nullable(),
  })
  .partial()
  .refine((b) => Object.keys(b).length > 0, say(VALIDATION.someChange));

/** What is wrong with a view's scope and department together, if anything. */
export function scopeProblem(scope: ViewScope, departmentId: string | null | undefined): string | null {
  if (scope === 'department' && !departmentId) return say(VALIDATION.departmentViewNeedsDepartment);
  if (scope !== 'department' && departmentId) return say(VALIDATION.onlyDepartmentView);
  return null;
}

export const viewSchema = z.object({
  id: z.string(),
  name: z.string(),
  scope: z.enum(VIEW_SCOPES),
  department: ref.nullable(),
  owner: ref,
  filter: z.record(z.string(), z.string()),
  sort: z.enum(TICKET_SORTS),
  order: z.enum(['asc', 'desc']),
  columns: z.array(z.enum(VIEW_COLUMNS)),
  position: z.number(),
  /** The caller's default view: what their queue opens on. */
  isDefault: z.boolean(),
  abilities: z.object({ edit: z.boolean() }),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SavedView = z.infer<typeof viewSchema>;

/** The views every member of staff has, never stored: their ids are these keys. */
export const BUILT_IN_VIEWS = [
  { id: 'all', name: 'All tickets', filter: {} },
  { id: 'active', name: 'Not solved', filter: { statusCategory: 'new,open,pending,on_hold' } },
  {
    id: 'mine',
    name: 'Assigned to me',
    filter: { assigneeId: 'me', statusCategory: 'new,open,pending,on_hold' },
  },
  {
    id: 'unassigned',
    name: 'Unassigned',
    filter: { assigneeId: 'none', statusCategory: 'new,open,pending,on_hold' },
  },
] as const satisfies readonly { id: string; name: string; filter: ViewFilter }[];

/** One view's count: the tickets its filter matches that the caller may see (null: it cannot run). */
export const viewCountSchema = z.object({ id: z.string(), count: z.number().nullable() });

/** The caller's default view: a saved view's id, a built-in view's key, or none. */
export const defaultViewBody = z.strictObject({ id: z.string().min(1).max(64).nullable() });
export const defaultViewSchema = z.object({ id: z.string().nullable() });
