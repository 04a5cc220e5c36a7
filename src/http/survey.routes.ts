import { surveyAnswerBody, surveyParams } from '../../common/surveys.js';
import { AppError } from '../errors.js';
import { escapeHtml, page } from '../lib/html.js';
import { openSurvey, submitSurvey } from '../modules/surveys/surveys.service.js';
import type { App } from './types.js';

const params = surveyParams;
const answer = surveyAnswerBody;

const LABELS = ['Very poor', 'Poor', 'Okay', 'Good', 'Excellent'];

/** The satisfaction survey, answered from a link without signing in. */
export async function surveyRoutes(app: App) {
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 16_384 },
    (_req, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))),
  );

  app.get('/survey/:token', { schema: { hide: true, params } }, async (req, reply) => {
    try {
      const { ticket } = await openSurvey(app.ctx, req.params.token);
      const options = LABELS.map(
        (label, i) =>
          `<label class="opt"><input type="radio" name="rating" value="${i + 1}" required> ${i + 1} — ${label}</label>`,
      ).join('');
      return reply.type('text/html').send(
        page(
          'How did we do?',
          `<h1>How did we do with #${ticket.number}?</h1><p>${escapeHtml(ticket.subject)}</p>
<form method="post"><fieldset><legend>Your rating</legend>${options}</fieldset>
<label for="comment">Anything you want to tell us? (optional)</label><textarea id="comment" name="comment" rows="4" maxlength="5000"></textarea>
<button>Send</button></form>`,
        ),
      );
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      return reply
        .code(err.status)
        .type('text/html')
        .send(page('Survey', `<h1>Survey</h1><p>${escapeHtml(err.message)}</p>`));
    }
  });

  app.post('/survey/:token', { schema: { hide: true, params, body: answer } }, async (req, reply) => {
    await submitSurvey(app.ctx, req.params.token, req.body);
    if (req.headers['content-type']?.startsWith('application/x-www-form-urlencoded')) {
      return reply
        .type('text/html')
        .send(page('Thank you', '<h1>Thank you</h1><p>Your feedback was recorded.</p>'));
    }
    return reply.code(201).send({ recorded: true });
  });
}
