import { crc32, deflateSync } from 'node:zlib';
import sharp from 'sharp';

/**
 * Tiny scans for the practice dataset: a greyscale PNG showing the first lines of the
 * letter. 100,000 of them must render in seconds, so each character is drawn once (by
 * sharp, from SVG) into a glyph atlas, and a scan is those glyphs copied into a pixel
 * buffer and deflated here. Every scan differs (it shows the letter's number), so their
 * hashes differ as real scans' would.
 */

const CELL_W = 7;
const CELL_H = 14;
const FIRST = 32;
const LAST = 126;
export const SCAN_WIDTH = 380;
const MARGIN = 12;
const COLUMNS = Math.floor((SCAN_WIDTH - 2 * MARGIN) / CELL_W);

export interface ScanRenderer {
  render(lines: string[]): Buffer;
}

export async function createScanRenderer(): Promise<ScanRenderer> {
  const count = LAST - FIRST + 1;
  const escape = (c: string) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : c;
  const glyphs = Array.from({ length: count }, (_, i) => String.fromCharCode(FIRST + i))
    .map(
      (c, i) =>
        `<text x="${i * CELL_W}" y="11" font-family="monospace" font-size="11.5">${escape(c)}</text>`,
    )
    .join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${count * CELL_W}" height="${CELL_H}"><rect width="100%" height="100%" fill="white"/>${glyphs}</svg>`;
  const atlas = await sharp(Buffer.from(svg)).greyscale().raw().toBuffer();
  const atlasWidth = count * CELL_W;

  return {
    render(input) {
      const lines = input.flatMap((line) => wrap(fold(line), COLUMNS)).slice(0, 14);
      const height = 2 * MARGIN + Math.max(lines.length, 4) * CELL_H;
      // One filter byte (0 = none) before every row, as PNG scanlines are.
      const stride = SCAN_WIDTH + 1;
      const pixels = Buffer.alloc(stride * height, 0xff);
      for (let row = 0; row < height; row++) pixels[row * stride] = 0;
      lines.forEach((line, l) => {
        for (let k = 0; k < line.length; k++) {
          const code = line.charCodeAt(k);
          if (code <= FIRST || code > LAST) continue;
          const sx = (code - FIRST) * CELL_W;
          const dx = MARGIN + k * CELL_W;
          const dy = MARGIN + l * CELL_H;
          for (let y = 0; y < CELL_H; y++) {
            const from = y * atlasWidth + sx;
            const to = (dy + y) * stride + 1 + dx;
            for (let x = 0; x < CELL_W; x++) pixels[to + x] = atlas[from + x]!;
          }
        }
      });
      return png(SCAN_WIDTH, height, deflateSync(pixels, { level: 4 }));
    },
  };
}

/** The atlas holds ASCII only: letters with accents lose them, anything else becomes a space. */
function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]/g, ' ');
}

function wrap(line: string, width: number): string[] {
  if (line.length <= width) return [line];
  const out: string[] = [];
  let rest = line;
  while (rest.length > width) {
    const cut = rest.lastIndexOf(' ', width);
    const at = cut > width / 2 ? cut : width;
    out.push(rest.slice(0, at));
    rest = rest.slice(at).trimStart();
  }
  if (rest) out.push(rest);
  return out;
}

function png(width: number, height: number, idat: Buffer): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // greyscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', idat),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(data, crc32(head.subarray(4))) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}
