import type { Ctx } from '../../context.js';
import { nowIso } from '../../context.js';
import type { Executor } from '../../db/database.js';
import type { TicketTable } from '../../db/schema.js';
import { refusal } from '../../errors.js';
import { defineMessages } from '../../i18n/index.js';
import { enqueue } from '../../jobs/outbox.js';
import { hmac, newId, safeEqual } from '../../lib/crypto.js';
import { answerSurvey, findSurvey, findSurveyTicket, insertSurvey } from './surveys.repository.js';

const SURVEY_TTL_MS = 30 * 86_400_000;

const REFUSED = defineMessages({
  invalid: { id: 'survey.error.invalid', defaultMessage: 'This survey link is not valid' },
  answered: {
    id: 'survey.error.answered',
    defaultMessage: 'Thank you — this survey has already been answered',
  },
  expired: { id: 'survey.error.expired', defaultMessage: 'This survey has expired' },
});

/** A survey link: the survey id and its HMAC under the installation's secret; unguessable, unforgeable. */
export const surveyToken = (ctx: Pick<Ctx, 'config'>, id: string) =>
  `${id}.${hmac(ctx.config.secret, `survey:${id}`)}`;

function surveyIdFromToken(ctx: Pick<Ctx, 'config'>, token: string): string | null {
  const [id, sig, ...rest] = token.split('.');
  if (!id || !sig || rest.length > 0) return null;
  return safeEqual(sig, hmac(ctx.config.secret, `survey:${id}`)) ? id : null;
}

/** Closing a ticket invites its requester to rate the help, by a link that works without signing in. */
export async function createSurveyInvite(ctx: Ctx, trx: Executor, ticket: TicketTable): Promise<void> {
  const now = ctx.clock();
  const id = newId();
  await insertSurvey(trx, {
    id,
    ticket_id: ticket.id,
    recipient_id: ticket.requester_id,
    created_at: now.toISOString(),
    expires_at: new Date(now.getTime() + SURVEY_TTL_MS).toISOString(),
    answered_at: null,
    rating: null,
    comment: null,
  });
  await enqueue(
    trx,
    {
      topic: 'notification',
      payload: {
        event: 'ticket.survey',
        ticketId: ticket.id,
        ticketNumber: ticket.number,
        surveyId: id,
        url: `${ctx.config.publicUrl}/survey/${surveyToken(ctx, id)}`,
      },
      dedupeKey: `ticket.survey:${id}`,
      runAt: now.toISOString(),
    },
    now.toISOString(),
  );
}

/** A survey by its link: 404 for a forged or unknown link, 410 once answered or expired. */
export async function openSurvey(ctx: Ctx, token: string) {
  const id = surveyIdFromToken(ctx, token);
  const survey = id ? await findSurvey(ctx.db, id) : undefined;
  if (!survey) throw refusal('not_found', REFUSED.invalid);
  if (survey.answered_at) throw refusal('gone', REFUSED.answered);
  if (survey.expires_at <= nowIso(ctx)) throw refusal('gone', REFUSED.expired);
  const ticket = await findSurveyTicket(ctx.db, survey.ticket_id);
  if (!ticket) throw refusal('not_found', REFUSED.invalid);
  return { survey, ticket };
}

export async function submitSurvey(ctx: Ctx, token: string, input: { rating: number; comment?: string }) {
  const { survey } = await openSurvey(ctx, token);
  const recorded = await answerSurvey(ctx.db, survey.id, {
    rating: input.rating,
    comment: input.comment?.trim() || null,
    at: nowIso(ctx),
  });
  if (!recorded) throw refusal('gone', REFUSED.answered);
}
