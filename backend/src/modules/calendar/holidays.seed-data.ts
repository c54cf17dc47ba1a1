import type { HolidayKind } from './holiday.model.ts';

export interface SeedHoliday {
  date: string;
  name: string;
  kind: HolidayKind;
  estimated?: boolean;
}

/** 2026: SKB Menteri Agama, Menteri Ketenagakerjaan dan Menteri PANRB Nomor 1497, 2 dan 5
 * Tahun 2025 (17 hari libur nasional, 8 hari cuti bersama). Weekend holidays are listed
 * too: they cost nothing and keep the list identical to the decree. */
export const HOLIDAYS_2026: SeedHoliday[] = [
  { date: '2026-01-01', name: 'Tahun Baru 2026 Masehi', kind: 'libur_nasional' },
  { date: '2026-01-16', name: 'Isra Mikraj Nabi Muhammad SAW', kind: 'libur_nasional' },
  { date: '2026-02-16', name: 'Cuti Bersama Tahun Baru Imlek 2577 Kongzili', kind: 'cuti_bersama' },
  { date: '2026-02-17', name: 'Tahun Baru Imlek 2577 Kongzili', kind: 'libur_nasional' },
  { date: '2026-03-18', name: 'Cuti Bersama Hari Suci Nyepi', kind: 'cuti_bersama' },
  { date: '2026-03-19', name: 'Hari Suci Nyepi (Tahun Baru Saka 1948)', kind: 'libur_nasional' },
  { date: '2026-03-20', name: 'Cuti Bersama Idulfitri 1447 Hijriah', kind: 'cuti_bersama' },
  { date: '2026-03-21', name: 'Idulfitri 1447 Hijriah', kind: 'libur_nasional' },
  { date: '2026-03-22', name: 'Idulfitri 1447 Hijriah', kind: 'libur_nasional' },
  { date: '2026-03-23', name: 'Cuti Bersama Idulfitri 1447 Hijriah', kind: 'cuti_bersama' },
  { date: '2026-03-24', name: 'Cuti Bersama Idulfitri 1447 Hijriah', kind: 'cuti_bersama' },
  { date: '2026-04-03', name: 'Wafat Yesus Kristus', kind: 'libur_nasional' },
  { date: '2026-04-05', name: 'Kebangkitan Yesus Kristus (Paskah)', kind: 'libur_nasional' },
  { date: '2026-05-01', name: 'Hari Buruh Internasional', kind: 'libur_nasional' },
  { date: '2026-05-14', name: 'Kenaikan Yesus Kristus', kind: 'libur_nasional' },
  { date: '2026-05-15', name: 'Cuti Bersama Kenaikan Yesus Kristus', kind: 'cuti_bersama' },
  { date: '2026-05-27', name: 'Iduladha 1447 Hijriah', kind: 'libur_nasional' },
  { date: '2026-05-28', name: 'Cuti Bersama Iduladha 1447 Hijriah', kind: 'cuti_bersama' },
  { date: '2026-05-31', name: 'Hari Raya Waisak 2570 BE', kind: 'libur_nasional' },
  { date: '2026-06-01', name: 'Hari Lahir Pancasila', kind: 'libur_nasional' },
  { date: '2026-06-16', name: '1 Muharam Tahun Baru Islam 1448 Hijriah', kind: 'libur_nasional' },
  {
    date: '2026-08-17',
    name: 'Hari Proklamasi Kemerdekaan Republik Indonesia',
    kind: 'libur_nasional',
  },
  { date: '2026-08-25', name: 'Maulid Nabi Muhammad SAW', kind: 'libur_nasional' },
  { date: '2026-12-24', name: 'Cuti Bersama Kelahiran Yesus Kristus', kind: 'cuti_bersama' },
  { date: '2026-12-25', name: 'Kelahiran Yesus Kristus', kind: 'libur_nasional' },
];

/** 2027: the fixed dates are certain; the lunar and lunisolar ones (and every cuti bersama)
 * are estimates until the SKB for 2027 is published, and are marked so in the admin screen
 * for correction. */
export const HOLIDAYS_2027: SeedHoliday[] = [
  { date: '2027-01-01', name: 'Tahun Baru 2027 Masehi', kind: 'libur_nasional' },
  {
    date: '2027-01-05',
    name: 'Isra Mikraj Nabi Muhammad SAW',
    kind: 'libur_nasional',
    estimated: true,
  },
  {
    date: '2027-02-06',
    name: 'Tahun Baru Imlek 2578 Kongzili',
    kind: 'libur_nasional',
    estimated: true,
  },
  {
    date: '2027-03-08',
    name: 'Hari Suci Nyepi (Tahun Baru Saka 1949)',
    kind: 'libur_nasional',
    estimated: true,
  },
  {
    date: '2027-03-09',
    name: 'Cuti Bersama Idulfitri 1448 Hijriah',
    kind: 'cuti_bersama',
    estimated: true,
  },
  { date: '2027-03-10', name: 'Idulfitri 1448 Hijriah', kind: 'libur_nasional', estimated: true },
  { date: '2027-03-11', name: 'Idulfitri 1448 Hijriah', kind: 'libur_nasional', estimated: true },
  {
    date: '2027-03-12',
    name: 'Cuti Bersama Idulfitri 1448 Hijriah',
    kind: 'cuti_bersama',
    estimated: true,
  },
  { date: '2027-03-26', name: 'Wafat Yesus Kristus', kind: 'libur_nasional' },
  { date: '2027-03-28', name: 'Kebangkitan Yesus Kristus (Paskah)', kind: 'libur_nasional' },
  { date: '2027-05-01', name: 'Hari Buruh Internasional', kind: 'libur_nasional' },
  { date: '2027-05-06', name: 'Kenaikan Yesus Kristus', kind: 'libur_nasional' },
  {
    date: '2027-05-07',
    name: 'Cuti Bersama Kenaikan Yesus Kristus',
    kind: 'cuti_bersama',
    estimated: true,
  },
  { date: '2027-05-16', name: 'Iduladha 1448 Hijriah', kind: 'libur_nasional', estimated: true },
  { date: '2027-05-20', name: 'Hari Raya Waisak 2571 BE', kind: 'libur_nasional', estimated: true },
  { date: '2027-06-01', name: 'Hari Lahir Pancasila', kind: 'libur_nasional' },
  {
    date: '2027-06-06',
    name: '1 Muharam Tahun Baru Islam 1449 Hijriah',
    kind: 'libur_nasional',
    estimated: true,
  },
  { date: '2027-08-15', name: 'Maulid Nabi Muhammad SAW', kind: 'libur_nasional', estimated: true },
  {
    date: '2027-08-17',
    name: 'Hari Proklamasi Kemerdekaan Republik Indonesia',
    kind: 'libur_nasional',
  },
  {
    date: '2027-12-24',
    name: 'Cuti Bersama Kelahiran Yesus Kristus',
    kind: 'cuti_bersama',
    estimated: true,
  },
  { date: '2027-12-25', name: 'Kelahiran Yesus Kristus', kind: 'libur_nasional' },
];

/** One entry per seeded year; the marker makes each year's seed run once, so an admin's
 * later edits or deletions are never undone by a restart. */
export const HOLIDAY_SEEDS: Array<{ marker: string; holidays: SeedHoliday[] }> = [
  { marker: 'calendar-holidays-2026-v1', holidays: HOLIDAYS_2026 },
  { marker: 'calendar-holidays-2027-v1', holidays: HOLIDAYS_2027 },
];
