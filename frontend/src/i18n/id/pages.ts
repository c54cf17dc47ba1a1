export default {
  backHome: 'Kembali ke Beranda',
  comingSoon: {
    title: 'Fitur ini sedang disiapkan',
    body: 'Bagian ini belum dapat digunakan. Fitur lain di menu tetap dapat dipakai seperti biasa.',
  },
  forbidden: {
    title: 'Anda tidak memiliki akses ke halaman ini',
    body: 'Halaman ini hanya untuk pengguna dengan peran tertentu. Hubungi admin Lontar bila Anda memerlukan akses.',
  },
  notFound: {
    title: 'Halaman yang Anda cari tidak ada',
    body: 'Alamatnya mungkin salah ketik atau halamannya telah dipindahkan.',
  },
};
