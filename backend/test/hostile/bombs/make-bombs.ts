/**
 * Writes the decompression-bomb fixtures of the hostile-upload tests: small files whose
 * declared page or image size is huge, so whatever decodes or renders them allocates
 * gigabytes. Deterministic; rerun with `node test/hostile/bombs/make-bombs.ts` (from
 * backend/) and commit the output if you change them.
 *
 * - page-box.pdf: one page of 8.5 × 13,889 in (612 × 1,000,000 pt): 4.7 billion pixels at
 *   the OCR's 200 dpi, 1.6 billion at the viewer's 1,000 px width. Nothing is drawn on it.
 * - huge.tif: 100,000 × 100,000 white pixels (10 billion), bilevel CCITT Group 4. A genuine,
 *   decodable image: every row is one "same as the row above" code, 1 bit per row.
 * - huge.jpg: a JPEG whose frame header declares 65,000 × 65,000 pixels (4.2 billion) ahead
 *   of a few bytes of scan data; libjpeg decodes the missing rest as grey, so a decoder
 *   still allocates the full frame.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';

const here = import.meta.dirname;

async function pageBoxPdf(): Promise<Buffer> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.addPage([612, 1_000_000]);
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

function hugeTiff(): Buffer {
  const width = 100_000;
  const height = 100_000;
  // Group 4: a row equal to the one above is the single code V0 ("1"); 8 rows a byte.
  const strip = Buffer.concat([
    Buffer.alloc(height / 8, 0xff),
    Buffer.from([0x00, 0x10, 0x01, 0x00, 0x10, 0x01]), // EOFB (two EOLs), padded
  ]);
  // Little-endian TIFF: header, one IFD, then the strip.
  const entries: Array<[tag: number, type: number, value: number]> = [
    [256, 4, width], // ImageWidth (LONG)
    [257, 4, height], // ImageLength
    [258, 3, 1], // BitsPerSample
    [259, 3, 4], // Compression: CCITT T.6 (Group 4)
    [262, 3, 0], // PhotometricInterpretation: WhiteIsZero
    [273, 4, 0], // StripOffsets (patched below)
    [277, 3, 1], // SamplesPerPixel
    [278, 4, height], // RowsPerStrip
    [279, 4, strip.length], // StripByteCounts
  ];
  const ifdOffset = 8;
  const ifdSize = 2 + entries.length * 12 + 4;
  const stripOffset = ifdOffset + ifdSize;
  const header = Buffer.alloc(stripOffset);
  header.write('II*\0', 0, 'latin1');
  header.writeUInt32LE(ifdOffset, 4);
  header.writeUInt16LE(entries.length, ifdOffset);
  entries.forEach(([tag, type, value], i) => {
    const at = ifdOffset + 2 + i * 12;
    header.writeUInt16LE(tag, at);
    header.writeUInt16LE(type, at + 2);
    header.writeUInt32LE(1, at + 4);
    const stored = tag === 273 ? stripOffset : value;
    if (type === 3) header.writeUInt16LE(stored, at + 8);
    else header.writeUInt32LE(stored, at + 8);
  });
  header.writeUInt32LE(0, ifdOffset + 2 + entries.length * 12); // no next IFD
  return Buffer.concat([header, strip]);
}

async function hugeJpeg(): Promise<Buffer> {
  const small = await sharp({
    create: { width: 16, height: 16, channels: 3, background: { r: 128, g: 128, b: 128 } },
  })
    .greyscale()
    .jpeg({ quality: 50 })
    .toBuffer();
  // Find the baseline frame header (SOF0) and rewrite its height and width.
  for (let at = 2; at < small.length;) {
    if (small[at] !== 0xff) throw new Error('not a marker');
    const marker = small[at + 1]!;
    const length = small.readUInt16BE(at + 2);
    if (marker === 0xc0 || marker === 0xc2) {
      small.writeUInt16BE(65_000, at + 5); // height
      small.writeUInt16BE(65_000, at + 7); // width
      return small;
    }
    at += 2 + length;
  }
  throw new Error('no frame header');
}

const files: Record<string, Buffer> = {
  'page-box.pdf': await pageBoxPdf(),
  'huge.tif': hugeTiff(),
  'huge.jpg': await hugeJpeg(),
};
for (const [name, bytes] of Object.entries(files)) {
  writeFileSync(path.join(here, name), bytes);
  console.log(`${name}: ${bytes.length} bytes`);
}
