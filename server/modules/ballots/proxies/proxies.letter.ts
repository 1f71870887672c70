import type { FastifyRequest } from 'fastify';
import { AppError } from '../../../errors';
import { reencodeImage } from '../../../images';
import { requireActor } from '../../../plugins/session';
import { sniffImage } from '../../../storage';

export const MAX_LETTER_MB = 10;

export type LetterType = 'image/jpeg' | 'image/png' | 'image/webp' | 'application/pdf';
/** The scanned or photographed 委托书, its type proved by its first bytes. */
export type ProxyLetter = { contentType: LetterType; bytes: Buffer };

const lettersOf = new WeakMap<FastifyRequest, ProxyLetter>();

/** JPEG, PNG or WebP (the shared image sniffer) or PDF (`%PDF-`), whatever the upload claims. */
export function sniffLetter(bytes: Buffer): LetterType | undefined {
  if (bytes.length >= 5 && bytes.toString('latin1', 0, 5) === '%PDF-') return 'application/pdf';
  return sniffImage(bytes);
}

const wrongType = () => new AppError(400, 'proxy.letter_type', { field: 'letter' });

/**
 * preValidation of a proxy registration sent as multipart/form-data: the text fields become the body
 * the route's schema validates, and the one `letter` file is kept aside (`uploadedLetter`). A bad or
 * oversized letter refuses the request before anything is written.
 */
export async function readProxyForm(request: FastifyRequest) {
  if (!request.isMultipart()) return;
  requireActor(request); // read nobody's upload before knowing who sends it
  const fields: Record<string, string> = {};
  let letter: ProxyLetter | undefined;
  try {
    const parts = request.parts({ limits: { files: 1, fileSize: MAX_LETTER_MB * 1024 * 1024 } });
    for await (const part of parts) {
      if (part.type === 'field') {
        fields[part.fieldname] = String(part.value);
        continue;
      }
      const bytes = await part.toBuffer();
      if (part.fieldname !== 'letter') throw wrongType();
      const contentType = sniffLetter(bytes);
      if (!contentType) throw wrongType();
      // A photographed letter is re-encoded like any photo: no EXIF (GPS) is stored.
      letter = contentType === 'application/pdf' ? { contentType, bytes } : await reencodeImage(bytes, 'letter');
    }
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'FST_FILES_LIMIT') throw wrongType();
    if (code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new AppError(413, 'proxy.letter_too_large', { field: 'letter', params: { maxMb: MAX_LETTER_MB } });
    }
    throw error;
  }
  const asId = (value: string | undefined) => (value?.trim() ? Number(value) : undefined);
  request.body = {
    principalElectorId: asId(fields.principalElectorId),
    proxyAccountId: asId(fields.proxyAccountId),
    proxyPhone: fields.proxyPhone?.trim() || undefined,
  };
  if (letter) lettersOf.set(request, letter);
}

/** The letter read by `readProxyForm`, refused as missing when none came. */
export function uploadedLetter(request: FastifyRequest): ProxyLetter {
  const letter = lettersOf.get(request);
  if (!letter) throw new AppError(400, 'proxy.letter_required', { field: 'letter' });
  return letter;
}
