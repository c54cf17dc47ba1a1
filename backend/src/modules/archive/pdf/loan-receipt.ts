import { drawPageFooters, newDocument, pdfText, savePdf } from '../../documents/pdf-kit.ts';
import { formatAngka, formatTanggal, formatTanggalJam } from '../../documents/format-id.ts';
import type { Loan } from '../loans.model.ts';
import { loanNumberLabel } from '../loans.service.ts';
import { Flow, formatNip } from './flow.ts';

/** Bukti peminjaman arsip: who borrowed what until when, signed by the borrower and the
 * archivist, with room for the return. A returned loan prints its return too. */
export async function renderLoanReceipt(
  loan: Loan,
  lenderNip: string | null,
  at: Date,
): Promise<Buffer> {
  const { doc, fonts } = await newDocument(`Bukti Peminjaman Arsip ${loanNumberLabel(loan)}`);
  const flow = new Flow(doc, fonts);
  flow.gap(4);
  flow.centered('BUKTI PEMINJAMAN ARSIP', fonts.serifBold, 13, true);
  flow.centered(`Nomor: ${loanNumberLabel(loan)}`, fonts.serif, 11.5);
  flow.gap(10);
  flow.fields(
    [
      ['Nama peminjam', loan.borrowerName],
      ['NIP', formatNip(loan.borrowerNip) || '-'],
      ['Unit kerja', loan.borrowerUnit || '-'],
      ['Telepon', loan.borrowerPhone || '-'],
      ['Keperluan', loan.purpose],
      ['Tanggal pinjam', formatTanggal(loan.outDate)],
      ['Batas pengembalian', formatTanggal(loan.dueDate)],
    ],
    { labelWidth: 120 },
  );
  flow.gap(8);
  flow.paragraph(`Arsip yang dipinjam (${formatAngka(loan.items.length)} berkas):`, {
    font: fonts.serifBold,
  });
  flow.gap(2);
  flow.table(
    [
      { header: 'No.', weight: 0.5, align: 'center' },
      { header: 'Nomor Berkas', weight: 1.4 },
      { header: 'Kode', weight: 0.9 },
      { header: 'Uraian Informasi Berkas', weight: 3.2 },
      { header: 'Lokasi', weight: 1.6 },
    ],
    loan.items.map((item, index) => [
      formatAngka(index + 1),
      item.label,
      item.classificationCode,
      item.title,
      item.location || '-',
    ]),
  );
  flow.gap(10);
  flow.paragraph(
    'Peminjam bertanggung jawab menjaga keutuhan, keamanan, dan kerahasiaan arsip yang dipinjam, tidak menggandakan tanpa izin, dan mengembalikannya paling lambat pada tanggal batas pengembalian.',
    { justify: true, size: 10.5 },
  );
  flow.gap(12);
  flow.paragraph(`Bandar Lampung, ${formatTanggal(loan.outDate)}`, { indent: 260 });
  flow.signatures([
    { heading: ['Peminjam,'], name: loan.borrowerName, nip: formatNip(loan.borrowerNip) },
    { heading: ['Petugas Arsip,'], name: loan.lentByName, nip: formatNip(lenderNip) },
  ]);
  flow.gap(10);
  flow.paragraph('PENGEMBALIAN', { font: fonts.serifBold });
  if (loan.status === 'returned') {
    flow.fields(
      [
        ['Tanggal kembali', formatTanggal(loan.returnedOn)],
        ['Diterima oleh', loan.returnedByName ?? '-'],
        ['Catatan', loan.returnNote || '-'],
      ],
      { labelWidth: 120 },
    );
  } else {
    flow.fields(
      [
        ['Tanggal kembali', '..............................'],
        ['Diterima oleh', '..............................'],
        ['Keadaan arsip', '..............................'],
      ],
      { labelWidth: 120 },
    );
  }
  drawPageFooters(
    doc,
    fonts,
    pdfText(
      `Bukti peminjaman ${loanNumberLabel(loan)} - dicetak dari Lontar ${formatTanggalJam(at)}`,
    ),
  );
  return savePdf(doc);
}
