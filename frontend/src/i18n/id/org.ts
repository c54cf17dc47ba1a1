export default {
  pickPosition: 'Pilih jabatan',
  searchPosition: 'Cari jabatan atau unit',
  searchUser: 'Ketik nama, nama pengguna, atau NIP',
  pickUnit: 'Pilih unit kerja',
  unitKinds: {
    setda: 'Sekretariat Daerah',
    asisten: 'Asisten',
    biro: 'Biro',
    bagian: 'Bagian',
    lainnya: 'Lainnya',
  },
  positionKinds: {
    sekda: 'Sekretaris Daerah',
    asisten: 'Asisten',
    kepala_biro: 'Kepala Biro',
    kepala_bagian: 'Kepala Bagian',
    staf: 'Staf',
  },
  actingKinds: {
    plt: 'Plt. (Pelaksana Tugas)',
    plh: 'Plh. (Pelaksana Harian)',
  },
};
