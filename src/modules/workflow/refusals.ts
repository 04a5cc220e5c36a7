import { WORKFLOW_REFUSALS, type WorkflowRefusal } from '../../../common/workflow-refusals.js';
import { type ErrorCode, refusal } from '../../errors.js';
import { translate } from '../../i18n/index.js';

// The workflow engine's refusals (common/workflow-refusals.ts) as the server says them.

/** The refusal as an error, its detail in the asker's language. */
export const refusedByWorkflow = (code: ErrorCode, r: WorkflowRefusal) =>
  refusal(code, WORKFLOW_REFUSALS[r.code], r.values);

/** The refusal in words, in `locale` (the source language when none). */
export const workflowRefusalText = (locale: string | null | undefined, r: WorkflowRefusal) =>
  translate(locale, WORKFLOW_REFUSALS[r.code], r.values);
