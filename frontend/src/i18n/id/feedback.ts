export default {
  loading: 'Memuat…',
  retry: 'Coba lagi',
  retrying: 'Mencoba lagi…',
  loadFailed: 'Data tidak dapat dimuat.',
  stale: 'Data di layar mungkin sudah usang: pembaruan terakhir gagal.',
  chooseFile: 'Pilih berkas…',
  actionFailed: 'Tindakan belum berhasil.',
};
