import { describe, expect, it } from 'vitest';
import { openTicket } from '../client.js';
import { engine } from '../helpers.js';
import { atPhoneWidth } from './kb-support.js';
import { browserWorld, seriousViolations, skipBrowser, skipReason, stepShots } from './support.js';

// The knowledge base from a ticket: an agent finds an article from the reply box, puts a link to it
// in the reply and sends it (the customer sees the link, the article counts the use); and turns a
// ticket into a draft article whose text no longer holds the customer's name or address.

if (skipBrowser) console.warn(skipReason);

const t = browserWorld();
const shot = stepShots('kb-agent-tools', engine);

type Article = {
  id: string;
  slug: string;
  title: string;
  uses: number;
  status: string;
  body: string;
  sourceTicketNumber: number | null;
};

describe.skipIf(skipBrowser)('the knowledge base from a ticket, in the browser', () => {
  it('an agent inserts a link to an article into a reply; the customer sees it', async () => {
    const article = await t.w.admin.expect<Article>(201, 'POST', '/api/v1/kb/articles', {
      title: 'Restart the trading bot',
      body: 'Stop the bot, wait a minute, then start it again.',
      status: 'published',
      visibility: 'public',
      tags: ['bot'],
    });
    const ticket = await openTicket(t.w.alice, t.w.billing.id, { subject: 'The bot froze' });
    const agent = await t.signIn(t.w.agent);
    await agent.goto(`/agent/tickets/${ticket.number}`);
    const reply = agent.getByRole('textbox', { name: /^Reply to / });
    await reply.fill('Hello, this should help: ');

    await agent.getByRole('button', { name: 'Insert article' }).click();
    const dialog = agent.getByRole('dialog', { name: 'Insert an article' });
    await dialog.getByRole('searchbox', { name: 'Search articles' }).fill('restart');
    await dialog.getByText('Restart the trading bot').waitFor();
    await shot(agent, 'insert-article-search');
    expect(await seriousViolations(agent)).toEqual([]);
    await dialog.getByRole('button', { name: 'Insert link: Restart the trading bot' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const url = `${t.env.baseUrl}/help/articles/${article.slug}`;
    await expect
      .poll(() => reply.inputValue())
      .toBe(`Hello, this should help: [Restart the trading bot](${url})`);
    await expect
      .poll(async () => (await t.w.agent.get<Article>(`/api/v1/kb/articles/${article.id}`)).uses)
      .toBe(1);
    await agent.getByRole('button', { name: 'Send reply' }).click();
    await agent.getByText('Reply sent').waitFor();

    const customer = await t.signIn(t.w.alice);
    await customer.goto(`/tickets/${ticket.number}`);
    const link = customer.getByTestId('message-body').getByRole('link', { name: 'Restart the trading bot' });
    await link.waitFor();
    expect(await link.getAttribute('href')).toBe(url);

    await agent.setViewportSize({ width: 360, height: 800 });
    await agent.getByRole('button', { name: 'Insert article' }).click();
    await agent.getByRole('dialog', { name: 'Insert an article' }).getByRole('searchbox').fill('restart');
    await agent.getByRole('dialog').getByText('Restart the trading bot').waitFor();
    await shot(agent, 'insert-article-360');
    await agent.getByRole('button', { name: 'Close the article search' }).click();
    await atPhoneWidth(agent, shot, 'ticket');
  }, 180_000);

  it('"Create article from this ticket" opens the editor with the personal data removed', async () => {
    const alice = { name: String(t.w.alice.user?.name), email: String(t.w.alice.user?.email) };
    const ticket = await openTicket(t.w.alice, t.w.billing.id, {
      subject: 'Export to CSV fails',
      description: `Hi, I am ${alice.name} (${alice.email}). The CSV export stops at 1000 rows.`,
    });
    await t.w.agent.expect(201, 'POST', `/api/v1/tickets/${ticket.number}/messages`, {
      body: 'Use the date filter to export in parts of under 1000 rows.',
      format: 'markdown',
    });
    const agent = await t.signIn(t.w.agent);
    await agent.goto(`/agent/tickets/${ticket.number}`);
    await agent.getByRole('link', { name: 'Create article from this ticket' }).click();
    await agent.waitForURL(/\/agent\/kb\/new\?fromTicket=\d+/);
    const removed = agent.getByTestId('removed-summary');
    await removed.getByText(/^Personal data removed: .*\d+ (name|email)/).waitFor();
    const body = await agent.getByRole('textbox', { name: 'Text' }).inputValue();
    expect(body).toContain('1000 rows');
    expect(body).not.toContain(alice.email);
    expect(body).not.toContain(alice.name);
    expect(await agent.getByRole('textbox', { name: 'Title' }).inputValue()).not.toBe('');
    await shot(agent, 'draft-from-ticket');
    expect(await seriousViolations(agent)).toEqual([]);

    await agent.getByRole('button', { name: 'Create article' }).click();
    await agent.waitForURL(/\/agent\/kb\/articles\/[\w-]+$/);
    const saved = await t.w.agent.get<Article>(`/api/v1/kb/articles/${agent.url().split('/').pop()}`);
    expect(saved.status).toBe('draft');
    expect(saved.body).not.toContain(alice.email);
    expect(saved.sourceTicketNumber).toBe(ticket.number);

    await atPhoneWidth(agent, shot, 'editor');
  }, 180_000);
});
