import type { ActorCtx } from '../context.js';
import { createKbArticle } from '../modules/kb/kb.articles.service.js';
import { createKbCategory } from '../modules/kb/kb.categories.service.js';

// The demo's knowledge base: two categories, a section, and articles of each visibility, so the
// help centre, suggestions on New Ticket and "Insert article" have something to show.

type DemoArticle = {
  title: string;
  body: string;
  tags: string[];
  visibility: 'public' | 'signed_in' | 'staff';
};

const TRADING: DemoArticle[] = [
  {
    title: 'My bot stopped trading',
    tags: ['bot', 'trading'],
    visibility: 'public',
    body: `A bot stops opening positions when one of these holds:

1. **The exchange API key expired or lost its trading permission.** Open *Settings › Exchange keys*; a key marked *invalid* must be created again on the exchange with trading enabled.
2. **The balance is below the minimum order size.** Top up, or lower the order size in the bot's settings.
3. **The daily loss limit was reached.** The bot resumes at 00:00 UTC, or raise the limit.

Still stuck? Open a ticket with the bot's name and the time it last traded.`,
  },
  {
    title: 'Connect an exchange API key',
    tags: ['api', 'exchange'],
    visibility: 'public',
    body: `Create the key on your exchange with **read** and **trade** permissions, never **withdraw**.

\`\`\`
Settings › Exchange keys › Add key
\`\`\`

Paste the key and its secret; Tessera Trading checks them before saving.`,
  },
  {
    title: 'Bot settings reference',
    tags: ['bot'],
    visibility: 'signed_in',
    body: `- **Order size**: per position, in the quote currency.
- **Daily loss limit**: trading pauses until 00:00 UTC once reached.
- **Pairs**: up to 20 per bot.`,
  },
];

const BILLING: DemoArticle[] = [
  {
    title: 'Download an invoice',
    tags: ['invoice', 'billing'],
    visibility: 'signed_in',
    body: 'Invoices are under *Account › Billing*, one per month, as PDF. Need another company name on it? Open a ticket in Billing.',
  },
  {
    title: 'Refunds: how we decide (staff)',
    tags: ['refund', 'billing'],
    visibility: 'staff',
    body: `Refund within 14 days of a top-up that was not traded. Anything else goes to Maya for approval; note the reason on the ticket.`,
  },
];

/** Writes the knowledge base as `ctx`'s actor (an administrator). */
export async function seedDemoKnowledgeBase(ctx: ActorCtx): Promise<void> {
  const trading = await createKbCategory(ctx, {
    name: 'Trading bots',
    description: 'Setting up and running bots.',
  });
  const keys = await createKbCategory(ctx, { name: 'Exchange keys', parentId: trading.id });
  const billing = await createKbCategory(ctx, {
    name: 'Billing',
    description: 'Payments, invoices, refunds.',
  });
  const put = (a: DemoArticle, categoryId: string) =>
    createKbArticle(ctx, { ...a, categoryId, status: 'published', audiences: [] });
  for (const [i, a] of TRADING.entries()) await put(a, i === 1 ? keys.id : trading.id);
  for (const a of BILLING) await put(a, billing.id);
}
