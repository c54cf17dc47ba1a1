import { createReadStream } from 'node:fs';
import { lstat, opendir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import yauzl from 'yauzl';
import type { FileStorage } from '../files/file-storage.ts';
import { entryKey, importRoot, safeRelativePath, type ImportLimits } from './limits.ts';

/** One file inside an import source. */
export interface SourceEntry {
  name: string;
  size: number;
}

/** A zip or a server folder, read the same way: list the files, open one as a stream. */
export interface ImportSource {
  entries: Map<string, SourceEntry>;
  open(entry: SourceEntry): Promise<Readable>;
  close(): void;
}

export class SourceError extends Error {}

const BLOCK = 1024 * 1024;

/**
 * yauzl reads the central directory with many small reads (two per entry). Over S3 each
 * would be a request, so small reads are served from 1 MiB blocks fetched once (a few
 * blocks cached); large reads (file contents) stream straight from a range request.
 */
class ObjectRangeReader extends yauzl.RandomAccessReader {
  private readonly blocks = new Map<number, Promise<Buffer>>();
  private readonly storage: FileStorage;
  private readonly key: string;
  private readonly size: number;

  constructor(storage: FileStorage, key: string, size: number) {
    super();
    this.storage = storage;
    this.key = key;
    this.size = size;
  }

  private block(index: number): Promise<Buffer> {
    let block = this.blocks.get(index);
    if (!block) {
      const start = index * BLOCK;
      const length = Math.min(BLOCK, this.size - start);
      block = this.storage.getRange(this.key, start, length).then(async (stream) => {
        const chunks: Buffer[] = [];
        for await (const chunk of stream) chunks.push(chunk as Buffer);
        return Buffer.concat(chunks);
      });
      block.catch(() => this.blocks.delete(index));
      this.blocks.set(index, block);
      if (this.blocks.size > 8) this.blocks.delete(this.blocks.keys().next().value!);
    }
    return block;
  }

  override read(
    buffer: Buffer,
    offset: number,
    length: number,
    position: number,
    callback: (err: Error | null, bytesRead?: number) => void,
  ): void {
    if (length > BLOCK) {
      super.read(buffer, offset, length, position, callback);
      return;
    }
    const first = Math.floor(position / BLOCK);
    const last = Math.floor((position + length - 1) / BLOCK);
    Promise.all(Array.from({ length: last - first + 1 }, (_, i) => this.block(first + i))).then(
      (blocks) => {
        const joined = blocks.length === 1 ? blocks[0]! : Buffer.concat(blocks);
        const from = position - first * BLOCK;
        const copied = joined.copy(buffer, offset, from, from + length);
        callback(null, copied);
      },
      (error: Error) => callback(error),
    );
  }

  override _readStreamForRange(start: number, end: number): Readable {
    const out = new PassThrough();
    this.storage.getRange(this.key, start, end - start).then(
      (stream) => {
        stream.on('error', (error) => out.destroy(error));
        stream.pipe(out);
      },
      (error: Error) => out.destroy(error),
    );
    return out;
  }
}

function openZip(reader: ObjectRangeReader, size: number): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.fromRandomAccessReader(
      reader,
      size,
      { lazyEntries: true, autoClose: false, validateEntrySizes: true },
      (error, zip) => (error || !zip ? reject(error) : resolve(zip)),
    );
  });
}

function describeZipError(error: Error): string {
  const message = error.message ?? '';
  if (/invalid relative path|absolute path|invalid characters in fileName/.test(message)) {
    return `Zip berisi nama berkas yang tidak aman (${message.replace(/^.*?: /, '')}); zip ditolak.`;
  }
  if (/encrypt/i.test(message)) return 'Zip terenkripsi tidak didukung.';
  return `Zip tidak dapat dibaca: ${message}`;
}

/**
 * Opens an uploaded zip in object storage and lists its files, refusing a dangerous zip
 * as a whole: unsafe names (path traversal), too many entries, an entry larger than a scan
 * may be, a compression ratio that only a zip bomb has, or a total that would not fit.
 * The declared sizes are checked again while reading (yauzl counts the real bytes).
 */
