import busboy from 'busboy';
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Context } from 'koa';
import mongoose from 'mongoose';
import { AppError, validationFailed } from '../../http/errors.ts';
import {
  ACCEPTED_DESCRIPTION,
  looksComplete,
  safeFileName,
  sniffType,
  SNIFF_BYTES,
  TAIL_BYTES,
  type SniffedType,
} from './file-type.ts';
import { ContentInspector } from './content-check.ts';
import type { FileStorage } from './file-storage.ts';
import { fileRefusal, measureScan, PageLimitError } from './page-limits.ts';

/** A file that is now in the bucket, not yet recorded in the database. */
export interface ReceivedFile {
  fileId: mongoose.Types.ObjectId;
  key: string;
  name: string;
  size: number;
  mimeType: SniffedType['mimeType'];
  sha256: string;
  /** Measured against the OCR limits when the file came in (upload, import; page-limits.ts).
   * Absent for copies of files already stored (the viewer then counts on first view). */
  pageCount?: number;
}

export interface ReceiveOptions {
  storage: FileStorage;
  maxFileBytes: number;
  maxFiles: number;
  /** Name of the multipart parts that carry files (other file parts are refused). */
  fileField: string;
  /** Storage key of a new file; the extension comes from the sniffed type. */
  keyFor: (fileId: string, ext: string) => string;
}

export interface ReceivedMultipart {
  fields: Map<string, string>;
  files: ReceivedFile[];
}

const MAX_FIELD_BYTES = 64 * 1024;

/**
 * Streams a multipart request into object storage: every file part goes busboy → sniff the
 * first bytes → (sha256 + size counter + tail) → putObject, so no file is ever held whole
 * in memory. Any failure removes every object this request stored and throws; the caller
 * owns the objects only after this resolves (and must remove them if it fails later).
 */
export async function receiveMultipart(
  ctx: Context,
  options: ReceiveOptions,
): Promise<ReceivedMultipart> {
  if (!ctx.is('multipart/form-data')) {
    throw new AppError(
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      'Permintaan harus dikirim sebagai multipart/form-data.',
    );
  }
  const declared = Number(ctx.get('content-length') || 0);
  if (declared > options.maxFiles * options.maxFileBytes + 1024 * 1024)
    throw tooLarge(options.maxFileBytes);

  const fields = new Map<string, string>();
  const files: ReceivedFile[] = [];
  const storedKeys: string[] = [];
  const tasks: Array<Promise<void>> = [];
  let firstError: unknown;
  let fileCount = 0;

  const parser = busboy({
    headers: ctx.req.headers,
    limits: {
      fileSize: options.maxFileBytes + 1,
      files: options.maxFiles + 1,
      fields: 32,
      fieldSize: MAX_FIELD_BYTES,
    },
    defParamCharset: 'utf8',
  });
  const fail = (error: unknown) => {
    firstError ??= error;
  };

  parser.on('field', (name, value, info) => {
    if (info.valueTruncated) fail(validationFailed(`Isian "${name}" terlalu panjang.`));
    else fields.set(name, value);
  });
  parser.on('file', (name, stream, info) => {
    fileCount++;
    if (firstError !== undefined || name !== options.fileField || fileCount > options.maxFiles) {
      if (firstError === undefined) {
        fail(
          name !== options.fileField
            ? validationFailed(
                `Bagian "${name}" tidak dikenal; berkas dikirim sebagai "${options.fileField}".`,
              )
            : validationFailed(`Paling banyak ${options.maxFiles} berkas sekali unggah.`),
        );
      }
      stream.resume();
      return;
    }
    const index = fileCount - 1;
    tasks.push(
      storeOne(stream, info.filename, options, storedKeys).then(
        (file) => void (files[index] = file),
        (error) => fail(error),
      ),
    );
  });

  await new Promise<void>((resolve) => {
    parser.on('close', resolve);
    parser.on('error', (error) => {
      fail(
        validationFailed('Data unggahan tidak lengkap atau rusak.', {
          reason: (error as Error).message,
        }),
      );
      resolve();
    });
    ctx.req.on('aborted', () => {
      fail(validationFailed('Unggahan terputus sebelum selesai.'));
      resolve();
    });
    ctx.req.pipe(parser);
  });
  await Promise.allSettled(tasks);

  if (firstError !== undefined) {
    ctx.req.unpipe(parser);
    ctx.req.resume();
    await removeKeys(options.storage, storedKeys);
    throw firstError;
  }
  // In the order of the parts, i.e. the order the clerk chose.
  return { fields, files: files.filter((file): file is ReceivedFile => file !== undefined) };
}

async function storeOne(
  stream: Readable & { truncated?: boolean },
  rawName: string | undefined,
  options: ReceiveOptions,
  storedKeys: string[],
): Promise<ReceivedFile> {
  const iterator = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  try {
    return await storeFromIterator(iterator, stream, rawName, options, storedKeys);
  } catch (error) {
    // Read the rest of this part so busboy can finish the request and we can answer.
    void drain(iterator);
    throw error;
  }
}

