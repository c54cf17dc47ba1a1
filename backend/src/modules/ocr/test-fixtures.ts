import { PDFDocument, StandardFonts } from 'pdf-lib';
import sharp from 'sharp';

/** Test fixtures made on the fly (the suite ships no scans): text rendered through SVG. */

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A white page with the lines in black, 150 dpi-ish, as PNG. */
export async function renderTextPng(
  lines: string[],
  options: { width?: number; fontSize?: number } = {},
): Promise<Buffer> {
  const width = options.width ?? 1400;
  const fontSize = options.fontSize ?? 40;
  const lineHeight = Math.round(fontSize * 1.6);
  const height = lineHeight * (lines.length + 2);
  const text = lines
    .map(
      (line, i) =>
        `<text x="60" y="${lineHeight * (i + 1.5)}" font-family="DejaVu Sans" font-size="${fontSize}" fill="#000">${escapeXml(line)}</text>`,
    )
    .join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="#fff"/>${text}</svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

export async function toJpeg(png: Buffer): Promise<Buffer> {
  return sharp(png).jpeg({ quality: 90 }).toBuffer();
}

/** A multi-page bilevel Group 4 TIFF, as office scanners write them. */
export async function toG4Tiff(pages: Buffer[]): Promise<Buffer> {
  const { width, height } = await sharp(pages[0]!).metadata();
  const same = await Promise.all(
    pages.map((page) =>
      sharp(page)
        .resize(width, height, { fit: 'contain', background: '#fff' })
        .extractChannel(0)
        .threshold(128)
        .toColourspace('b-w')
        .png()
        .toBuffer(),
    ),
  );
  return sharp(same, { join: { animated: true } })
    .extractChannel(0)
    .toColourspace('b-w')
    .tiff({ compression: 'ccittfax4', bitdepth: 1 })
    .toBuffer();
}

/** A born-digital PDF: real text layer, no pictures. */
export async function textPdf(lines: string[]): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([595, 842]);
  lines.forEach((line, i) => page.drawText(line, { x: 60, y: 760 - i * 24, size: 14, font }));
  return Buffer.from(await doc.save());
}

/** A scanned PDF: each page one picture, no text layer. */
export async function imagePdf(pngs: Buffer[]): Promise<Buffer> {
  const doc = await PDFDocument.create();
  for (const png of pngs) {
    const image = await doc.embedPng(png);
    const widthPt = (image.width / 150) * 72;
    const heightPt = (image.height / 150) * 72;
    doc
      .addPage([widthPt, heightPt])
      .drawImage(image, { x: 0, y: 0, width: widthPt, height: heightPt });
  }
  return Buffer.from(await doc.save());
}
