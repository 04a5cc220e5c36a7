import type { StatusCategory, WorkflowStatus } from '../types.js';
import { type Label, PRESET_LABELS } from './labels.js';

/**
 * A preset's status (its labels the shipped ones, which have translations): the same label for staff and customers unless `customerLabel` says otherwise;
 * customers may reply and people may set it by hand unless the options say no.
 */
export const status = (
  key: string,
  label: Label,
  category: StatusCategory,
  opts: { customerLabel?: Label; customerCanReply?: boolean; manual?: boolean } = {},
): WorkflowStatus => ({
  key,
  staffLabel: label.defaultMessage,
  customerLabel: (opts.customerLabel ?? label).defaultMessage,
  category,
  customerCanReply: opts.customerCanReply ?? true,
  manual: opts.manual ?? true,
});

/** Where every preset's tickets end. */
export const closed = (opts: { customerLabel?: Label; customerCanReply?: boolean } = {}) =>
  status('closed', PRESET_LABELS.closed, 'closed', opts);