export async function openZipSource(
  storage: FileStorage,
  key: string,
  size: number,
  limits: ImportLimits,
): Promise<ImportSource> {
  const reader = new ObjectRangeReader(storage, key, size);
  let zip: yauzl.ZipFile;
  try {
    zip = await openZip(reader, size);
  } catch (error) {
    throw new SourceError(describeZipError(error as Error));
  }
  if (zip.entryCount > limits.maxEntries) {
    zip.close();
    throw new SourceError(
      `Zip berisi ${zip.entryCount} berkas; paling banyak ${limits.maxEntries}.`,
    );
  }
  const entries = new Map<string, SourceEntry & { zipEntry: yauzl.Entry }>();
  let total = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('error', reject);
      zip.on('end', resolve);
      zip.on('entry', (entry: yauzl.Entry) => {
        try {
          if (!entry.fileName.endsWith('/')) {
            const name = safeRelativePath(entry.fileName);
            if (!name)
              throw new SourceError(
                `Zip berisi nama berkas yang tidak aman (${entry.fileName}); zip ditolak.`,
              );
            if (
              entry.uncompressedSize > 1024 * 1024 &&
              entry.uncompressedSize > entry.compressedSize * limits.maxRatio
            ) {
              throw new SourceError(
                `Berkas "${name}" di dalam zip memiliki rasio kompresi yang tidak wajar (dugaan zip bomb); zip ditolak.`,
              );
            }
            total += entry.uncompressedSize;
            if (total > limits.maxTotalBytes)
              throw new SourceError(
                'Isi zip setelah diekstrak melebihi batas ukuran impor; zip ditolak.',
              );
            const key = entryKey(name);
            if (entries.has(key)) throw new SourceError(`Zip berisi dua berkas bernama "${name}".`);
            entries.set(key, { name, size: entry.uncompressedSize, zipEntry: entry });
          }
          zip.readEntry();
        } catch (error) {
          reject(error);
        }
      });
      zip.readEntry();
    });
  } catch (error) {
    zip.close();
    throw error instanceof SourceError ? error : new SourceError(describeZipError(error as Error));
  }
  return {
    entries,
    open: (entry) =>
      new Promise((resolve, reject) => {
        const zipEntry = (entry as SourceEntry & { zipEntry: yauzl.Entry }).zipEntry;
        zip.openReadStream(zipEntry, (error, stream) =>
          error || !stream ? reject(error) : resolve(stream),
        );
      }),
    close: () => zip.close(),
  };
}

/** The folders an operator copied under the import root (one level), for the screen. */
export async function listImportFolders(): Promise<string[]> {
  const root = importRoot();
  if (!root) return [];
  try {
    const dir = await opendir(root);
    const names: string[] = [];
    for await (const item of dir)
      if (item.isDirectory() && !item.name.startsWith('.')) names.push(item.name);
    return names.sort();
  } catch {
    return [];
  }
}

/**
 * A folder under the import root. The folder name and every file in it must stay inside
 * the root: the name may not climb out, and symbolic links are skipped (they could point
 * anywhere on the server).
 */
export async function openFolderSource(
  folder: string,
  limits: ImportLimits,
): Promise<ImportSource> {
  const root = importRoot();
  if (!root) throw new SourceError('Folder impor di server belum diatur (IMPORT_DIR).');
  const safe = safeRelativePath(folder);
  if (!safe) throw new SourceError(`Nama folder "${folder}" tidak aman.`);
  const base = path.resolve(root, safe);
  let real: string;
  let realRoot: string;
  try {
    [real, realRoot] = await Promise.all([realpath(base), realpath(root)]);
  } catch {
    throw new SourceError(`Folder "${safe}" tidak ditemukan di folder impor server.`);
  }
  if (real !== realRoot && !real.startsWith(realRoot + path.sep))
    throw new SourceError(`Folder "${safe}" berada di luar folder impor.`);
  if (!(await stat(real)).isDirectory()) throw new SourceError(`"${safe}" bukan folder.`);
  const entries = new Map<string, SourceEntry>();
  const walk = async (dir: string, prefix: string): Promise<void> => {
    for await (const item of await opendir(dir)) {
      const full = path.join(dir, item.name);
      const info = await lstat(full);
      if (info.isSymbolicLink()) continue;
      const name = prefix ? `${prefix}/${item.name}` : item.name;
      if (info.isDirectory()) await walk(full, name);
      else if (info.isFile()) {
        if (entries.size >= limits.maxEntries)
          throw new SourceError(`Folder berisi lebih dari ${limits.maxEntries} berkas.`);
        entries.set(entryKey(name), { name, size: info.size });
      }
    }
  };
  await walk(real, '');
  return {
    entries,
    open: async (entry) => {
      const full = path.resolve(real, entry.name);
      if (!full.startsWith(real + path.sep))
        throw new SourceError(`Berkas "${entry.name}" berada di luar folder impor.`);
      return createReadStream(full);
    },
    close: () => undefined,
  };
}
