import type { Ctx } from './context.js';

/** Fills an empty database with a demo organisation, staff and tickets. */
export async function seedDemo(_ctx: Ctx, _opts: { preset?: string }): Promise<string> {
  throw new Error('The demo data set is not available yet');
}
