import type { StatusCategory, WorkflowStatus } from '../types.js';

/**
 * A preset's status: the same label for staff and customers unless `customerLabel` says otherwise;
 * customers may reply and people may set it by hand unless the options say no.
 */
export const status = (
  key: string,
  label: string,
  category: StatusCategory,
  opts: { customerLabel?: string; customerCanReply?: boolean; manual?: boolean } = {},
): WorkflowStatus => ({
  key,
  staffLabel: label,
  customerLabel: opts.customerLabel ?? label,
  category,
  customerCanReply: opts.customerCanReply ?? true,
  manual: opts.manual ?? true,
});

/** Where every preset's tickets end. */
export const closed = (opts: { customerLabel?: string; customerCanReply?: boolean } = {}) =>
  status('closed', 'Closed', 'closed', opts);
