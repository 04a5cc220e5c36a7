import { emptyQuery, whole } from '../../common/api.js';
import {
  createViewBody,
  defaultViewBody,
  defaultViewSchema,
  updateViewBody,
  viewCountSchema,
  viewSchema,
} from '../../common/views.js';
import { viewCounts } from '../modules/views/views.counts.js';
import {
  createView,
  deleteView,
  getDefaultView,
  getView,
  listViews,
  putDefaultView,
  updateView,
} from '../modules/views/views.service.js';
import { resource, setting } from './resource.js';
import { type App, actorCtx } from './types.js';

const tags = ['views'];

// Saved views of the queue (one's own, a department's, everyone's), each view's ticket count for
// the sidebar, and the view one's queue opens on.
export async function viewRoutes(app: App) {
  app.get(
    '/api/v1/views/counts',
    {
      schema: {
        operationId: 'countViews',
        tags,
        querystring: emptyQuery,
        response: { 200: whole(viewCountSchema) },
      },
    },
    async (req) => ({ items: await viewCounts(actorCtx(app, req)), nextCursor: null }),
  );
  setting(app, {
    path: '/api/v1/views/default',
    name: 'DefaultView',
    tags,
    schema: defaultViewSchema,
    body: defaultViewBody,
    get: getDefaultView,
    put: putDefaultView,
  });
  resource(app, { path: '/api/v1/views', name: 'View', tags, item: viewSchema })
    .list(listViews)
    .create(createViewBody, createView)
    .get(getView)
    .update(updateViewBody, updateView)
    .remove(deleteView);
}
