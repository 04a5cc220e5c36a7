import { z } from 'zod';
import { say, VALIDATION } from './validation-messages.js';

// The satisfaction survey, answered from a link without signing in (an HTML form, not the JSON API).

export const surveyParams = z.strictObject({ token: z.string().min(1).max(300) });
export const surveyAnswerBody = z.strictObject({
  rating: z.coerce
    .number({ error: say(VALIDATION.rating) })
    .int()
    .min(1)
    .max(5),
  comment: z.string().max(5000).optional(),
});
