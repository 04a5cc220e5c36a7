import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';
import { escapeHtml } from './html.js';

// The one renderer of message bodies. A body is plain text or Markdown (CommonMark with GitHub's
// autolinks, strike-through and line breaks). Every HTML rendering goes through one allow-list;
// the chat renderings (Telegram, WhatsApp) walk the same parse and speak each app's own markup.

export type MessageFormat = 'text' | 'markdown';

/** Raw HTML in Markdown stays text (html: false); bare URLs become links as on GitHub. */
const md = new MarkdownIt('commonmark', { html: false, linkify: true, breaks: true }).enable([
  'linkify',
  'strikethrough',
  'table',
]);

/** The path of an attachment; an image may only show one of the message's own. */
const ATTACHMENT_SRC = /^\/api\/v1\/attachments\/([A-Za-z0-9_-]{1,64})$/;
const SAFE_HREF = /^(https?:|mailto:)/i;

type RenderEnv = { images?: ReadonlySet<string> };
const allowedImage = (src: string, env: RenderEnv) => {
  const id = ATTACHMENT_SRC.exec(src)?.[1];
  return Boolean(id && env.images?.has(id));
};

// An image of anything but the message's own attachments is shown as its alt text, in brackets.
const defaultImage = md.renderer.rules.image;
md.renderer.rules.image = (tokens, idx, options, env, self) => {
  const t = tokens[idx];
  if (t && defaultImage && allowedImage(String(t.attrGet('src') ?? ''), env as RenderEnv))
    return defaultImage(tokens, idx, options, env, self);
  return escapeHtml(`[${t?.content || 'image'}]`);
};

/** What looks like an HTML element in text; text renderings drop it, an address in <…> stays. */
const TAG = /<\/?[a-zA-Z][a-zA-Z0-9-]*(?:\s[^<>]*)?\/?>/g;
const dropTags = (s: string) => s.replace(TAG, '');

export type HtmlOptions = {
  /** Ids of the attachments an image may show (the message's own); any other image becomes its alt text. */
  images?: readonly string[];
};

const ALLOWED_TAGS = [
  'p',
  'br',
  'strong',
  'em',
  's',
  'ul',
  'ol',
  'li',
  'a',
  'blockquote',
  'code',
  'pre',
  'img',
  'h1',
  'h2',
  'h3',
  'h4',
  'hr',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
];

function sanitize(html: string, env: RenderEnv): string {
  return sanitizeHtml(html, {
    allowedTags: ALLOWED_TAGS,
    allowedAttributes: {
      a: ['href', 'rel', 'target'],
      img: ['src', 'alt'],
      ol: ['start'],
      // A column's alignment, as GitHub writes it.
      th: [{ name: 'style', values: ['text-align:left', 'text-align:center', 'text-align:right'] }],
      td: [{ name: 'style', values: ['text-align:left', 'text-align:center', 'text-align:right'] }],
    },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { img: [] },
    allowProtocolRelative: false,
    transformTags: {
      // Only http(s) and mailto links keep their address (no relative or script ones), opened apart.
      a: (tagName, attribs) => {
        const href = (attribs.href ?? '').trim();
        const safe: Record<string, string> = SAFE_HREF.test(href) ? { href } : {};
        return { tagName, attribs: { ...safe, rel: 'noopener noreferrer nofollow', target: '_blank' } };
      },
    },
    // The renderer already kept only the message's own images; this holds if it ever did not.
    exclusiveFilter: (frame) => frame.tag === 'img' && !allowedImage(frame.attribs.src ?? '', env),
  });
}

/** Plain text as HTML: escaped, paragraphs and line breaks kept, URLs and addresses as links. */
function textToHtml(body: string): string {
  const linked = (line: string) => {
    const matches = md.linkify.match(line) ?? [];
    let out = '';
    let at = 0;
    for (const m of matches) {
      out += escapeHtml(line.slice(at, m.index));
      out += `<a href="${escapeHtml(m.url)}">${escapeHtml(m.text)}</a>`;
      at = m.lastIndex;
    }
    return out + escapeHtml(line.slice(at));
  };
  return body
    .replace(/\r\n?/g, '\n')
    .split(/\n{2,}/)
    .map((para) => `<p>${para.split('\n').map(linked).join('<br />')}</p>`)
    .join('\n');
}

