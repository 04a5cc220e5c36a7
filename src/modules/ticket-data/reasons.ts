import type { DurationUnit, Reason, ReasonValues } from '../../../common/timeline.js';
import { REASON_MESSAGES, REASON_WORDS } from '../../../common/timeline-messages.js';
import { formatDateTime, translate } from '../../i18n/index.js';

// A timeline reason in words (common/timeline-messages.ts): the English sentence the server keeps
// beside the code for API clients, or a reader's language.

/** A reason in a language; moments (values ending in `At`) in the given zone. */
export function reasonText(locale: string, reason: Reason, timeZone = 'UTC'): string {
  return translate(locale, REASON_MESSAGES[reason.code], wordValues(locale, timeZone, reason.values ?? {}));
}

/** The values a reason's message takes: a duration, SLA targets and moments told in words. */
function wordValues(locale: string, timeZone: string, values: ReasonValues): ReasonValues {
  const out: ReasonValues = { ...values };
  for (const [key, v] of Object.entries(values))
    if (key.endsWith('At') && typeof v === 'string' && v) out[key] = formatDateTime(locale, timeZone, v);
  if (typeof values.count === 'number' && typeof values.unit === 'string')
    out.duration = translate(locale, REASON_WORDS.duration, {
      count: values.count,
      unit: values.unit as DurationUnit,
    });
  if (typeof values.metrics === 'string')
    out.metrics = new Intl.ListFormat(locale, { type: 'conjunction' }).format(
      values.metrics.split(',').map((metric) => translate(locale, REASON_WORDS.metric, { metric })),
    );
  return out;
}
