import { randomUUID } from 'node:crypto';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import sharp from 'sharp';
import type supertest from 'supertest';

/** Test fixtures made on the spot (the sample scans are not in the repository). */
export async function scanPng(label: string): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="420" height="594"><rect width="100%" height="100%" fill="#fbfbf7"/><text x="30" y="60" font-size="18" font-family="sans-serif">${label}</text></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

export async function scanJpeg(label: string): Promise<Buffer> {
  return sharp(await scanPng(label))
    .jpeg({ quality: 70 })
    .toBuffer();
}

export async function scanPdf(label: string, pages = 2): Promise<Buffer> {
  const doc = await PDFDocument.create();
  // pdf-lib stamps the time to the second: two scans made within one second would be the
  // same bytes, and registration rightly suspects a duplicate. Each fixture is its own scan.
  doc.setSubject(randomUUID());
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 0; i < pages; i++)
    doc
      .addPage([595, 842])
      .drawText(`${label} halaman ${i + 1}`, { x: 50, y: 780, size: 14, font });
  return Buffer.from(await doc.save());
}

let counter = 0;
export function letterData(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  counter += 1;
  return {
    senderName: 'Dinas Kesehatan Provinsi Lampung',
    letterNumber: `400.7/${1000 + counter}/IV.09/2026`,
    letterDate: '2026-01-05',
    subject: `Undangan rapat koordinasi ${counter}`,
    classificationCode: '400.7',
    securityClass: 'B',
    urgency: 'segera',
    ...overrides,
  };
}

/** POST /api/incoming-letters with a `data` part and file parts. */
export function postLetter(
  agent: supertest.Agent,
  data: Record<string, unknown> | string,
  files: Array<{ body: Buffer; name: string; type?: string }>,
): supertest.Test {
  let request = agent
    .post('/api/incoming-letters')
    .field('data', typeof data === 'string' ? data : JSON.stringify(data));
  for (const file of files)
    request = request.attach('files', file.body, {
      filename: file.name,
      contentType: file.type ?? 'application/octet-stream',
    });
  return request;
}

/** Registers `count` letters through the API, each with a PNG scan and a one-page PDF
 * attachment whose bytes differ per letter (`<label> <i>`); throws on any refusal. */
export async function registerLettersWithScans(
  agent: supertest.Agent,
  label: string,
  count: number,
): Promise<void> {
  for (let i = 0; i < count; i++) {
    const response = await postLetter(agent, letterData(), [
      { body: await scanPng(`${label} ${i}`), name: `scan-${i}.png`, type: 'image/png' },
      {
        body: await scanPdf(`lampiran ${label} ${i}`, 1),
        name: `lampiran-${i}.pdf`,
        type: 'application/pdf',
      },
    ]);
    if (response.status !== 201)
      throw new Error(
        `registration ${i} refused: ${response.status} ${JSON.stringify(response.body)}`,
      );
  }
}
