/**
 * Generated Indonesian correspondence for the search benchmark: letters of realistic OCR
 * length (one to three pages of 120–220 words) built from the vocabulary of a provincial
 * secretariat, with names and places that make a letter findable, and a little OCR noise.
 * Deterministic for a seed, so runs compare.
 */
import { MONTHS_ID } from '../documents/format-id.ts';

export function rng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TOPICS = [
  'pengelolaan keuangan daerah',
  'penyusunan rencana kerja pemerintah daerah',
  'pembinaan kearsipan',
  'pengadaan barang dan jasa',
  'kenaikan pangkat pegawai',
  'mutasi aparatur sipil negara',
  'evaluasi kinerja perangkat daerah',
  'penanggulangan bencana',
  'pelayanan kesehatan masyarakat',
  'peningkatan mutu pendidikan',
  'pembangunan jalan provinsi',
  'ketahanan pangan daerah',
  'pengawasan dana desa',
  'reformasi birokrasi',
  'penyusunan peraturan daerah',
  'bantuan hukum masyarakat miskin',
  'pengembangan usaha mikro',
  'pengelolaan aset daerah',
  'penerimaan pajak kendaraan bermotor',
  'pelestarian lingkungan hidup',
  'penanganan stunting',
  'penyaluran bantuan sosial',
  'pengembangan pariwisata daerah',
  'penataan ruang wilayah',
  'sertifikasi tanah pemerintah',
  'pengendalian inflasi daerah',
  'kerja sama antar daerah',
  'perjalanan dinas pegawai',
  'pelatihan kepemimpinan administrator',
  'pemeliharaan gedung kantor',
  'pengamanan hari besar keagamaan',
  'tata naskah dinas',
  'penyelenggaraan pemilihan kepala desa',
  'pengembangan sistem informasi',
  'keterbukaan informasi publik',
  'pemberdayaan perempuan',
  'perlindungan anak',
  'pengembangan koperasi',
  'pengelolaan sampah',
  'penyediaan air bersih',
];
const KINDS = [
  'Undangan Rapat Koordinasi',
  'Permohonan Narasumber',
  'Laporan Pelaksanaan',
  'Usulan Kegiatan',
  'Pemberitahuan Jadwal',
  'Permohonan Data',
  'Surat Edaran tentang',
  'Penyampaian Hasil Evaluasi',
  'Permohonan Rekomendasi',
  'Nota Dinas tentang',
];
const SENDERS = [
  'Badan Pengelolaan Keuangan dan Aset Daerah',
  'Dinas Kesehatan',
  'Dinas Pendidikan dan Kebudayaan',
  'Badan Kepegawaian Daerah',
  'Inspektorat',
  'Dinas Pekerjaan Umum dan Penataan Ruang',
  'Badan Penanggulangan Bencana Daerah',
  'Dinas Sosial',
  'Biro Hukum',
  'Biro Organisasi',
  'Dinas Pariwisata',
  'Dinas Lingkungan Hidup',
  'Badan Perencanaan Pembangunan Daerah',
  'Dinas Ketahanan Pangan',
  'Kementerian Dalam Negeri',
  'Universitas Lampung',
  'Kantor Wilayah Badan Pertanahan Nasional',
  'Dinas Komunikasi dan Informatika',
];
const REGIONS = [
  'Provinsi Lampung',
  'Kabupaten Lampung Selatan',
  'Kabupaten Lampung Tengah',
  'Kabupaten Lampung Utara',
  'Kabupaten Lampung Barat',
  'Kabupaten Lampung Timur',
  'Kabupaten Tanggamus',
  'Kabupaten Tulang Bawang',
  'Kabupaten Way Kanan',
  'Kabupaten Pesawaran',
  'Kabupaten Pringsewu',
  'Kabupaten Mesuji',
  'Kabupaten Pesisir Barat',
  'Kota Bandar Lampung',
  'Kota Metro',
];
const FIRST = [
  'Ahmad',
  'Budi',
  'Citra',
  'Dewi',
  'Eko',
  'Fajar',
  'Gita',
  'Hendra',
  'Indah',
  'Joko',
  'Kartini',
  'Lukman',
  'Maya',
  'Nurul',
  'Oki',
  'Putri',
  'Rahmat',
  'Sari',
  'Taufik',
  'Umar',
  'Vina',
  'Wahyu',
  'Yusuf',
  'Zainal',
  'Agus',
  'Bambang',
  'Dian',
  'Endang',
  'Ferry',
  'Hadi',
  'Irwan',
  'Lestari',
  'Mulyadi',
  'Novita',
  'Rina',
  'Slamet',
  'Teguh',
  'Wulan',
  'Yanti',
  'Rizky',
];
const LAST = [
  'Saputra',
  'Wijaya',
  'Hidayat',
  'Setiawan',
  'Pratama',
  'Kusuma',
  'Nugroho',
  'Siregar',
  'Harahap',
  'Gunawan',
  'Santoso',
  'Rahman',
  'Susanto',
  'Purnomo',
  'Hasibuan',
  'Firmansyah',
  'Halim',
  'Suryadi',
  'Fauzi',
  'Ramadhan',
  'Syahputra',
  'Irawan',
  'Permana',
  'Utama',
  'Wibowo',
  'Hakim',
  'Maulana',
  'Kurniawan',
  'Lubis',
  'Nasution',
  'Sitompul',
  'Pohan',
  'Simanjuntak',
  'Tanjung',
  'Sembiring',
  'Ginting',
  'Batubara',
  'Daulay',
  'Rangkuti',
  'Pulungan',
];
const VILLAGE_A = [
  'Suka',
  'Way',
  'Tanjung',
  'Bumi',
  'Sido',
  'Karang',
  'Gunung',
  'Margo',
  'Rejo',
  'Tiuh',
  'Banjar',
  'Negeri',
  'Sri',
  'Purwo',
  'Mulyo',
];
const VILLAGE_B = [
  'maju',
  'jaya',
  'rahayu',
  'makmur',
  'mulya',
  'sari',
  'harjo',
  'agung',
  'indah',
  'asri',
  'bakti',
  'karya',
  'rejo',
  'sentosa',
  'raharja',
  'mukti',
  'waras',
  'dadi',
  'luhur',
  'tani',
];
const SENTENCES = [
  'Dalam rangka {topic}, dengan hormat kami mengundang Bapak/Ibu untuk menghadiri rapat koordinasi yang akan dilaksanakan di {village}.',
  'Sehubungan dengan surat Saudara nomor {number} perihal {topic}, bersama ini kami sampaikan bahwa kegiatan tersebut telah ditindaklanjuti oleh {person}.',
  'Kegiatan {topic} di Desa {village} Kecamatan {village2} melibatkan {count} orang peserta dari unsur perangkat daerah dan masyarakat.',
  'Mohon kiranya Bapak berkenan menugaskan {person} sebagai narasumber pada kegiatan {topic} yang diselenggarakan pada tanggal {date}.',
  'Berdasarkan hasil pemeriksaan, anggaran sebesar Rp{amount} untuk {topic} telah direalisasikan sesuai ketentuan peraturan perundang-undangan.',
  'Laporan ini disusun oleh {person} selaku penanggung jawab kegiatan dan telah diverifikasi oleh tim {topic}.',
  'Demikian disampaikan, atas perhatian dan kerja samanya diucapkan terima kasih.',
  'Kami mohon data pendukung terkait {topic} dapat disampaikan paling lambat tanggal {date} melalui surat elektronik.',
  'Pelaksanaan kegiatan bertempat di Balai Desa {village} dan dihadiri oleh camat, kepala desa, serta tokoh masyarakat.',
  'Hasil evaluasi menunjukkan capaian kinerja sebesar {count} persen dari target yang telah ditetapkan dalam dokumen perencanaan.',
  'Untuk kelancaran koordinasi, dapat menghubungi {person} pada nomor telepon {phone}.',
  'Penyedia jasa CV {company} telah menyelesaikan pekerjaan sesuai kontrak nomor {number} dengan nilai Rp{amount}.',
  'Perlu kami informasikan bahwa jadwal kegiatan mengalami perubahan karena menyesuaikan agenda pimpinan.',
  'Segala biaya yang timbul akibat kegiatan ini dibebankan pada anggaran pendapatan dan belanja daerah tahun anggaran {year}.',
  'Menindaklanjuti arahan Sekretaris Daerah, setiap perangkat daerah diminta menyusun laporan {topic} secara berkala.',
];
const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'];
const CODES = [
  '000.1',
  '000.5',
  '100.1',
  '100.2',
  '100.3',
  '400.3',
  '400.7',
  '500.1',
  '600.1',
  '700.1',
  '800.1',
  '900.1',
];

