import type { IntlShape } from 'react-intl';
import type { ReasonValues } from '../../../../../common/timeline';
import { REASON_MESSAGES, REASON_WORDS } from '../../../../../common/timeline-messages';
import type { TicketEvent } from '../../../api/types';
import { formatDateTime } from '../../../lib/format';

// Why a timeline event happened, in the reader's language: the server keeps a code and its values
// (common/timeline.ts) beside the English sentence. An older event has only the sentence, shown
// as it was written. The messages are the server's too (common/timeline-messages.ts).

/** An event's reason in the reader's language; the stored sentence where there is no code. */
export function reasonOf(intl: IntlShape, e: Pick<TicketEvent, 'reason' | 'reasonCode' | 'reasonValues'>) {
  const message = e.reasonCode ? REASON_MESSAGES[e.reasonCode] : undefined;
  if (!message) return e.reason;
  return intl.formatMessage(message, wordValues(intl, e.reasonValues ?? {}));
}

/** The values a reason's message takes: a duration, SLA targets and moments told in words. */
function wordValues(intl: IntlShape, values: ReasonValues): ReasonValues {
  const out: ReasonValues = { ...values };
  for (const [key, v] of Object.entries(values))
    if (key.endsWith('At') && typeof v === 'string' && v) out[key] = formatDateTime(v);
  if (typeof values.count === 'number' && typeof values.unit === 'string')
    out.duration = intl.formatMessage(REASON_WORDS.duration, { count: values.count, unit: values.unit });
  if (typeof values.metrics === 'string')
    out.metrics = intl.formatList(
      values.metrics.split(',').map((metric) => intl.formatMessage(REASON_WORDS.metric, { metric })),
      { type: 'conjunction' },
    );
  return out;
}