async function drain(iterator: AsyncIterator<Buffer>): Promise<void> {
  try {
    for (;;) if ((await iterator.next()).done) return;
  } catch {
    // The part is broken or the client left: nothing more to read.
  }
}

async function storeFromIterator(
  iterator: AsyncIterator<Buffer>,
  stream: Readable & { truncated?: boolean },
  rawName: string | undefined,
  options: ReceiveOptions,
  storedKeys: string[],
): Promise<ReceivedFile> {
  let head = Buffer.alloc(0);
  while (head.length < SNIFF_BYTES) {
    const next = await iterator.next();
    if (next.done) break;
    head = Buffer.concat([head, next.value]);
  }
  const displayName = safeFileName(rawName, 'bin');
  if (head.length === 0) throw validationFailed(`Berkas "${displayName}" kosong.`);
  const type = sniffType(head);
  if (!type) {
    throw new AppError(
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      `Berkas "${displayName}" bukan ${ACCEPTED_DESCRIPTION}. Hanya ${ACCEPTED_DESCRIPTION} yang dapat diunggah.`,
    );
  }
  const name = safeFileName(rawName, type.ext);
  const fileId = new mongoose.Types.ObjectId();
  const key = options.keyFor(String(fileId), type.ext);
  storedKeys.push(key);

  const hash = createHash('sha256');
  let size = 0;
  let tail = Buffer.alloc(0);
  let exceeded = false;
  let readError: unknown;
  const inspector = new ContentInspector();
  const take = (chunk: Buffer): Buffer | null => {
    if (size + chunk.length > options.maxFileBytes) {
      exceeded = true;
      return null;
    }
    size += chunk.length;
    hash.update(chunk);
    inspector.feed(chunk);
    tail = Buffer.concat([tail, chunk]).subarray(-TAIL_BYTES);
    return chunk;
  };
  // Problems end the body early and are reported after the upload settles, so the object
  // can be removed by key whatever state the upload reached.
  async function* counted(): AsyncGenerator<Buffer> {
    const first = take(head);
    if (!first) return;
    yield first;
    for (;;) {
      let next: IteratorResult<Buffer>;
      try {
        next = await iterator.next();
      } catch (error) {
        readError = error;
        return;
      }
      if (next.done) return;
      const chunk = take(next.value);
      if (!chunk) return;
      yield chunk;
    }
  }
  await options.storage.putStream(key, counted(), type.mimeType);

  if (exceeded || stream.truncated) throw tooLarge(options.maxFileBytes, name);
  if (readError) throw validationFailed(`Berkas "${name}" tidak terkirim utuh.`);
  if (!looksComplete(type, tail)) {
    throw validationFailed(
      `Berkas "${name}" tidak utuh (terpotong atau rusak). Pindai atau unggah ulang berkas tersebut.`,
    );
  }
  const refusal = inspector.verdict(type, tail, name);
  if (refusal) throw refusal;
  const { pageCount } = await measureStored(options.storage, key, type.mimeType, name);
  return {
    fileId,
    key,
    name,
    size,
    mimeType: type.mimeType,
    sha256: hash.digest('hex'),
    pageCount,
  };
}

/**
 * Page count and page sizes of a file now in storage, against the OCR limits: a file the
 * OCR would refuse as a decompression bomb (a huge PDF page box, TIFF or JPEG) is refused
 * here with 422, so it never reaches the viewer or the worker. Reads the object back once
 * it is complete (mupdf needs the whole PDF; a TIFF's directories may sit at its end), so
 * memory holds one file for a moment, not for the length of a slow upload. The caller
 * removes the object when this throws.
 */
export async function measureStored(
  storage: FileStorage,
  key: string,
  mimeType: string,
  name: string,
): Promise<{ pageCount: number }> {
  try {
    return await measureScan(await storage.getBuffer(key), mimeType);
  } catch (error) {
    if (!(error instanceof PageLimitError)) throw error;
    throw new AppError(422, 'VALIDATION_FAILED', fileRefusal(name, error));
  }
}

export async function removeKeys(storage: FileStorage, keys: string[]): Promise<void> {
  // Best effort: whatever cannot be removed now is found by the orphan sweeper later.
  await Promise.allSettled(keys.map((key) => storage.removeAll(key)));
}

function tooLarge(maxBytes: number, name?: string): AppError {
  const limit = formatBytes(maxBytes);
  return new AppError(
    413,
    'PAYLOAD_TOO_LARGE',
    name
      ? `Berkas "${name}" melebihi batas ukuran ${limit}.`
      : `Unggahan melebihi batas ukuran ${limit} per berkas.`,
    { maxBytes },
  );
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024)
    return `${(bytes / (1024 * 1024)).toLocaleString('id-ID', { maximumFractionDigits: 1 })} MB`;
  if (bytes >= 1024)
    return `${(bytes / 1024).toLocaleString('id-ID', { maximumFractionDigits: 1 })} KB`;
  return `${bytes} bita`;
}
