import { carries, type NotificationChannel } from '../../../common/notifications.js';
import type { Ctx } from '../../context.js';
import { nowIso } from '../../context.js';
import type { Executor } from '../../db/database.js';
import { type Message, translate } from '../../i18n/index.js';
import { enqueue } from '../../jobs/outbox.js';
import type { JobHandler } from '../../jobs/worker.js';
import { findStatus, statusLabel } from '../../workflow/engine.js';
import type { WorkflowDocument } from '../../workflow/types.js';
import { insertInApp } from '../inbox/inbox.repository.js';
import { type Reader, readerOf } from '../languages/reader.js';
import { announceInbox } from '../live/live.js';
import { seesTicket } from '../participants/participants.service.js';
import { digestNotices, dropDigest } from '../ticket-data/digest.repository.js';
import { loadWorkflow } from '../workflow/workflow.service.js';
import { DIGEST, DIGEST_EVENTS } from './digest.messages.js';
import { MAIL } from './mail.messages.js';
import { deliveryChannels, noticeCandidates, PREFERENCE_OF } from './notify.js';
import { wantsNotice } from './preferences.service.js';
import { departmentStaff, findActiveUser, onCallStaff } from './recipients.repository.js';

type Item = Awaited<ReturnType<typeof digestNotices>>[number];
type User = NonNullable<Awaited<ReturnType<typeof findActiveUser>>>;

/** How many tickets a digest lists; the rest are counted. */
const LISTED = 50;

/**
 * Sends the notices a bulk change held back (see `noticeDigest` on the context): each recipient
 * gets one message listing the tickets they would each have heard of, by mail. Who hears of
 * what is decided as for a single notice (`noticeCandidates`, preferences), so a customer's
 * digest lists their own tickets only. Running it twice sends once: the deliveries' keys are the
 * digest's, and the held notices go with the deliveries' transaction.
 */
export const sendDigest: JobHandler<'notification.digest'> = async (ctx, job) => {
  const { digestId } = job.data;
  const items = await digestNotices(ctx.db, digestId);
  if (items.length === 0) return;
  const byUser = await recipientsOf(ctx.db, items);
  const wf = await loadWorkflow(ctx, ctx.db);
  const rung = await ctx.db.transaction().execute(async (trx) => {
    if (deliveryChannels(ctx).includes('email')) {
      for (const [userId, entries] of byUser) {
        const wanted = await wantedEntries(trx, userId, entries);
        const user = wanted.length > 0 ? await findActiveUser(trx, userId) : undefined;
        if (!user) continue;
        await enqueue(
          trx,
          {
            topic: 'deliver.email-notice',
            payload: {
              to: user.email,
              ...digestMail(
                ctx,
                wf,
                user,
                await readerOf(trx, user),
                wanted,
                await unseen(trx, user, wanted),
              ),
              inReplyTo: null,
            },
            dedupeKey: `digest:${digestId}>email:${userId}`,
            runAt: nowIso(ctx),
          },
          nowIso(ctx),
        );
      }
    }
    const bells = await ringBells(ctx, trx, digestId, byUser);
    await dropDigest(trx, digestId);
    return bells;
  });
  await announceInbox(ctx, rung);
};

/**
 * The held notices in their recipients' bells, one entry per ticket and event as if sent one by
 * one (an assignment of many tickets is many entries to open), for those who want them there.
 */
async function ringBells(ctx: Ctx, trx: Executor, digestId: string, byUser: Map<string, Item[]>) {
  const rung: string[] = [];
  for (const [userId, entries] of byUser) {
    const wanted = await wantedEntries(trx, userId, entries, 'in_app');
    if (wanted.length === 0 || !(await findActiveUser(trx, userId))) continue;
    for (const e of wanted) {
      await insertInApp(trx, {
        userId,
        ticketId: e.ticket_id,
        event: e.event,
        actorId: e.actor_id,
        dedupeKey: `digest:${digestId}>in_app:${userId}:${e.event}:${e.ticket_id}`,
        now: nowIso(ctx),
      });
    }
    rung.push(userId);
  }
  return rung;
}

