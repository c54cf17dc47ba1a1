import { crc32, createDeflateRaw, deflateRawSync } from 'node:zlib';
import { quoteCsv } from '../../lib/csv.ts';

/** Test fixtures: zips written byte by byte, so tests can make the archives a careful
 * writer never would (names that climb out, sizes that lie, bombs). */
export interface ZipEntryInput {
  name: string;
  data?: Buffer;
  /** Already deflated data with the sizes to declare (bombs). */
  raw?: { compressed: Buffer; declaredSize: number; crc: number };
}

export function buildZip(entries: ZipEntryInput[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const data = entry.data ?? Buffer.alloc(0);
    const compressed = entry.raw?.compressed ?? deflateRawSync(data);
    const size = entry.raw?.declaredSize ?? data.length;
    const crc = entry.raw?.crc ?? crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, compressed);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc >>> 0, 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += 30 + name.length + compressed.length;
  }
  const centralSize = centrals.reduce((sum, b) => sum + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
}

/** `bytes` zeros deflated without ever holding them: a few hundred KB for 200 MB. */
export async function deflatedZeros(
  bytes: number,
  prefix: Buffer = Buffer.alloc(0),
): Promise<{ compressed: Buffer; crc: number }> {
  const deflate = createDeflateRaw({ level: 9 });
  const chunks: Buffer[] = [];
  deflate.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise((resolve) => deflate.on('end', resolve));
  const block = Buffer.alloc(1024 * 1024);
  let crc = crc32(prefix);
  deflate.write(prefix);
  for (let written = 0; written < bytes; written += block.length) {
    const part = written + block.length > bytes ? block.subarray(0, bytes - written) : block;
    crc = crc32(part, crc);
    if (!deflate.write(part)) await new Promise((resolve) => deflate.once('drain', resolve));
  }
  deflate.end();
  await done;
  return { compressed: Buffer.concat(chunks), crc };
}

export function csv(rows: string[][]): Buffer {
  return Buffer.from(rows.map((r) => r.map(quoteCsv).join(',')).join('\n') + '\n', 'utf8');
}

export const HEADER = [
  'arah',
  'nomor_surat',
  'tanggal_surat',
  'pengirim',
  'tujuan',
  'perihal',
  'kode_klasifikasi',
  'klasifikasi_keamanan',
  'nomor_agenda',
  'unit',
  'berkas',
];