/** A body as safe HTML, for the portal, the agent workspace and mail. */
export function renderHtml(body: string, format: MessageFormat, opts: HtmlOptions = {}): string {
  const env: RenderEnv = { images: new Set(opts.images ?? []) };
  const raw = format === 'markdown' ? md.render(body, env) : textToHtml(body);
  return sanitize(raw, env).trim();
}

/**
 * A body as text for a mail's plain part: Markdown reads well as it is; images show their name
 * (their address needs signing in) and what looks like HTML is left out.
 */
export function renderMailText(body: string, format: MessageFormat): string {
  const text =
    format === 'text'
      ? body
      : body.replace(/!\[([^\]]*)\]\([^)]*\)/g, (_m, alt: string) => `[${alt || 'image'}]`);
  return dropTags(text);
}

type ChatMarkup = {
  escape: (s: string) => string;
  strong: [string, string];
  em: [string, string];
  s: [string, string];
  code: [string, string];
  pre: [string, string];
  quote: [string, string];
  /** Each line inside a quote starts with this. */
  quoteLine: string;
  link: (href: string, autolink: boolean) => [string, string];
  /** Telegram refuses a quote in a quote and code in a link: those are written flat. */
  flat?: boolean;
};

/** Telegram's HTML parse mode escapes only <, > and &. */
export const telegramEscape = (s: string) =>
  s.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c] ?? c);

/** Telegram's HTML parse mode: b, i, s, code, pre, blockquote and a; only <, > and & are escaped. */
const TELEGRAM: ChatMarkup = {
  escape: telegramEscape,
  strong: ['<b>', '</b>'],
  em: ['<i>', '</i>'],
  s: ['<s>', '</s>'],
  code: ['<code>', '</code>'],
  pre: ['<pre>', '</pre>'],
  quote: ['<blockquote>', '</blockquote>'],
  quoteLine: '',
  link: (href) => [`<a href="${telegramEscape(href).replace(/"/g, '&quot;')}">`, '</a>'],
  flat: true,
};

/** WhatsApp's own markup; it has no escaping (other markup is left out), and no links but bare URLs. */
const WHATSAPP: ChatMarkup = {
  escape: dropTags,
  strong: ['*', '*'],
  em: ['_', '_'],
  s: ['~', '~'],
  code: ['```', '```'],
  pre: ['```', '```'],
  quote: ['', ''],
  quoteLine: '> ',
  link: (href, autolink) => ['', autolink ? '' : ` (${href.replace(/^mailto:/i, '')})`],
};

type Token = ReturnType<typeof md.parse>[number];

/** Writes a chat message out of the parse, at most `max` characters of text, closing what is open. */
class ChatWriter {
  private out = '';
  private closers: string[] = [];
  private pendingLines = 0;
  private quoteDepth = 0;
  private left: number;
  stopped = false;
  constructor(
    private m: ChatMarkup,
    max: number,
  ) {
    this.left = max;
  }
  lines(n: number) {
    if (this.out !== '') this.pendingLines = Math.max(this.pendingLines, n);
  }
  private flush() {
    const prefix = this.m.quoteLine.repeat(this.quoteDepth);
    if (this.pendingLines > 0) this.out += `\n${prefix}`.repeat(this.pendingLines);
    else if (this.out === '' || this.out.endsWith('\n')) this.out += prefix;
    this.pendingLines = 0;
  }
  text(s: string) {
    if (this.stopped || s === '') return;
    this.flush();
    if (s.length > this.left) {
      this.out += this.m.escape(`${s.slice(0, Math.max(0, this.left - 1)).trimEnd()}…`);
      this.stopped = true;
      return;
    }
    this.left -= s.length;
    this.out += this.m.escape(s);
  }
  open([o, c]: [string, string]) {
    this.flush();
    this.out += o;
    this.closers.push(c);
  }
  close() {
    this.out += this.closers.pop() ?? '';
  }
  quote(on: boolean) {
    const nested = this.m.flat && this.quoteDepth > (on ? 0 : 1);
    if (on) {
      this.lines(2);
      if (!nested) this.open(this.m.quote);
      this.quoteDepth++;
    } else {
      this.quoteDepth--;
      if (!nested) this.close();
      this.lines(2);
    }
  }
  done() {
    while (this.closers.length) this.close();
    return this.out.trim();
  }
}

