import multipart from '@fastify/multipart';
import { idParams } from '../../common/api.js';
import {
  calendarBody,
  calendarImportBody,
  calendarImportSchema,
  calendarPatch,
  calendarPreviewQuery,
  calendarPreviewSchema,
  calendarSchema,
} from '../../common/calendars.js';
import { AppError, invalid } from '../errors.js';
import { defineMessages } from '../i18n/index.js';
import {
  createCalendar,
  deleteCalendar,
  getCalendar,
  importHolidays,
  listCalendars,
  previewCalendar,
  updateCalendar,
} from '../modules/calendars/calendars.service.js';
import { UPLOAD_REFUSALS } from './attachments.routes.js';
import { resource } from './resource.js';
import { type App, actorCtx } from './types.js';

const SAID = defineMessages({
  urlOrFile: {
    id: 'error.http.calendar_url_or_file',
    defaultMessage:
      'send \'{\'"url": …\'}\' as JSON, or the file as multipart/form-data in a field named "file"',
  },
});

const MAX_ICAL_BYTES = 1024 * 1024;
const tags = ['calendars'];

// Business-hours calendars: staff read them, administrators manage them and import holidays from
// an iCal file (multipart, field "file") or feed ({"url": …}); the preview answers when a number
// of business minutes from an instant would have passed.
export async function calendarRoutes(app: App) {
  await app.register(multipart, {
    limits: { fileSize: MAX_ICAL_BYTES, files: 1, fields: 2, parts: 3, fieldSize: 1024 },
  });

  resource(app, { path: '/api/v1/calendars', name: 'Calendar', tags, item: calendarSchema })
    .list(listCalendars)
    .create(calendarBody, createCalendar)
    .get(getCalendar)
    .update(calendarPatch, updateCalendar)
    .remove(deleteCalendar);

  app.get(
    '/api/v1/calendars/:id/preview',
    {
      schema: {
        operationId: 'previewCalendar',
        tags,
        params: idParams,
        querystring: calendarPreviewQuery,
        response: { 200: calendarPreviewSchema },
      },
    },
    async (req) => previewCalendar(actorCtx(app, req), req.params.id, req.query),
  );

  app.post(
    '/api/v1/calendars/:id/holidays/import',
    {
      // A file's multipart body is read below, not validated as JSON.
      preValidation: async (req) => {
        if (req.isMultipart()) req.body = {};
      },
      schema: {
        operationId: 'importHolidays',
        tags,
        description:
          'Adds the all-day events of an iCal file (multipart/form-data, field "file") or feed (JSON {"url": …}) as holidays.',
        params: idParams,
        body: calendarImportBody,
        response: { 200: calendarImportSchema },
      },
    },
    async (req) => {
      const c = actorCtx(app, req);
      if (!req.isMultipart()) {
        const url = req.body?.url;
        if (!url) throw invalid('url', SAID.urlOrFile);
        return importHolidays(c, req.params.id, { url });
      }
      let text: string;
      try {
        const file = await req.file();
        if (file?.fieldname !== 'file') throw invalid('file', UPLOAD_REFUSALS.fieldName);
        text = (await file.toBuffer()).toString('utf8');
      } catch (err) {
        if (err instanceof AppError || (err as { statusCode?: number }).statusCode === 413) throw err;
        throw invalid('file', UPLOAD_REFUSALS.unreadable, { reason: (err as Error).message });
      }
      return importHolidays(c, req.params.id, { text });
    },
  );
}
