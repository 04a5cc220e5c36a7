// What the workflow refuses and why, in words a person reads (a customer replying to a closed
// ticket, someone moving a ticket where the workflow does not let them): a code and its values,
// which each side says in its reader's language. Like common/timeline-messages.ts, these
// messages are in both the server's and the web app's catalogues.

export type WorkflowRefusal =
  | { code: 'reply_closed'; values: { status: string; number: string } }
  | { code: 'customer_move'; values: { status: string; move: 'close' | 'reopen' } }
  | { code: 'no_status'; values: { status: string } }
  | { code: 'not_manual'; values: { status: string } };

/** A message of the catalogues. */
export type RefusalMessage = { readonly id: string; readonly defaultMessage: string };

export const WORKFLOW_REFUSALS = {
  reply_closed: {
    id: 'workflow.refused.replyClosed',
    defaultMessage: 'This ticket is {status}. Open a new ticket and mention #{number}.',
  },
  customer_move: {
    id: 'workflow.refused.customerMove',
    defaultMessage: 'A {status} ticket cannot be {move, select, close {closed} other {reopened}} here',
  },
  no_status: {
    id: 'workflow.refused.noStatus',
    defaultMessage: 'There is no status "{status}" in this workflow',
  },
  not_manual: {
    id: 'workflow.refused.notManual',
    defaultMessage: '"{status}" is set by the workflow, not by hand',
  },
} satisfies Record<WorkflowRefusal['code'], RefusalMessage>;
