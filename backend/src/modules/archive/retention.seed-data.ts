import type { FinalDisposition } from './retention.model.ts';

/** The JRA seeded with the classification scheme: every primary code (so every code has a
 * rule to inherit), the samples of domain.md §5 (buku agenda 2 + 3 Musnah, Keputusan
 * Gubernur 2 + 3 Permanen, perjalanan dinas 5 + 3 Musnah) and values in the spirit of the
 * JRA fasilitatif for the secondary codes. Archivists adjust them in the application. */
export interface SeedRule {
  code: string;
  activeYears: number;
  inactiveYears: number;
  finalDisposition: FinalDisposition;
  note?: string;
}

export const RETENTION_SEED: SeedRule[] = [
  { code: '000', activeYears: 2, inactiveYears: 3, finalDisposition: 'musnah' },
  { code: '000.1', activeYears: 2, inactiveYears: 3, finalDisposition: 'musnah' },
  {
    code: '000.1.5',
    activeYears: 2,
    inactiveYears: 5,
    finalDisposition: 'permanen',
    note: 'Notula dan keputusan rapat pimpinan',
  },
  { code: '000.2', activeYears: 2, inactiveYears: 3, finalDisposition: 'musnah' },
  {
    code: '000.3',
    activeYears: 2,
    inactiveYears: 8,
    finalDisposition: 'musnah',
    note: 'Setelah pemeriksaan keuangan selesai',
  },
  { code: '000.4', activeYears: 2, inactiveYears: 3, finalDisposition: 'musnah' },
  { code: '000.5', activeYears: 2, inactiveYears: 8, finalDisposition: 'dinilai_kembali' },
  {
    code: '000.5.3.1',
    activeYears: 2,
    inactiveYears: 3,
    finalDisposition: 'musnah',
    note: 'Buku agenda',
  },
  { code: '000.6', activeYears: 2, inactiveYears: 3, finalDisposition: 'musnah' },
  { code: '000.7', activeYears: 2, inactiveYears: 8, finalDisposition: 'permanen' },
  { code: '000.8', activeYears: 2, inactiveYears: 8, finalDisposition: 'permanen' },
  {
    code: '000.8.3.3',
    activeYears: 2,
    inactiveYears: 5,
    finalDisposition: 'permanen',
    note: 'Setelah SOP diganti',
  },
  { code: '000.9', activeYears: 2, inactiveYears: 5, finalDisposition: 'dinilai_kembali' },
  { code: '100', activeYears: 2, inactiveYears: 3, finalDisposition: 'musnah' },
  { code: '100.1', activeYears: 3, inactiveYears: 7, finalDisposition: 'permanen' },
  { code: '100.2', activeYears: 2, inactiveYears: 3, finalDisposition: 'musnah' },
  { code: '100.3', activeYears: 2, inactiveYears: 5, finalDisposition: 'dinilai_kembali' },
  {
    code: '100.3.3.1',
    activeYears: 2,
    inactiveYears: 3,
    finalDisposition: 'permanen',
    note: 'Keputusan Gubernur',
  },
  { code: '200', activeYears: 2, inactiveYears: 3, finalDisposition: 'dinilai_kembali' },
  { code: '300', activeYears: 2, inactiveYears: 3, finalDisposition: 'musnah' },
  { code: '400', activeYears: 2, inactiveYears: 3, finalDisposition: 'musnah' },
  { code: '400.3', activeYears: 2, inactiveYears: 3, finalDisposition: 'musnah' },
  { code: '400.7', activeYears: 2, inactiveYears: 3, finalDisposition: 'musnah' },
  { code: '400.14', activeYears: 2, inactiveYears: 3, finalDisposition: 'dinilai_kembali' },
  { code: '500', activeYears: 2, inactiveYears: 3, finalDisposition: 'musnah' },
  { code: '600', activeYears: 2, inactiveYears: 3, finalDisposition: 'musnah' },
  {
    code: '700',
    activeYears: 3,
    inactiveYears: 7,
    finalDisposition: 'dinilai_kembali',
    note: 'Setelah tindak lanjut hasil pemeriksaan selesai',
  },
  { code: '800', activeYears: 2, inactiveYears: 3, finalDisposition: 'musnah' },
  { code: '800.1', activeYears: 2, inactiveYears: 3, finalDisposition: 'musnah' },
  {
    code: '800.1.11.1',
    activeYears: 5,
    inactiveYears: 3,
    finalDisposition: 'musnah',
    note: 'Surat tugas dan perjalanan dinas',
  },
  {
    code: '900',
    activeYears: 5,
    inactiveYears: 5,
    finalDisposition: 'musnah',
    note: 'Setelah pemeriksaan BPK',
  },
  { code: '900.1', activeYears: 5, inactiveYears: 5, finalDisposition: 'musnah' },
  // Codes of the previous scheme found on older scans.
  {
    code: '005',
    activeYears: 1,
    inactiveYears: 1,
    finalDisposition: 'musnah',
    note: 'Undangan (skema lama)',
  },
  {
    code: '090',
    activeYears: 5,
    inactiveYears: 3,
    finalDisposition: 'musnah',
    note: 'Perjalanan dinas (skema lama)',
  },
];

export const DISPOSITION_LABELS: Record<FinalDisposition, string> = {
  musnah: 'Musnah',
  permanen: 'Permanen',
  dinilai_kembali: 'Dinilai Kembali',
};
