/** The demo organisation of the embedded default: Setda Provinsi Lampung (domain.md §2).
 * Every person here is fictional; NIPs follow the 18-digit shape (birth date, appointment
 * month, gender, sequence) but belong to no one. */

export interface SeedBagian {
  slug: string;
  code: string;
  name: string;
  /** Staff position titles; the first is held by `staf<slug>-1`, and so on. */
  staff: string[];
}

export interface SeedBiro {
  code: string;
  name: string;
  headKey: string;
  bagian: SeedBagian[];
}

export interface SeedAsisten {
  code: string;
  name: string;
  key: string;
  biro: SeedBiro[];
}

const staff = (analis: string, three = false): string[] =>
  three
    ? [`Analis ${analis}`, 'Pengadministrasi Umum', 'Arsiparis Terampil']
    : [`Analis ${analis}`, 'Pengadministrasi Umum'];

export const SETDA = { code: 'SETDA', name: 'Sekretariat Daerah', key: 'sekda' };

export const ORGANISATION: SeedAsisten[] = [
  {
    code: 'ASS.I',
    name: 'Asisten Pemerintahan dan Kesejahteraan Rakyat',
    key: 'asisten1',
    biro: [
      {
        code: 'B.PEM',
        name: 'Biro Pemerintahan dan Otonomi Daerah',
        headKey: 'karopem',
        bagian: [
          {
            slug: 'pem',
            code: 'B.PEM.1',
            name: 'Bagian Pemerintahan',
            staff: staff('Pemerintahan', true),
          },
          {
            slug: 'otda',
            code: 'B.PEM.2',
            name: 'Bagian Otonomi Daerah',
            staff: staff('Otonomi Daerah'),
          },
          { slug: 'ks', code: 'B.PEM.3', name: 'Bagian Kerja Sama', staff: staff('Kerja Sama') },
        ],
      },
      {
        code: 'B.HUK',
        name: 'Biro Hukum',
        headKey: 'karohukum',
        bagian: [
          {
            slug: 'puuprov',
            code: 'B.HUK.1',
            name: 'Bagian Perundang-undangan Provinsi',
            staff: staff('Hukum', true),
          },
          {
            slug: 'puukab',
            code: 'B.HUK.2',
            name: 'Bagian Perundang-undangan Kabupaten/Kota',
            staff: staff('Hukum'),
          },
          {
            slug: 'bankum',
            code: 'B.HUK.3',
            name: 'Bagian Bantuan Hukum',
            staff: staff('Bantuan Hukum'),
          },
        ],
      },
      {
        code: 'B.KESRA',
        name: 'Biro Kesejahteraan Rakyat',
        headKey: 'karokesra',
        bagian: [
          {
            slug: 'bmental',
            code: 'B.KESRA.1',
            name: 'Bagian Bina Mental Spiritual',
            staff: staff('Kebijakan', true),
          },
          {
            slug: 'kessos',
            code: 'B.KESRA.2',
            name: 'Bagian Kesejahteraan Sosial',
            staff: staff('Kesejahteraan Sosial'),
          },
          {
            slug: 'kesmas',
            code: 'B.KESRA.3',
            name: 'Bagian Kesejahteraan Masyarakat',
            staff: staff('Kesejahteraan Masyarakat'),
          },
        ],
      },
    ],
  },
  {
    code: 'ASS.II',
    name: 'Asisten Perekonomian dan Pembangunan',
    key: 'asisten2',
    biro: [
      {
        code: 'B.PEREK',
        name: 'Biro Perekonomian',
        headKey: 'karoperek',
        bagian: [
          {
            slug: 'kebijek',
            code: 'B.PEREK.1',
            name: 'Bagian Kebijakan Perekonomian',
            staff: staff('Perekonomian', true),
          },
          {
            slug: 'sda',
            code: 'B.PEREK.2',
            name: 'Bagian Sumber Daya Alam',
            staff: staff('Sumber Daya Alam'),
          },
          { slug: 'bumd', code: 'B.PEREK.3', name: 'Bagian BUMD/BLUD', staff: staff('BUMD') },
        ],
      },
      {
        code: 'B.ADPEM',
        name: 'Biro Administrasi Pembangunan',
        headKey: 'karoadpem',
        bagian: [
          {
            slug: 'program',
            code: 'B.ADPEM.1',
            name: 'Bagian Penyusunan Program',
            staff: staff('Perencanaan', true),
          },
          {
            slug: 'dalprog',
            code: 'B.ADPEM.2',
            name: 'Bagian Pengendalian Program',
            staff: staff('Pengendalian Program'),
          },
          {
            slug: 'evlap',
            code: 'B.ADPEM.3',
            name: 'Bagian Evaluasi dan Pelaporan',
            staff: staff('Evaluasi'),
          },
        ],
      },
      {
        code: 'B.PBJ',
        name: 'Biro Pengadaan Barang dan Jasa',
        headKey: 'karopbj',
        bagian: [
          {
            slug: 'pbj',
            code: 'B.PBJ.1',
            name: 'Bagian Pengelolaan Pengadaan Barang dan Jasa',
            staff: staff('Pengadaan', true),
          },
          {
            slug: 'lpse',
            code: 'B.PBJ.2',
            name: 'Bagian Layanan Pengadaan Secara Elektronik',
            staff: staff('Sistem Informasi'),
          },
          {
            slug: 'advpbj',
            code: 'B.PBJ.3',
            name: 'Bagian Pembinaan dan Advokasi Pengadaan',
            staff: staff('Advokasi Pengadaan'),
          },
        ],
      },
    ],
  },
  {
    code: 'ASS.III',
    name: 'Asisten Administrasi Umum',
    key: 'asisten3',
    biro: [
      {
        code: 'B.ORG',
        name: 'Biro Organisasi',
        headKey: 'karoorg',
        bagian: [
          {
            slug: 'anjab',
            code: 'B.ORG.1',
            name: 'Bagian Kelembagaan dan Analisis Jabatan',
            staff: staff('Jabatan', true),
          },
          {
            slug: 'rb',
            code: 'B.ORG.2',
            name: 'Bagian Reformasi Birokrasi',
            staff: staff('Reformasi Birokrasi'),
          },
          {
            slug: 'tatalaksana',
            code: 'B.ORG.3',
            name: 'Bagian Tata Laksana',
            staff: staff('Tata Laksana'),
          },
        ],
      },
      {
        code: 'B.UM',
        name: 'Biro Umum',
        headKey: 'karoumum',
        bagian: [
          // The letter desk and the central archive live here (domain.md §1).
          {
            slug: 'tu',
            code: 'B.UM.1',
            name: 'Bagian Tata Usaha',
            staff: ['Analis Tata Usaha', 'Pengadministrasi Persuratan', 'Arsiparis Ahli Muda'],
          },
          { slug: 'rt', code: 'B.UM.2', name: 'Bagian Rumah Tangga', staff: staff('Rumah Tangga') },
          {
            slug: 'keu',
            code: 'B.UM.3',
            name: 'Bagian Keuangan dan Aset',
            staff: staff('Keuangan'),
          },
        ],
      },
      {
        code: 'B.ADPIM',
        name: 'Biro Administrasi Pimpinan',
        headKey: 'karoadpim',
        bagian: [
          {
            slug: 'renpeg',
            code: 'B.ADPIM.1',
            name: 'Bagian Perencanaan dan Kepegawaian',
            staff: staff('Kepegawaian', true),
          },
          {
            slug: 'protokol',
            code: 'B.ADPIM.2',
            name: 'Bagian Protokol',
            staff: staff('Protokol'),
          },
          {
            slug: 'matkom',
            code: 'B.ADPIM.3',
            name: 'Bagian Materi dan Komunikasi Pimpinan',
            staff: staff('Komunikasi'),
          },
        ],
      },
    ],
  },
];

