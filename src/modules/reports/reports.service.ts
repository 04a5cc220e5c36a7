import { type ActorCtx, isStaff } from '../../context.js';
import { forbidden } from '../../errors.js';
import { ratingCounts, surveysSent } from './reports.repository.js';

export type CsatReport = {
  sent: number;
  responses: number;
  average: number | null;
  /** Share of answers rated 4 or 5, in percent. */
  satisfiedPercent: number | null;
  distribution: Record<'1' | '2' | '3' | '4' | '5', number>;
};

/** Customer satisfaction over the tickets the caller may see. */
export async function csatReport(ctx: ActorCtx, range: { from?: string; to?: string }): Promise<CsatReport> {
  if (!isStaff(ctx.actor)) throw forbidden('Reports are for staff');
  const [counts, sent] = await Promise.all([
    ratingCounts(ctx.db, ctx.actor, range),
    surveysSent(ctx.db, ctx.actor, range),
  ]);
  const distribution = { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 };
  let responses = 0;
  let sum = 0;
  let satisfied = 0;
  for (const { rating, n } of counts) {
    const key = String(rating) as keyof typeof distribution;
    if (!(key in distribution)) continue;
    distribution[key] += n;
    responses += n;
    sum += rating * n;
    if (rating >= 4) satisfied += n;
  }
  return {
    sent,
    responses,
    average: responses ? Math.round((sum / responses) * 100) / 100 : null,
    satisfiedPercent: responses ? Math.round((satisfied / responses) * 1000) / 10 : null,
    distribution,
  };
}
