export default {
  workingAs: 'Bertugas sebagai',
  noPosition: 'Anda belum memegang jabatan di Lontar.',
  positions: 'Jabatan Anda',
  active: 'Aktif',
  noPositionHelp:
    'Belum ada jabatan yang ditetapkan untuk akun Anda. Surat ditujukan kepada jabatan, jadi hubungi admin Lontar agar jabatan Anda ditetapkan.',
  noPositionAdmin:
    'Admin tidak memerlukan jabatan untuk mengelola Lontar. Jabatan hanya perlu bila Anda juga menerima atau mengirim surat.',
  access: 'Peran dan akses',
  roles: 'Peran',
  noRoles: 'Akun Anda belum memiliki peran. Hubungi admin Lontar.',
  clearance: 'Izin klasifikasi keamanan',
  demoPassword: 'Akun Anda masih memakai kata sandi demo yang diketahui banyak orang.',
  changePassword: 'Ganti kata sandi sekarang',
  shortcuts: 'Akses cepat',
};