/** Position keys whose holders get a username other than the key (the demo users). */
export const USERNAME_FOR_POSITION: Record<string, string> = {
  'staftu-1': 'staftu',
  'staftu-2': 'agendaris',
  'staftu-3': 'arsiparis',
};

/** Roles and clearance that differ from what the position kind implies. */
export const DEMO_USER_OVERRIDES: Record<
  string,
  {
    roles: Array<'admin' | 'agendaris' | 'pejabat' | 'arsiparis'>;
    clearance: 'B' | 'T' | 'R' | 'SR';
  }
> = {
  agendaris: { roles: ['agendaris'], clearance: 'T' },
  arsiparis: { roles: ['arsiparis'], clearance: 'R' },
};

export const RANK_BY_KIND: Record<string, Array<[string, string]>> = {
  sekda: [['Pembina Utama Madya', 'IV/d']],
  asisten: [['Pembina Utama Muda', 'IV/c']],
  kepala_biro: [['Pembina Tingkat I', 'IV/b']],
  kepala_bagian: [['Pembina', 'IV/a']],
  staf: [
    ['Penata Tingkat I', 'III/d'],
    ['Penata', 'III/c'],
    ['Penata Muda Tingkat I', 'III/b'],
    ['Pengatur Tingkat I', 'II/d'],
  ],
};

