import busboy from 'busboy';
import type { Context } from 'koa';
import { AppError, validationFailed } from '../../http/errors.ts';
import { openDocument } from './document.ts';
import { DEFAULT_LIMITS, OcrInputError } from './limits.ts';
import { suggestFromText, type PrefillSuggestions } from './prefill.ts';
import { TesseractPool } from './tesseract-pool.ts';

/** One small tesseract worker per API process, made on first use and kept: prefill is an
 * interactive request, so it reads the first page only, synchronously. */
let shared: Promise<TesseractPool> | null = null;
function sharedPool(): Promise<TesseractPool> {
  shared ??= TesseractPool.create(1).catch((error: unknown) => {
    shared = null;
    throw error;
  });
  return shared;
}

export async function stopPrefillPool(): Promise<void> {
  const pool = await shared?.catch(() => null);
  shared = null;
  await pool?.terminate();
}

export interface PrefillResult {
  suggestions: PrefillSuggestions;
  text: string;
  confidence: number;
  source: 'ocr' | 'text-layer';
}

/** Reads one uploaded file from a multipart request into memory (it is small: a scan). */
export async function receiveOneFile(ctx: Context, maxBytes: number): Promise<Buffer> {
  if (!ctx.is('multipart/form-data')) {
    throw new AppError(
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      'Permintaan harus dikirim sebagai multipart/form-data.',
    );
  }
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let found = false;
    let tooLarge = false;
    const parser = busboy({
      headers: ctx.req.headers,
      limits: { files: 1, fileSize: maxBytes, fields: 5 },
    });
    parser.on('file', (_name, stream) => {
      found = true;
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () => {
        tooLarge = true;
      });
    });
    parser.on('error', () => reject(validationFailed('Isi unggahan tidak dapat dibaca.')));
    parser.on('close', () => {
      if (tooLarge)
        reject(
          new AppError(413, 'PAYLOAD_TOO_LARGE', 'Berkas terlalu besar untuk pratinjau isian.'),
        );
      else if (!found)
        reject(validationFailed('Sertakan satu berkas pindaian (PDF, JPEG, PNG, atau TIFF).'));
      else resolve(Buffer.concat(chunks));
    });
    ctx.req.pipe(parser);
  });
}

export async function prefillFromScan(bytes: Buffer): Promise<PrefillResult> {
  try {
    const document = await openDocument(bytes, DEFAULT_LIMITS);
    try {
      const first = await document.page(0);
      if (first.kind === 'text')
        return {
          suggestions: suggestFromText(first.text),
          text: first.text,
          confidence: 100,
          source: 'text-layer',
        };
      const result = await (await sharedPool()).recognize(first.ocrImage);
      return {
        suggestions: suggestFromText(result.text),
        text: result.text,
        confidence: result.confidence,
        source: 'ocr',
      };
    } finally {
      document.close();
    }
  } catch (error) {
    if (error instanceof OcrInputError) throw new AppError(422, 'VALIDATION_FAILED', error.message);
    throw error;
  }
}
