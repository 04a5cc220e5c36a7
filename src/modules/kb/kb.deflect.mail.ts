import type { KbMailSuggestions } from '../../../common/kb.js';
import type { ActorCtx, Ctx } from '../../context.js';
import type { Executor } from '../../db/database.js';
import { authorize } from '../../policies/policy.js';
import { saveSetting } from '../audit/setting-change.js';
import { toActor } from '../auth/auth.service.js';
import { getSetting } from '../settings/settings.repository.js';
import type { TicketView } from '../ticket-data/tickets.repository.js';
import { findUserById } from '../users/users.repository.js';
import { searchArticles } from './kb.search.js';
import { bumpStat } from './kb.stats.js';
import { kbReader } from './kb.visibility.js';

// Suggested articles in the automatic first answer to a ticket opened by email (a rule's notice
// to the requester on "ticket created"): the help-centre articles its subject points to, among
// those the requester may read. Off until an administrator turns it on.

const KEY = 'kb_mail_suggestions';
/** A mail is no search page: three links at most. */
export const MAIL_SUGGESTIONS = 3;

export async function getKbMailSuggestions(db: Executor): Promise<KbMailSuggestions> {
  return { enabled: false, ...(await getSetting<Partial<KbMailSuggestions>>(db, KEY)) };
}

export async function setKbMailSuggestions(
  ctx: ActorCtx,
  next: KbMailSuggestions,
): Promise<KbMailSuggestions> {
  authorize(ctx.actor, 'kb.configure');
  return ctx.db.transaction().execute(async (trx) =>
    saveSetting(ctx, trx, {
      key: KEY,
      area: 'kb-mail-suggestions',
      old: await getKbMailSuggestions(trx),
      next,
    }),
  );
}

/**
 * The notice's text, with suggested articles after it when this is the first answer to an email
 * ticket's requester and the setting is on; counted as suggested. Otherwise the text as it was.
 */
export async function withMailSuggestions(
  ctx: Ctx,
  trx: Executor,
  notice: { ticket: TicketView; event: string; to: string; text: string },
): Promise<string> {
  const { ticket, text } = notice;
  if (notice.to !== 'requester' || notice.event !== 'ticket.created' || ticket.channel !== 'email')
    return text;
  if (!(await getKbMailSuggestions(trx)).enabled) return text;
  const requester = await findUserById(trx, ticket.requester_id);
  if (requester?.active !== 1) return text;
  const hits = await searchArticles(
    trx,
    ctx.dialect,
    kbReader(ctx, await toActor({ db: trx }, requester)),
    ticket.subject,
    {
      any: true,
      publishedOnly: true,
      limit: MAIL_SUGGESTIONS,
    },
  );
  if (hits.length === 0) return text;
  await bumpStat(
    trx,
    hits.map((h) => h.id),
    'suggested',
    ctx.clock(),
  );
  const links = hits.map((h) => `- ${h.title}: ${ctx.config.publicUrl}/help/articles/${h.slug}`);
  return [text.trimEnd(), '', 'These articles of our help centre may answer your question:', ...links].join(
    '\n',
  );
}