export const CLEARANCE_BY_KIND: Record<string, 'B' | 'T' | 'R' | 'SR'> = {
  sekda: 'SR',
  asisten: 'SR',
  kepala_biro: 'R',
  kepala_bagian: 'R',
  staf: 'T',
};

const MALE = [
  'Ahmad',
  'Bambang',
  'Hendra',
  'Rudi',
  'Agus',
  'Yusuf',
  'Fajar',
  'Irfan',
  'Dedi',
  'Hasan',
  'Rizal',
  'Joko',
  'Taufik',
  'Wahyu',
  'Arif',
  'Budi',
  'Eko',
  'Galih',
  'Iwan',
  'Rahmat',
];
const FEMALE = [
  'Siti',
  'Dewi',
  'Rina',
  'Nurhayati',
  'Fitri',
  'Lestari',
  'Yuliana',
  'Ratna',
  'Wulan',
  'Anisa',
  'Kartika',
  'Maya',
  'Putri',
  'Sri',
  'Indah',
  'Melati',
  'Novita',
  'Ayu',
  'Diah',
  'Ernawati',
];
const FAMILY = [
  'Saputra',
  'Wijaya',
  'Pratama',
  'Hidayat',
  'Kurniawan',
  'Santoso',
  'Permana',
  'Nugroho',
  'Setiawan',
  'Gunawan',
  'Firmansyah',
  'Ramadhan',
  'Syahputra',
  'Hakim',
  'Maulana',
  'Purnomo',
  'Anggraini',
  'Rahmawati',
  'Lubis',
  'Harahap',
  'Siregar',
  'Marpaung',
  'Sembiring',
  'Effendi',
];

/** A deterministic fictional person for the n-th seeded user. */
export function fictionalPerson(n: number, kind: string): { name: string; nip: string } {
  const female = n % 3 === 1;
  const first = (female ? FEMALE : MALE)[(n * 7) % 20] ?? 'Ahmad';
  const family = FAMILY[(n * 11 + 3) % FAMILY.length] ?? 'Saputra';
  const degree =
    kind === 'sekda'
      ? ['Dr. Ir. ', ', M.Si.']
      : kind === 'asisten' || kind === 'kepala_biro'
        ? ['Drs. ', ', M.M.']
        : kind === 'kepala_bagian'
          ? ['', ', S.H., M.H.']
          : ['', n % 2 === 0 ? ', S.E.' : ', S.Kom.'];
  const birthYear = 1966 + (n % 27);
  const month = 1 + (n % 12);
  const day = 1 + ((n * 5) % 28);
  const pad = (value: number, width: number) => String(value).padStart(width, '0');
  const nip =
    `${birthYear}${pad(month, 2)}${pad(day, 2)}` +
    `${birthYear + 24}${pad(1 + ((n * 3) % 12), 2)}` +
    `${female ? 2 : 1}${pad((n % 999) + 1, 3)}`;
  return { name: `${degree[0]}${first} ${family}${degree[1]}`, nip };
}
