import { createUserBody, updateUserBody, userListQuery, userSchema } from '../../common/api.js';
import { createUser, getUser, listUsers, updateUser } from '../modules/users/users.service.js';
import { resource } from './resource.js';
import type { App } from './types.js';

export async function userRoutes(app: App) {
  resource(app, {
    path: '/api/v1/users',
    name: 'User',
    tags: ['users'],
    item: userSchema,
    query: userListQuery,
  })
    .create(createUserBody, createUser)
    .page(listUsers)
    .get(getUser)
    .update(updateUserBody, updateUser);
}
