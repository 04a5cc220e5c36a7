import { z } from 'zod';
import { customFieldBody, ticketTypeBody } from '../../../common/intake.js';
import triage from './triage.json' with { type: 'json' };

// The guided intake of seed 001 is data (triage.json): ticket types and fields written as the
// requests an administrator would send, read through the same schemas as those requests.

/** The ticket types and custom fields of the guided intake. */
export const TRIAGE = z
  .strictObject({ about: z.string(), types: z.array(ticketTypeBody), fields: z.array(customFieldBody) })
  .parse(triage);
