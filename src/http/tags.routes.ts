import { tagListQuery, tagParams, tagRenameBody, tagSchema } from '../../common/tags.js';
import { listTags, removeTag, renameTag } from '../modules/tags/tags.service.js';
import { resource } from './resource.js';
import type { App } from './types.js';

// The tags in use (for suggestions and the admin list), renamed or removed across every ticket.
export async function tagRoutes(app: App) {
  resource(app, {
    path: '/api/v1/tags',
    name: 'Tag',
    tags: ['tags'],
    item: tagSchema,
    query: tagListQuery,
    params: tagParams,
  })
    .list(listTags)
    .update(tagRenameBody, renameTag)
    .remove(removeTag);
}