export interface GeneratedLetter {
  letterId: string;
  kind: 'incoming' | 'outgoing';
  letterNumber: string;
  subject: string;
  senderName: string;
  date: string;
  classificationCode: string;
  securityClass: 'B' | 'T' | 'R' | 'SR';
  unitIds: string[];
  positionIds: string[];
  pages: string[];
  /** What a user would remember about it: a person, a village and a topic word. */
  knownItemQuery: string;
}

const pick = <T>(random: () => number, list: readonly T[]): T =>
  list[Math.floor(random() * list.length)]!;

/** OCR noise: a few words get the classic confusions (o→0, l→1, m→rn, i→l). */
function ocrNoise(random: () => number, text: string): string {
  return text.replace(/\p{L}{4,}/gu, (word) => {
    if (random() > 0.01) return word;
    const swaps: Array<[RegExp, string]> = [
      [/o/, '0'],
      [/l/, '1'],
      [/m/, 'rn'],
      [/i/, 'l'],
    ];
    const [from, to] = pick(random, swaps);
    return word.replace(from, to);
  });
}

/** `date` pins the letter's date (the practice dataset places letters in time itself); the
 * random draws are the same either way, so a seed gives the same words with or without it. */
export function generateLetter(
  index: number,
  random: () => number,
  date?: { year: number; month: number; day: number },
): GeneratedLetter {
  const topic = pick(random, TOPICS);
  const kind = pick(random, KINDS);
  const person = `${pick(random, FIRST)} ${pick(random, LAST)}`;
  const village = pick(random, VILLAGE_A) + pick(random, VILLAGE_B);
  const drawn = {
    year: 2015 + Math.floor(random() * 12),
    month: Math.floor(random() * 12),
    day: 1 + Math.floor(random() * 28),
  };
  const { year, month, day } = date ? { ...date, month: date.month - 1 } : drawn;
  const code = pick(random, CODES);
  const letterNumber = `${code}/${1 + Math.floor(random() * 3000)}/${ROMAN[month]}.${String(1 + Math.floor(random() * 12)).padStart(2, '0')}/${year}`;
  const sender = `${pick(random, SENDERS)} ${pick(random, REGIONS)}`;
  const fill = (template: string) =>
    template
      .replace('{topic}', random() < 0.6 ? topic : pick(random, TOPICS))
      .replace(
        '{village}',
        random() < 0.7 ? village : pick(random, VILLAGE_A) + pick(random, VILLAGE_B),
      )
      .replace('{village2}', pick(random, VILLAGE_A) + pick(random, VILLAGE_B))
      .replace('{person}', random() < 0.7 ? person : `${pick(random, FIRST)} ${pick(random, LAST)}`)
      .replace('{number}', `${pick(random, CODES)}/${Math.floor(random() * 3000)}/${year}`)
      .replace('{date}', `${1 + Math.floor(random() * 28)} ${pick(random, MONTHS_ID)} ${year}`)
      .replace('{count}', String(5 + Math.floor(random() * 300)))
      .replace('{amount}', (Math.floor(random() * 900_000) * 1000).toLocaleString('id-ID'))
      .replace('{phone}', `0812${Math.floor(random() * 1e8)}`)
      .replace('{company}', `${pick(random, VILLAGE_B)} ${pick(random, VILLAGE_B)}`.toUpperCase())
      .replace('{year}', String(year));
  const pageCount = 1 + Math.floor(random() * random() * 3);
  const pages: string[] = [];
  for (let p = 0; p < pageCount; p++) {
    const target = 120 + Math.floor(random() * 100);
    const lines =
      p === 0
        ? [
            `PEMERINTAH ${pick(random, REGIONS).toUpperCase()}`,
            sender.toUpperCase(),
            `Nomor : ${letterNumber}`,
            `Hal : ${kind} ${topic}`,
            `Lokasi kegiatan: Desa ${village}`,
          ]
        : [];
    let words = 0;
    while (words < target) {
      const sentence = fill(pick(random, SENTENCES));
      words += sentence.split(' ').length;
      lines.push(sentence);
    }
    if (p === pageCount - 1)
      lines.push(`Bandar Lampung, ${day} ${MONTHS_ID[month]} ${year}`, person);
    pages.push(ocrNoise(random, lines.join('\n')));
  }
  const unit = `unit-${Math.floor(random() * 40)}`;
  const topicWord = pick(
    random,
    topic.split(' ').filter((w) => w.length > 4),
  );
  return {
    letterId: `bench${String(index).padStart(19, '0')}`,
    kind: random() < 0.8 ? 'incoming' : 'outgoing',
    letterNumber,
    subject: `${kind} ${topic}`,
    senderName: sender,
    date: `${year}-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
    classificationCode: code,
    securityClass: random() < 0.85 ? 'B' : random() < 0.7 ? 'T' : 'R',
    unitIds: [unit],
    positionIds: [`pos-${Math.floor(random() * 400)}`],
    pages,
    knownItemQuery: `${person.split(' ')[1]} ${village} ${topicWord}`,
  };
}
