import { departmentBody, departmentPatch, departmentSchema } from '../../common/api.js';
import {
  createDepartment,
  listDepartments,
  updateDepartment,
} from '../modules/departments/departments.service.js';
import { resource } from './resource.js';
import type { App } from './types.js';

export async function departmentRoutes(app: App) {
  resource(app, {
    path: '/api/v1/departments',
    name: 'Department',
    tags: ['departments'],
    item: departmentSchema,
  })
    .create(departmentBody, createDepartment)
    .list(listDepartments)
    .update(departmentPatch, updateDepartment);
}
