import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import mongoose from 'mongoose';
import {
  ACCEPTED_DESCRIPTION,
  looksComplete,
  safeFileName,
  sniffType,
  SNIFF_BYTES,
  TAIL_BYTES,
  type SniffedType,
} from '../files/file-type.ts';
import type { FileStorage } from '../files/file-storage.ts';
import { fileObjectKey } from '../files/files.service.ts';
import { fileRefusal, measureScan, PageLimitError } from '../files/page-limits.ts';
import type { ReceivedFile } from '../files/upload.ts';

/** A file of an import row that cannot be taken; the row fails with this message. */
export class RowError extends Error {}

/** The first bytes of a stream (then the stream is let go), to recognise a file's type
 * during the dry run without reading it whole. */
export async function sniffStream(stream: Readable): Promise<SniffedType | null> {
  let head = Buffer.alloc(0);
  try {
    for await (const chunk of stream) {
      head = Buffer.concat([head, chunk as Buffer]);
      if (head.length >= SNIFF_BYTES) break;
    }
  } finally {
    stream.destroy();
  }
  return head.length ? sniffType(head) : null;
}

/**
 * Streams one scan from an import source into object storage the way uploads are stored
 * (files/upload.ts): the type from the bytes, sha256 and size counted on the way, a hard
 * byte limit (whatever the archive declared), the end checked for a complete file. The
 * object lands at `imports/{yyyy}/{letterId}/{fileId}/original.{ext}`; on failure the
 * caller removes it by key.
 */
export async function storeEntry(
  storage: FileStorage,
  stream: Readable,
  options: { name: string; letterId: string; year: number; maxBytes: number; keys: string[] },
): Promise<ReceivedFile> {
  const iterator = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let head = Buffer.alloc(0);
  while (head.length < SNIFF_BYTES) {
    const next = await iterator.next();
    if (next.done) break;
    head = Buffer.concat([head, next.value]);
  }
  const display = safeFileName(options.name, 'bin');
  if (head.length === 0) {
    stream.destroy();
    throw new RowError(`Berkas "${display}" kosong.`);
  }
  const type = sniffType(head);
  if (!type) {
    stream.destroy();
    throw new RowError(`Berkas "${display}" bukan ${ACCEPTED_DESCRIPTION}.`);
  }
  const fileId = new mongoose.Types.ObjectId();
  const key = fileObjectKey('imports', options.year, options.letterId, String(fileId), type.ext);
  options.keys.push(key);
  const hash = createHash('sha256');
  let size = 0;
  let tail = Buffer.alloc(0);
  let exceeded = false;
  const take = (chunk: Buffer) => {
    size += chunk.length;
    hash.update(chunk);
    tail = Buffer.concat([tail, chunk]).subarray(-TAIL_BYTES);
  };
  async function* counted(): AsyncGenerator<Buffer> {
    take(head);
    yield head;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      if (size + next.value.length > options.maxBytes) {
        exceeded = true;
        stream.destroy();
        return;
      }
      take(next.value);
      yield next.value;
    }
  }
  try {
    await storage.putStream(key, counted(), type.mimeType);
  } catch (error) {
    throw new RowError(
      `Berkas "${display}" tidak dapat dibaca dari sumber impor: ${(error as Error).message}`,
    );
  }
  if (exceeded) throw new RowError(`Berkas "${display}" melebihi batas ukuran per berkas.`);
  if (!looksComplete(type, tail))
    throw new RowError(`Berkas "${display}" tidak utuh (terpotong atau rusak).`);
  // The OCR limits, as at upload (files/upload.ts measureStored): no bomb is imported.
  let pageCount: number;
  try {
    ({ pageCount } = await measureScan(await storage.getBuffer(key), type.mimeType));
  } catch (error) {
    if (error instanceof PageLimitError) throw new RowError(fileRefusal(display, error));
    throw error;
  }
  return {
    fileId,
    key,
    name: safeFileName(options.name, type.ext),
    size,
    mimeType: type.mimeType,
    sha256: hash.digest('hex'),
    pageCount,
  };
}
