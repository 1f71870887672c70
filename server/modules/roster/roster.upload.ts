import type { FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { AppError, invalid } from '../../errors';
import { assertReadableText } from '../../plugins/text-input';

/** The uploaded file, already on disk: the worker reads it from there and the route removes it. */
export type UploadedFile = { fileName: string; filePath: string; size: number };
export type ImportForm = { fields: Record<string, string>; file: UploadedFile | null };

const unreadable = () =>
  new AppError(400, 'roster.file_unreadable', { field: 'file', params: { detail: 'multipart' } });

/**
 * Collects the multipart form: the text fields, in any order, and the one file, streamed to a new file
 * in `dir` as it arrives (a city's roster is tens of MB: it is never held in memory). This route's file
 * cap is `maxBytes` (YISHI_ROSTER_MAX_UPLOAD_MB), above the app's general multipart limit. On any error
 * the partial file is removed; on success the caller removes it with `removeUpload`.
 */
export async function readImportForm(request: FastifyRequest, dir: string, maxBytes: number): Promise<ImportForm> {
  if (!request.isMultipart()) throw invalid('file', 'roster.file_missing');
  const form: ImportForm = { fields: {}, file: null };
  const written: string[] = [];
  try {
    await fs.promises.mkdir(dir, { recursive: true, mode: 0o700 });
    for await (const part of request.parts({ limits: { fileSize: maxBytes, files: 1 } })) {
      if (part.type !== 'file') {
        form.fields[part.fieldname] = String(part.value);
        continue;
      }
      if (part.filename) assertReadableText(part.filename, 'file');
      if (part.fieldname !== 'file') {
        part.file.resume();
        continue;
      }
      const filePath = path.join(dir, `roster-import-${randomUUID()}.upload`);
      written.push(filePath);
      await pipeline(part.file, fs.createWriteStream(filePath, { mode: 0o600 }));
      if (part.file.truncated) {
        throw new AppError(413, 'roster.file_too_large', {
          field: 'file',
          params: { maxMb: Math.round(maxBytes / 2 ** 20) },
        });
      }
      const { size } = await fs.promises.stat(filePath);
      form.file = { fileName: part.filename || 'upload', filePath, size };
    }
  } catch (error) {
    await Promise.all(written.map((file) => fs.promises.rm(file, { force: true })));
    if (error instanceof AppError) throw error;
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new AppError(413, 'roster.file_too_large', {
        field: 'file',
        params: { maxMb: Math.round(maxBytes / 2 ** 20) },
      });
    }
    throw unreadable();
  }
  return form;
}

export const removeUpload = (form: ImportForm): Promise<void> =>
  form.file ? fs.promises.rm(form.file.filePath, { force: true }) : Promise.resolve();
