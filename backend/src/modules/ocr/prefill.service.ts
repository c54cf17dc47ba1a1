import busboy from 'busboy';
import type { Context } from 'koa';
import { AppError, validationFailed } from '../../http/errors.ts';
import { openDocument } from './document.ts';
import { DEFAULT_LIMITS, OcrInputError } from './limits.ts';
import { now } from '../../lib/clock.ts';
import { jakartaDateString } from '../documents/format-id.ts';
import { suggestFromText, type PrefillSuggestions } from './prefill.ts';
import { suggestInvitation, type InvitationSuggestion } from '../agenda/invitation.ts';
import { fieldConfidence, type PrefillField } from './prefill-confidence.ts';
import { suggestUrgency, type UrgencySuggestion } from './prefill-urgency.ts';
import { TesseractPool, type OcrResult } from './tesseract-pool.ts';

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
  /** 0–100 per suggested field: how sure OCR was of the words it came from. */
  fieldConfidence: Partial<Record<PrefillField, number>>;
  urgency: UrgencySuggestion | null;
  /** The event of an undangan (hari/tanggal, pukul, tempat, acara), and whether the text
   * reads like one (the form then suggests the kind Surat Undangan). */
  invitation: InvitationSuggestion;
  /** Milliseconds spent recognising the page (0 for a text layer). */
  ocrMs: number;
  text: string;
  confidence: number;
  source: 'ocr' | 'text-layer';
  /** The recognised page with its word boxes (OCR only), for the worker to reuse; not part
   * of the answer. */
  page?: OcrResult & { width: number; height: number };
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
      const today = jakartaDateString(now());
      if (first.kind === 'text') {
        const suggestions = suggestFromText(first.text);
        return {
          suggestions,
          fieldConfidence: Object.fromEntries(Object.keys(suggestions).map((f) => [f, 100])),
          urgency: suggestUrgency(first.text, today),
          invitation: suggestInvitation(first.text),
          ocrMs: 0,
          text: first.text,
          confidence: 100,
          source: 'text-layer',
        };
      }
      const pool = await sharedPool();
      const started = performance.now();
      const result = await pool.recognize(first.ocrImage);
      const suggestions = suggestFromText(result.text);
      return {
        suggestions,
        fieldConfidence: fieldConfidence(suggestions, result.words),
        urgency: suggestUrgency(result.text, today),
        invitation: suggestInvitation(result.text),
        ocrMs: Math.round(performance.now() - started),
        text: result.text,
        confidence: result.confidence,
        source: 'ocr',
        page: { ...result, width: first.width, height: first.height },
      };
    } finally {
      document.close();
    }
  } catch (error) {
    if (error instanceof OcrInputError) throw new AppError(422, 'VALIDATION_FAILED', error.message);
    throw error;
  }
}

/** Starts the shared worker ahead of the first scan (the registration form asks for it when
 * it opens), so the clerk's first suggestions do not wait for tesseract to load. */
export async function warmPrefill(): Promise<void> {
  await sharedPool();
}
