import multipart from '@fastify/multipart';
import { idParams } from '../../common/api.js';
import { attachmentSchema } from '../../common/attachments.js';
import { AppError, invalid, refusal } from '../errors.js';
import { defineMessages } from '../i18n/index.js';
import { readAttachment, uploadAttachment } from '../modules/attachments/attachments.service.js';
import { type App, actorCtx } from './types.js';

export const UPLOAD_REFUSALS = defineMessages({
  multipart: {
    id: 'error.uploads.multipart',
    defaultMessage: 'Send the file as multipart/form-data in a field named "file"',
  },
  fieldName: { id: 'error.uploads.field_name', defaultMessage: 'send the file in a field named "file"' },
  unreadable: { id: 'error.uploads.unreadable', defaultMessage: 'the upload could not be read ({reason})' },
});

/** RFC 6266: an ASCII fallback and the exact UTF-8 name. */
const disposition = (name: string) =>
  `attachment; filename="${name.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;

export async function attachmentRoutes(app: App) {
  await app.register(multipart, {
    limits: { fileSize: app.ctx.config.attachments.maxBytes, files: 1, fields: 5, parts: 6, fieldSize: 1024 },
  });

  app.post(
    '/api/v1/attachments',
    {
      config: { rawBody: true },
      schema: {
        operationId: 'uploadAttachment',
        tags: ['attachments'],
        description:
          'multipart/form-data with one field "file". Link the returned id with attachmentIds on a ticket or message.',
        response: { 201: attachmentSchema },
      },
    },
    async (req, reply) => {
      const c = actorCtx(app, req);
      if (!req.isMultipart()) throw refusal('unsupported_media_type', UPLOAD_REFUSALS.multipart);
      let upload: { filename: string; data: Buffer };
      try {
        const file = await req.file();
        if (file?.fieldname !== 'file') {
          throw invalid('file', UPLOAD_REFUSALS.fieldName);
        }
        upload = { filename: file.filename, data: await file.toBuffer() };
      } catch (err) {
        // A malformed multipart body is the client's error; a file over the limit keeps its 413.
        if (err instanceof AppError || (err as { statusCode?: number }).statusCode === 413) throw err;
        throw invalid('file', UPLOAD_REFUSALS.unreadable, { reason: (err as Error).message });
      }
      return reply.code(201).send(await uploadAttachment(c, upload));
    },
  );

  app.get(
    '/api/v1/attachments/:id',
    { schema: { operationId: 'downloadAttachment', tags: ['attachments'], params: idParams } },
    async (req, reply) => {
      // Without signing in, only the images of articles open to everyone are found.
      const ctx = req.actor ? actorCtx(app, req) : { ...app.ctx, log: req.log, actor: null };
      const { meta, data } = await readAttachment(ctx, req.params.id);
      return reply
        .header('content-type', meta.contentType)
        .header('content-disposition', disposition(meta.filename))
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('cache-control', 'private, max-age=3600')
        .send(data);
    },
  );
}
