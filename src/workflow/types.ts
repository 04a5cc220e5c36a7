import type { z } from 'zod';
import type {
  STATUS_CATEGORIES,
  timerSchema,
  workflowDocumentSchema,
  workflowStatusSchema,
} from '../../common/workflow.js';

export type StatusCategory = (typeof STATUS_CATEGORIES)[number];
export type WorkflowStatus = z.output<typeof workflowStatusSchema>;
export type Timer = z.output<typeof timerSchema>;
export type ReplyRule = { from: string[]; to: string };
export type WorkflowDocument = z.output<typeof workflowDocumentSchema>;
