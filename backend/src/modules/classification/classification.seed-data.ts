/** Seed of the classification reference. Primary codes, the secondary codes and the deeper
 * examples named in domain.md §5 (Permendagri 83/2022), and a mapping of codes of the
 * previous scheme that older scans carry. The full regulation has many more deeper codes:
 * a deeper code under a known one is accepted (see classification.service.ts), and admins
 * can add codes. Mappings of legacy codes are suggestions for the clerk, not a ruling. */
export interface SeedCode {
  code: string;
  title: string;
}

export const CODES_2022: SeedCode[] = [
  { code: '000', title: 'Umum' },
  { code: '000.1', title: 'Ketatausahaan dan Kerumahtanggaan' },
  { code: '000.1.5', title: 'Rapat pimpinan' },
  { code: '000.2', title: 'Perlengkapan' },
  { code: '000.3', title: 'Pengadaan' },
  { code: '000.4', title: 'Perpustakaan' },
  { code: '000.5', title: 'Kearsipan' },
  { code: '000.5.3.1', title: 'Buku agenda' },
  { code: '000.6', title: 'Persandian' },
  { code: '000.7', title: 'Perencanaan Pembangunan' },
  { code: '000.8', title: 'Organisasi dan Tata Laksana' },
  { code: '000.8.3.3', title: 'Standar operasional prosedur (SOP)' },
  { code: '000.9', title: 'Penelitian, Pengkajian, dan Pengembangan' },
  { code: '100', title: 'Pemerintahan' },
  { code: '100.1', title: 'Otonomi Daerah' },
  { code: '100.2', title: 'Pemerintahan Umum' },
  { code: '100.3', title: 'Hukum' },
  { code: '100.3.3.1', title: 'Keputusan Gubernur' },
  { code: '200', title: 'Politik' },
  { code: '300', title: 'Keamanan dan Ketertiban' },
  { code: '400', title: 'Kesejahteraan Rakyat' },
  { code: '400.3', title: 'Pendidikan' },
  { code: '400.7', title: 'Kesehatan' },
  { code: '400.14', title: 'Hubungan Masyarakat' },
  { code: '500', title: 'Perekonomian' },
  { code: '600', title: 'Pekerjaan Umum dan Ketenagaan' },
  { code: '700', title: 'Pengawasan' },
  { code: '800', title: 'Kepegawaian' },
  { code: '800.1', title: 'Sumber Daya Manusia' },
  { code: '800.1.11.1', title: 'Surat tugas' },
  { code: '900', title: 'Keuangan' },
  { code: '900.1', title: 'Keuangan Daerah' },
];

export const LEGACY_CODES: Array<SeedCode & { mapsTo: string[] }> = [
  { code: '005', title: 'Undangan (skema lama)', mapsTo: ['000.1.5', '000.1'] },
  { code: '090', title: 'Perjalanan dinas (skema lama)', mapsTo: ['800.1.11.1', '000.1'] },
  { code: '821', title: 'Pengangkatan pegawai (skema lama)', mapsTo: ['800.1'] },
  { code: '821.2', title: 'Kepegawaian: pengangkatan (skema lama)', mapsTo: ['800.1'] },
];
