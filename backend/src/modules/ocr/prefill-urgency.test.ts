import { describe, expect, it } from 'vitest';
import { suggestUrgency } from './prefill-urgency.ts';

const TODAY = '2026-12-07';
const page = (sifat: string, body = 'Dengan hormat, bersama ini kami sampaikan laporan.') =>
  `PEMERINTAH PROVINSI LAMPUNG\nDINAS KESEHATAN\n\nNomor : 400.7/737/IV.09/2026\n${sifat}\nHal : Permohonan Data\n\n${body}\n\nBandar Lampung, 1 Desember 2026`;

describe('urgency suggestion', () => {
  it('reads the printed Sifat line, also as OCR misreads its label, with the reason', () => {
    expect(suggestUrgency(page('Sifat    : Sangat Segera'), TODAY)).toEqual({
      value: 'sangat_segera',
      reason: 'tertulis “Sifat: Sangat Segera” di halaman 1',
    });
    expect(suggestUrgency(page('Slfat : Segera'), TODAY)?.value).toBe('segera');
    expect(suggestUrgency(page('Sifat : Penting'), TODAY)).toEqual({
      value: 'segera',
      reason: 'tertulis “Sifat: Penting” di halaman 1',
    });
    expect(suggestUrgency(page('Sifat : Biasa'), TODAY)?.value).toBe('biasa');
  });

  it('finds the words in the body when no Sifat line is printed', () => {
    expect(
      suggestUrgency(page('', 'Mohon data tersebut segera dikirimkan kepada kami.'), TODAY),
    ).toEqual({ value: 'segera', reason: 'kata “segera” di halaman 1' });
    expect(
      suggestUrgency(page('', 'Hal ini sangat segera untuk ditindaklanjuti.'), TODAY)?.value,
    ).toBe('sangat_segera');
    expect(suggestUrgency(page(''), TODAY)).toBeNull();
  });

  it('raises the urgency for a near deadline or event and ignores past and far dates', () => {
    const due = (text: string) => suggestUrgency(page('Sifat : Biasa', text), TODAY);
    expect(due('Data dikirim paling lambat 8 Desember 2026.')).toEqual({
      value: 'sangat_segera',
      reason: 'batas waktu 8 Desember 2026 (besok) di halaman 1',
    });
    expect(due('hari, tanggal : Rabu, 9 Desember 2026')).toEqual({
      value: 'segera',
      reason: 'batas waktu 9 Desember 2026 (2 hari lagi) di halaman 1',
    });
    expect(due('selambat-lambatnya tanggal 07/12/2026')?.value).toBe('sangat_segera');
    // Past (a reference to an earlier letter) and far deadlines leave the printed Biasa.
    expect(due('paling lambat 3 Desember 2026')?.value).toBe('biasa');
    expect(due('paling lambat 30 Desember 2026')?.value).toBe('biasa');
    // A printed Sangat Segera is not lowered by a later deadline.
    expect(
      suggestUrgency(page('Sifat : Sangat Segera', 'paling lambat 10 Desember 2026'), TODAY)?.value,
    ).toBe('sangat_segera');
  });
});
