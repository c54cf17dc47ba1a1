export default {
  headline: 'Persuratan dan kearsipan dalam satu tempat',
  lead: 'Lontar mencatat setiap surat yang masuk dan keluar Sekretariat Daerah, mengalirkan disposisi, dan menjaga arsip tetap mudah ditemukan.',
  point1: 'Pencatatan surat masuk dan buku agenda',
  point2: 'Disposisi berjenjang dengan batas waktu dan laporan tindak lanjut',
  point3: 'Arsip terpindai yang dapat dicari, lengkap dengan jadwal retensi',
  title: 'Masuk ke Lontar',
  subtitle: 'Gunakan akun yang diberikan oleh admin Lontar.',
  username: 'Nama pengguna',
  password: 'Kata sandi',
  lockCountdown: 'Tombol Masuk aktif kembali dalam {wait}.',
  submit: 'Masuk',
  help: 'Lupa kata sandi? Hubungi admin Lontar di Bagian Tata Usaha Biro Umum.',
};
