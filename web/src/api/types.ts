import type { z } from 'zod';
import type {
  createdTokenSchema,
  departmentSchema,
  eventSchema,
  messageSchema,
  organisationSchema,
  TicketListQuery,
  tokenSchema,
  User,
} from '../../../common/api';
import type { subscriptionSchema } from '../../../common/subscriptions';
import type { customerWorkflowResponse, workflowResponse } from '../../../common/workflow';

export type { Me, Priority, Ticket, TicketSort, User } from '../../../common/api';
export type { Csat } from '../../../common/reports';
export type Message = z.infer<typeof messageSchema>;
export type TicketEvent = z.infer<typeof eventSchema>;
export type Department = z.infer<typeof departmentSchema>;
export type Organisation = z.infer<typeof organisationSchema>;
export type ApiToken = z.infer<typeof tokenSchema>;
export type CreatedToken = z.infer<typeof createdTokenSchema>;
export type StaffWorkflow = z.infer<typeof workflowResponse>;
export type CustomerWorkflow = z.infer<typeof customerWorkflowResponse>;
export type WorkflowStatus = StaffWorkflow['statuses'][number];
export type Page<T> = { items: T[]; nextCursor: string | null };

/** The ticket-list filters the UI sends, before the server parses them (lists as arrays). */
export type TicketFilters = {
  q?: string;
  status?: string[];
  statusCategory?: TicketListQuery['statusCategory'];
  priority?: TicketListQuery['priority'];
  departmentId?: string;
  assigneeId?: string;
  organisationId?: string;
  requesterId?: string;
  /** Tags, comma-separated. */
  tag?: string;
  slaBreached?: boolean;
  slaDueWithinHours?: number;
  sort?: TicketListQuery['sort'];
  order?: TicketListQuery['order'];
};

export const isStaffRole = (role: User['role']) => role === 'agent' || role === 'admin';
export type Subscription = z.infer<typeof subscriptionSchema>;