function inline(w: ChatWriter, m: ChatMarkup, children: Token[]) {
  let inLink = false;
  for (const t of children) {
    if (w.stopped) return;
    switch (t.type) {
      case 'text':
        w.text(t.content);
        break;
      case 'softbreak':
      case 'hardbreak':
        w.lines(1);
        break;
      case 'strong_open':
      case 'em_open':
      case 's_open':
        w.open(m[t.type.replace('_open', '') as 'strong' | 'em' | 's']);
        break;
      case 'link_close':
        inLink = false;
        w.close();
        break;
      case 'strong_close':
      case 'em_close':
      case 's_close':
        w.close();
        break;
      case 'code_inline':
        if (inLink && m.flat) {
          w.text(t.content);
          break;
        }
        w.open(m.code);
        w.text(t.content);
        w.close();
        break;
      case 'link_open': {
        inLink = true;
        const href = String(t.attrGet('href') ?? '');
        const auto = t.markup === 'linkify' || t.markup === 'autolink';
        w.open(SAFE_HREF.test(href) ? m.link(href, auto) : ['', '']);
        break;
      }
      case 'image':
        w.text(`[${t.content || 'image'}]`);
        break;
      default:
        w.text(t.content);
    }
  }
}

/** Where a chat rendering is among the blocks: the lists it is in, the cell of a table row. */
type BlockState = { lists: { ordered: boolean; n: number }[]; cell: number };

/** One block token of Markdown, in a chat's markup. */
function block(w: ChatWriter, m: ChatMarkup, t: Token, st: BlockState) {
  switch (t.type) {
    case 'paragraph_close':
      w.lines(t.hidden ? 1 : 2);
      break;
    case 'heading_open':
      w.lines(2);
      w.open(m.strong);
      break;
    case 'heading_close':
      w.close();
      w.lines(2);
      break;
    case 'bullet_list_open':
    case 'ordered_list_open':
      w.lines(st.lists.length ? 1 : 2);
      st.lists.push({ ordered: t.type === 'ordered_list_open', n: Number(t.attrGet('start') ?? 1) });
      break;
    case 'bullet_list_close':
    case 'ordered_list_close':
      st.lists.pop();
      w.lines(st.lists.length ? 1 : 2);
      break;
    case 'list_item_open': {
      const list = st.lists.at(-1);
      w.lines(1);
      w.text(`${'  '.repeat(Math.max(0, st.lists.length - 1))}${list?.ordered ? `${list.n++}.` : '•'} `);
      break;
    }
    case 'blockquote_open':
    case 'blockquote_close':
      w.quote(t.type === 'blockquote_open');
      break;
    case 'fence':
    case 'code_block':
      w.lines(2);
      w.open(m.pre);
      w.text(t.content.replace(/\n$/, ''));
      w.close();
      w.lines(2);
      break;
    case 'hr':
      w.lines(2);
      w.text('———');
      w.lines(2);
      break;
    // A table in a chat: a row a line, its cells apart.
    case 'table_open':
    case 'table_close':
      w.lines(2);
      break;
    case 'tr_open':
      w.lines(1);
      st.cell = 0;
      break;
    case 'th_open':
    case 'td_open':
      if (st.cell++ > 0) w.text(' | ');
      break;
  }
}

function chat(body: string, format: MessageFormat, m: ChatMarkup, max: number): string {
  const w = new ChatWriter(m, max);
  if (format === 'text') {
    w.text(body.replace(/\r\n?/g, '\n').trim());
    return w.done();
  }
  const st: BlockState = { lists: [], cell: 0 };
  for (const t of md.parse(body, {})) {
    if (w.stopped) break;
    if (t.type === 'inline') inline(w, m, t.children ?? []);
    else block(w, m, t, st);
  }
  return w.done();
}

/** A body for Telegram's HTML parse mode, cut to `max` characters of text. */
export const renderTelegramHtml = (body: string, format: MessageFormat, max = 4000) =>
  chat(body, format, TELEGRAM, max);

/** A body in WhatsApp's markup (*bold*, _italic_, ~strike~, ```code```); plain text stays as written. */
export const renderWhatsApp = (body: string, format: MessageFormat, max = 4000) =>
  chat(body, format, WHATSAPP, max);
