import { describe, expect, it } from 'vitest';
import { suggestFromText } from './prefill.ts';

const LETTER = `PEMERINTAH PROVINSI LAMPUNG

DINAS KESEHATAN
Jalan Dr. Susilo Nomor 46 Bandar Lampung 35214

Nomor    :400.7/737/1V.09/2026
Sifat    : Segera
Hal  — : Permohonan Narasumber Seminar Nasional
         Otonomi Daerah

Yth. Sekretaris Daerah Provinsi Lampung
hari, tanggal : Senin, 25 Mei 2026

Bandar Lampung, 21 April 2026`;

describe('registration prefill', () => {
  it('suggests number, date, subject and sender from a letter page as OCR reads it', () => {
    expect(suggestFromText(LETTER)).toEqual({
      letterNumber: '400.7/737/IV.09/2026',
      letterDate: '2026-04-21',
      subject: 'Permohonan Narasumber Seminar Nasional Otonomi Daerah',
      senderName: 'Dinas Kesehatan Provinsi Lampung',
    });
  });

  it('restores the Roman month of a letter number from what OCR makes of it', () => {
    const number = (line: string) =>
      suggestFromText(LETTER.replace('400.7/737/1V.09/2026', line)).letterNumber;
    expect(number('100.2/2378/1IX.06/2026')).toBe('100.2/2378/IX.06/2026');
    expect(number('100.2/2378/1I.06/2026')).toBe('100.2/2378/II.06/2026');
    expect(number('100.2/2378/l11/2026')).toBe('100.2/2378/III/2026');
    // Not a month: left as read.
    expect(number('100.2/2378/1IIX.06/2026')).toBe('100.2/2378/1IIX.06/2026');
  });

  it('leaves out what it cannot find', () => {
    expect(suggestFromText('tulisan tangan tanpa kop')).toEqual({
      senderName: 'Tulisan Tangan Tanpa Kop',
    });
    expect(suggestFromText('')).toEqual({});
  });
});