/** Each recipient and the notices they would hear of, one per ticket and event. */
async function recipientsOf(db: Executor, items: Item[]) {
  const cache = new Map<string, Promise<string[]>>();
  const cached =
    (kind: string, load: (db: Executor, d: string) => Promise<string[]>) => (d: Executor, dept: string) => {
      const key = `${kind}:${dept}`;
      if (!cache.has(key)) cache.set(key, load(d, dept));
      return cache.get(key)!;
    };
  const staffOf = { department: cached('d', departmentStaff), onCall: cached('o', onCallStaff) };
  const byUser = new Map<string, Item[]>();
  for (const item of items) {
    for (const userId of await noticeCandidates(db, item.event, item, item.actor_id, staffOf)) {
      const list = byUser.get(userId) ?? [];
      list.push(item);
      byUser.set(userId, list);
    }
  }
  return byUser;
}

/** The entries whose kind of notice the user wants on `channel` (by mail unless said). */
async function wantedEntries(
  db: Executor,
  userId: string,
  entries: Item[],
  channel: NotificationChannel = 'email',
) {
  const wanted: Item[] = [];
  for (const e of entries) {
    const preference = PREFERENCE_OF[e.event]!;
    if (!carries(preference, channel)) continue;
    if ((await wantsNotice(db, [userId], preference, channel)).has(userId)) wanted.push(e);
  }
  return wanted;
}

/** The tickets of a customer's digest they may not open (they are on its CC list only): no link. */
async function unseen(db: Executor, user: User, entries: Item[]): Promise<Set<string>> {
  const out = new Set<string>();
  if (user.role !== 'customer') return out;
  // Entries come in ticket order: the first LISTED tickets are those the mail lists.
  for (const id of [...new Set(entries.map((e) => e.ticket_id))].slice(0, LISTED))
    if (!(await seesTicket(db, user, id))) out.add(id);
  return out;
}

/**
 * One line per ticket (each once, with what happened to it), the status as the reader sees it, and
 * a link to each ticket but those `unseen`; in the reader's language.
 */
function digestMail(
  ctx: Ctx,
  wf: WorkflowDocument,
  user: User,
  reader: Reader,
  entries: Item[],
  unseen: Set<string>,
) {
  const t = (message: Message, values?: Record<string, string | number>) =>
    translate(reader.locale, message, values);
  const staff = user.role !== 'customer';
  const tickets = new Map<number, { item: Item; events: string[] }>();
  for (const e of entries) {
    const entry = tickets.get(e.number) ?? { item: e, events: [] };
    const said = DIGEST_EVENTS[e.event];
    entry.events.push(said ? t(said) : e.event.replace(/^ticket\./, '').replace(/_/g, ' '));
    tickets.set(e.number, entry);
  }
  const lines = [...tickets.values()].slice(0, LISTED).map(({ item, events }) => {
    const status = findStatus(wf, item.status);
    const label = status ? statusLabel(status, staff ? 'staff' : 'customer') : item.status;
    const line = t(DIGEST.line, {
      number: String(item.number),
      subject: item.subject,
      status: label,
      events: events.join(t(DIGEST.separator)),
    });
    if (unseen.has(item.ticket_id)) return line;
    return `${line}\n  ${ctx.config.publicUrl}${staff ? '/agent' : ''}/tickets/${item.number}`;
  });
  const more = tickets.size - lines.length;
  const count = tickets.size;
  return {
    subject: t(DIGEST.subject, { count }),
    text: [
      t(MAIL.greeting, { name: user.name }),
      '',
      t(DIGEST.intro, { count }),
      '',
      ...lines,
      ...(more > 0 ? ['', t(DIGEST.more, { count: more })] : []),
    ].join('\n'),
    locale: reader.locale,
  };
}
