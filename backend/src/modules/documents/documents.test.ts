import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { renderAgendaStamp } from './agenda-stamp.ts';
import { formatAngka, formatJam, formatTanggal } from './format-id.ts';
import { renderIncomingReceipt } from './incoming-receipt.ts';
import { renderTablePdf } from './table-pdf.ts';

const stampInput = {
  agendaNumber: 1234,
  agendaYear: 2026,
  registerName: 'Buku Agenda Surat Masuk Setda',
  registeredAt: new Date('2026-11-28T02:00:00Z'),
  receivedDate: '2026-11-28',
  classificationCode: '000.1.5',
};

async function scanImage(format: 'jpeg' | 'png' | 'tiff'): Promise<Buffer> {
  const base = sharp({ create: { width: 620, height: 877, channels: 3, background: '#f4f4f0' } });
  return base[format]().toBuffer();
}

describe('Indonesian formats', () => {
  it('writes dates, Jakarta times and thousands the way the secretariat does', () => {
    expect(formatTanggal('2026-11-28')).toBe('28 November 2026');
    expect(formatTanggal(new Date('2026-11-27T20:30:00Z'))).toBe('28 November 2026');
    expect(formatJam(new Date('2026-11-28T02:00:00Z'))).toBe('09.00 WIB');
    expect(formatAngka(1234567)).toBe('1.234.567');
  });
});

describe('cap agenda', () => {
  for (const format of ['jpeg', 'png', 'tiff'] as const) {
    it(`turns a ${format} scan into a one-page PDF and leaves the original bytes alone`, async () => {
      const original = await scanImage(format);
      const copy = Buffer.from(original);
      const mime = format === 'jpeg' ? 'image/jpeg' : format === 'png' ? 'image/png' : 'image/tiff';
      const pdf = await PDFDocument.load(await renderAgendaStamp(original, mime, stampInput));
      expect(pdf.getPageCount()).toBe(1);
      expect(original.equals(copy)).toBe(true);
    });
  }

  it('reads a JPEG that sits inside a larger shared buffer', async () => {
    const jpeg = await scanImage('jpeg');
    const slab = Buffer.concat([Buffer.alloc(100, 7), jpeg]);
    const view = slab.subarray(100);
    const pdf = await PDFDocument.load(await renderAgendaStamp(view, 'image/jpeg', stampInput));
    expect(pdf.getPageCount()).toBe(1);
  });

  it('keeps only the first page of a multi-page PDF', async () => {
    const source = await PDFDocument.create();
    source.addPage([595, 842]);
    source.addPage([595, 842]);
    source.addPage([595, 842]);
    const pdf = await PDFDocument.load(
      await renderAgendaStamp(Buffer.from(await source.save()), 'application/pdf', stampInput),
    );
    expect(pdf.getPageCount()).toBe(1);
    expect(pdf.getPage(0).getWidth()).toBeCloseTo(595);
  });
});

describe('receipt and register', () => {
  it('renders a receipt even when user text holds characters outside WinAnsi', async () => {
    const pdf = await renderIncomingReceipt({
      ...stampInput,
      senderName: 'Dinas “Kesehatan” — 東京',
      letterNumber: 'B-99/IJ/KP.07.6/04/2020',
      letterDate: '2026-11-20',
      subject: 'Undangan rapat '.repeat(20),
      urgency: 'segera',
      attachments: '1 berkas',
      fileCount: 2,
      pageCount: 3,
      clerkName: 'Sri Wahyuni',
      reference: 'abc',
    });
    expect((await PDFDocument.load(pdf)).getPageCount()).toBe(1);
  });

  it('spreads a long register over several landscape pages', async () => {
    const rows = Array.from({ length: 120 }, (_, i) => [
      String(i + 1),
      '28 November 2026',
      'Pengirim '.repeat(4),
      'Nomor',
      'Perihal yang panjang '.repeat(3),
    ]);
    const pdf = await PDFDocument.load(
      await renderTablePdf({
        title: 'BUKU AGENDA SURAT MASUK',
        subtitle: 'Tahun 2026',
        columns: [
          { header: 'No. Agenda', weight: 1 },
          { header: 'Tanggal Terima', weight: 2 },
          { header: 'Pengirim', weight: 3 },
          { header: 'Nomor Surat', weight: 2 },
          { header: 'Perihal', weight: 4 },
        ],
        rows,
        generatedAt: new Date(),
        generatedBy: 'Penguji',
      }),
    );
    expect(pdf.getPageCount()).toBeGreaterThan(2);
    const first = pdf.getPage(0);
    expect(first.getWidth()).toBeGreaterThan(first.getHeight());
  });
});
