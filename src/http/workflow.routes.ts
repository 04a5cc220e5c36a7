import type { z } from 'zod';
import { workflowGetResponse, workflowPutBody, workflowResponse } from '../../common/workflow.js';
import { getWorkflow, putWorkflow } from '../modules/workflow/workflow.service.js';
import { type App, actorCtx } from './types.js';

const tags = ['workflow'];

export async function workflowRoutes(app: App) {
  app.get(
    '/api/v1/workflow',
    { schema: { operationId: 'getWorkflow', tags, response: { 200: workflowGetResponse } } },
    async (req) => getWorkflow(actorCtx(app, req)),
  );
  app.put(
    '/api/v1/workflow',
    {
      schema: {
        operationId: 'setWorkflow',
        tags,
        body: workflowPutBody,
        response: { 200: workflowResponse },
      },
    },
    async (req) => putWorkflow(actorCtx(app, req), req.body) as Promise<z.infer<typeof workflowResponse>>,
  );
}
