import * as mupdf from 'mupdf';
import type supertest from 'supertest';

/** Text of every page of a PDF, to assert what a rendered document says. */
export function pdfText(buffer: Buffer): string {
  const doc = mupdf.Document.openDocument(buffer, 'application/pdf');
  let text = '';
  for (let i = 0; i < doc.countPages(); i++)
    text += doc.loadPage(i).toStructuredText('preserve-whitespace').asText();
  return text;
}

export function getBinary(agent: supertest.Agent, url: string): supertest.Test {
  return agent
    .get(url)
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
}

/** With ARCHIVE_PDF_DIR set, tests save the documents they render there, for people to
 * look at (`pdftoppm -png -r 60 <file>.pdf <prefix>`). */
export async function keep(name: string, buffer: Buffer): Promise<void> {
  const dir = process.env.ARCHIVE_PDF_DIR;
  if (!dir) return;
  const { mkdirSync, writeFileSync } = await import('node:fs');
  mkdirSync(dir, { recursive: true });
  writeFileSync(`${dir}/${name}`, buffer);
}
