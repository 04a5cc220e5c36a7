import type { Ctx } from '../../context.js';
import type { Executor } from '../../db/database.js';
import { PRESETS } from '../../workflow/presets/index.js';
import type { WorkflowDocument } from '../../workflow/types.js';
import { getSetting } from '../settings/settings.repository.js';

const WORKFLOW_KEY = 'workflow';

/** The installation's workflow: what an admin saved, else the configured preset. */
export async function loadWorkflow(ctx: Pick<Ctx, 'config'>, db: Executor): Promise<WorkflowDocument> {
  const saved = await getSetting<WorkflowDocument>(db, WORKFLOW_KEY);
  if (saved) return saved;
  const preset = ctx.config.workflowPreset;
  return preset in PRESETS ? PRESETS[preset as keyof typeof PRESETS] : PRESETS.classic;
}
