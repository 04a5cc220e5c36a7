import { z } from 'zod';
import { tagName } from './api.js';

// Free tags on tickets, as staff see them: suggestions while typing, and an administrator's
// renaming, merging and removing across every ticket.

export const tagListQuery = z.strictObject({
  /** The start of the tags wanted, any case. */
  q: z.string().max(50).trim().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(20),
});
/** A tag and how many tickets the caller can see carry it. */
export const tagSchema = z.object({ name: z.string(), tickets: z.number() });
export const tagParams = z.strictObject({ name: tagName });
/** A new name; an existing tag's name merges the two. */
export const tagRenameBody = z.strictObject({ name: tagName });
