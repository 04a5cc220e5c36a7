import type { WebhookKind, WebhookPayload } from '../../../common/webhooks.js';

// The message each chat service's incoming webhook takes, for an event: one line such as
// "#123 Printer on fire — ticket created — <link>", and a little more where the service shows it.

const EVENT_WORDS: Record<WebhookPayload['type'], string> = {
  'ticket.created': 'ticket created',
  'ticket.updated': 'ticket updated',
  'message.created': 'new message',
  'ticket.sla_warning': 'service-level target close',
  'ticket.sla_breach': 'service-level target missed',
  'kb.article_published': 'article published',
  ping: 'test message',
};

const MESSAGE_WORDS = {
  customer_reply: 'customer replied',
  staff_reply: 'staff replied',
  internal_note: 'internal note',
} as const;

const what = (p: WebhookPayload) =>
  p.data.message ? MESSAGE_WORDS[p.data.message.kind] : EVENT_WORDS[p.type];

/** More than the headline: the changes, or the first lines of a message. */
function detail(p: WebhookPayload): string | null {
  if (p.data.changes?.length)
    return p.data.changes.map((c) => `${c.field}: ${c.from ?? '—'} → ${c.to ?? '—'}`).join('\n');
  if (p.data.message) {
    const body = p.data.message.body.trim();
    return body.length > 500 ? `${body.slice(0, 500)}…` : body;
  }
  if (p.data.article) return `${p.data.article.title}\n${p.data.article.url}`;
  if (p.data.sla) return `${p.data.sla.metrics.join(', ')} due ${p.data.sla.dueAt ?? '—'}`;
  return null;
}

/**
 * What customers wrote is shown, never obeyed: no @channel or @all that pings a whole team (a
 * zero-width space after the @), and for Slack no <!channel> or <link|label> of their making.
 */
const unmention = (s: string) => s.replace(/@(?=[\w-])/g, '@\u200b');
const slackText = (s: string) =>
  unmention(s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
/** Mattermost's Markdown: no links, images, emphasis or headings from what customers wrote. */
const markdownText = (s: string) => unmention(s.replace(/([\\`*_[\]()#|>~!])/g, '\\$1'));

export function presetBody(kind: Exclude<WebhookKind, 'generic'>, p: WebhookPayload): unknown {
  const t = p.data.ticket;
  const more = detail(p);
  switch (kind) {
    case 'slack': {
      const line = t
        ? `<${t.url}|#${t.number}> ${slackText(t.subject)} — ${what(p)}`
        : `Tessera — ${what(p)}`;
      const blocks: unknown[] = [{ type: 'section', text: { type: 'mrkdwn', text: line } }];
      if (more)
        blocks.push({
          type: 'context',
          elements: [{ type: 'mrkdwn', text: slackText(more).slice(0, 2900) }],
        });
      return { text: t ? `#${t.number} ${slackText(t.subject)} — ${what(p)} — ${t.url}` : line, blocks };
    }
    case 'mattermost': {
      const line = t
        ? `[#${t.number} ${markdownText(t.subject)}](${t.url}) — ${what(p)}`
        : `Tessera — ${what(p)}`;
      return { text: more ? `${line}\n> ${markdownText(more).split('\n').join('\n> ')}` : line };
    }
    case 'teams': {
      const body: unknown[] = [
        {
          type: 'TextBlock',
          text: t ? `#${t.number} ${t.subject}` : 'Tessera',
          weight: 'Bolder',
          wrap: true,
        },
        { type: 'TextBlock', text: what(p), isSubtle: true, wrap: true },
      ];
      if (more) body.push({ type: 'TextBlock', text: more, wrap: true });
      return {
        type: 'message',
        attachments: [
          {
            contentType: 'application/vnd.microsoft.card.adaptive',
            contentUrl: null,
            content: {
              $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
              type: 'AdaptiveCard',
              version: '1.4',
              body,
              actions: t ? [{ type: 'Action.OpenUrl', title: 'Open ticket', url: t.url }] : [],
            },
          },
        ],
      };
    }
  }
}
