import busboy from 'busboy';
import type { Context } from 'koa';
import { AppError, validationFailed } from '../../http/errors.ts';
import type { FileStorage } from '../files/file-storage.ts';
import { formatBytes } from '../files/upload.ts';

export interface ReceivedImport {
  name: string | null;
  zip: { key: string; size: number };
  manifest: { key: string; size: number } | null;
}

const ZIP_MAGIC = [Buffer.from('PK\x03\x04', 'latin1'), Buffer.from('PK\x05\x06', 'latin1')];
const MAX_MANIFEST = 64 * 1024 * 1024;

/**
 * Streams an import upload into object storage: part `archive` (the zip, recognised by
 * its signature, up to the import limit) and optionally part `manifest` (the CSV, when it
 * is not inside the zip), field `name`. Nothing is held whole in memory (FileStorage
 * uploads in 8 MiB parts); on any failure every stored object is removed.
 */
export async function receiveImportUpload(
  ctx: Context,
  storage: FileStorage,
  folder: string,
  maxZipBytes: number,
): Promise<ReceivedImport> {
  if (!ctx.is('multipart/form-data'))
    throw new AppError(
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      'Permintaan harus dikirim sebagai multipart/form-data.',
    );
  const declared = Number(ctx.get('content-length') || 0);
  if (declared > maxZipBytes + MAX_MANIFEST + 1024 * 1024) throw tooLarge(maxZipBytes);
  const stored: string[] = [];
  const result: Partial<ReceivedImport> = { name: null, manifest: null };
  const tasks: Array<Promise<void>> = [];
  let failure: unknown;
  const fail = (error: unknown) => {
    failure ??= error;
  };
  const parser = busboy({
    headers: ctx.req.headers,
    limits: { files: 2, fields: 4, fieldSize: 1024, fileSize: maxZipBytes + 1 },
    defParamCharset: 'utf8',
  });
  parser.on('field', (name, value) => {
    if (name === 'name') result.name = value.trim().slice(0, 200) || null;
  });
  parser.on('file', (part, stream) => {
    if (
      failure !== undefined ||
      (part !== 'archive' && part !== 'manifest') ||
      (part === 'archive' && result.zip) ||
      (part === 'manifest' && result.manifest)
    ) {
      if (failure === undefined)
        fail(
          validationFailed(
            `Bagian "${part}" tidak dikenal; kirim zip sebagai "archive" dan manifest sebagai "manifest".`,
          ),
        );
      stream.resume();
      return;
    }
    const key = `${folder}/${part === 'archive' ? 'source.zip' : 'manifest.csv'}`;
    stored.push(key);
    const limit = part === 'archive' ? maxZipBytes : MAX_MANIFEST;
    let size = 0;
    let exceeded = false;
    let badMagic = false;
    async function* body(): AsyncGenerator<Buffer> {
      let head = Buffer.alloc(0);
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        if (exceeded || badMagic) continue; // drain
        size += chunk.length;
        if (size > limit) {
          exceeded = true;
          continue;
        }
        if (part === 'archive' && head.length < 4) {
          head = Buffer.concat([head, chunk]);
          if (head.length >= 4 && !ZIP_MAGIC.some((m) => head.subarray(0, 4).equals(m))) {
            badMagic = true;
            continue;
          }
        }
        yield chunk;
      }
    }
    tasks.push(
      storage
        .putStream(key, body(), part === 'archive' ? 'application/zip' : 'text/csv')
        .then(() => {
          if (exceeded)
            throw part === 'archive'
              ? tooLarge(maxZipBytes)
              : validationFailed('Manifest terlalu besar.');
          if (badMagic || (part === 'archive' && size < 4))
            throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Berkas yang diunggah bukan zip.');
          if (part === 'archive') result.zip = { key, size };
          else result.manifest = { key, size };
        })
        .catch(fail),
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
  if (failure === undefined && !result.zip)
    fail(validationFailed('Unggah zip berisi pindaian lama sebagai bagian "archive".'));
  if (failure !== undefined) {
    ctx.req.unpipe(parser);
    ctx.req.resume();
    await Promise.allSettled(stored.map((key) => storage.removeAll(key)));
    throw failure;
  }
  return result as ReceivedImport;
}

function tooLarge(maxBytes: number): AppError {
  return new AppError(
    413,
    'PAYLOAD_TOO_LARGE',
    `Zip melebihi batas ukuran impor ${formatBytes(maxBytes)}.`,
    { maxBytes },
  );
}
