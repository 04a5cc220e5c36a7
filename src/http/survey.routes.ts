import type { FastifyRequest } from 'fastify';
import { surveyAnswerBody, surveyParams } from '../../common/surveys.js';
import { AppError } from '../errors.js';
import { defineMessages, type Message, translate } from '../i18n/index.js';
import { escapeHtml, page } from '../lib/html.js';
import { visitorReader } from '../modules/languages/reader.js';
import { openSurvey, submitSurvey } from '../modules/surveys/surveys.service.js';
import type { App } from './types.js';

const params = surveyParams;
const answer = surveyAnswerBody;

const PAGE = defineMessages({
  title: { id: 'survey.page.title', defaultMessage: 'How did we do?' },
  heading: { id: 'survey.page.heading', defaultMessage: 'How did we do with #{number}?' },
  legend: { id: 'survey.page.rating', defaultMessage: 'Your rating' },
  option: {
    id: 'survey.page.option',
    defaultMessage: '{value} — {label}',
    description: 'a rating: 1 — Very poor',
  },
  comment: { id: 'survey.page.comment', defaultMessage: 'Anything you want to tell us? (optional)' },
  send: { id: 'survey.page.send', defaultMessage: 'Send' },
  survey: { id: 'survey.page.survey', defaultMessage: 'Survey' },
  thanks: { id: 'survey.page.thanks', defaultMessage: 'Thank you' },
  recorded: { id: 'survey.page.recorded', defaultMessage: 'Your feedback was recorded.' },
});

const RATINGS = defineMessages({
  veryPoor: { id: 'survey.rating.1', defaultMessage: 'Very poor' },
  poor: { id: 'survey.rating.2', defaultMessage: 'Poor' },
  okay: { id: 'survey.rating.3', defaultMessage: 'Okay' },
  good: { id: 'survey.rating.4', defaultMessage: 'Good' },
  excellent: { id: 'survey.rating.5', defaultMessage: 'Excellent' },
});
/** The ratings from 1 to 5. */
const LABELS = [RATINGS.veryPoor, RATINGS.poor, RATINGS.okay, RATINGS.good, RATINGS.excellent];

/** The page's reader: someone signed in reads their language, a visitor their browser's. */
const readerOfPage = (app: App, req: FastifyRequest) =>
  visitorReader(app.ctx.db, { actor: req.actor, acceptLanguage: req.headers['accept-language'] });

/** The satisfaction survey, answered from a link without signing in. */
export async function surveyRoutes(app: App) {
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 16_384 },
    (_req, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))),
  );

  app.get('/survey/:token', { schema: { hide: true, params } }, async (req, reply) => {
    const reader = await readerOfPage(app, req);
    const t = (m: Message, values?: Record<string, string>) => translate(reader.locale, m, values);
    reply.header('content-language', reader.locale).header('vary', 'Accept-Language, Cookie');
    try {
      const { ticket } = await openSurvey(app.ctx, req.params.token);
      const options = LABELS.map(
        (label, i) =>
          `<label class="opt"><input type="radio" name="rating" value="${i + 1}" required> ${escapeHtml(t(PAGE.option, { value: String(i + 1), label: t(label) }))}</label>`,
      ).join('');
      return reply.type('text/html').send(
        page(
          t(PAGE.title),
          `<h1>${escapeHtml(t(PAGE.heading, { number: String(ticket.number) }))}</h1><p>${escapeHtml(ticket.subject)}</p>
<form method="post"><fieldset><legend>${escapeHtml(t(PAGE.legend))}</legend>${options}</fieldset>
<label for="comment">${escapeHtml(t(PAGE.comment))}</label><textarea id="comment" name="comment" rows="4" maxlength="5000"></textarea>
<button>${escapeHtml(t(PAGE.send))}</button></form>`,
          reader,
        ),
      );
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      return reply
        .code(err.status)
        .type('text/html')
        .send(
          page(
            t(PAGE.survey),
            `<h1>${escapeHtml(t(PAGE.survey))}</h1><p>${escapeHtml(err.said(reader.locale))}</p>`,
            reader,
          ),
        );
    }
  });

  app.post('/survey/:token', { schema: { hide: true, params, body: answer } }, async (req, reply) => {
    if (!req.headers['content-type']?.startsWith('application/x-www-form-urlencoded')) {
      await submitSurvey(app.ctx, req.params.token, req.body);
      return reply.code(201).send({ recorded: true });
    }
    // The form of the page: its answer, or why it was refused, is a page too.
    const reader = await readerOfPage(app, req);
    const t = (m: Message) => translate(reader.locale, m);
    reply.type('text/html').header('content-language', reader.locale);
    try {
      await submitSurvey(app.ctx, req.params.token, req.body);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      return reply
        .code(err.status)
        .send(
          page(
            t(PAGE.survey),
            `<h1>${escapeHtml(t(PAGE.survey))}</h1><p>${escapeHtml(err.said(reader.locale))}</p>`,
            reader,
          ),
        );
    }
    return reply.send(
      page(
        t(PAGE.thanks),
        `<h1>${escapeHtml(t(PAGE.thanks))}</h1><p>${escapeHtml(t(PAGE.recorded))}</p>`,
        reader,
      ),
    );
  });
}
