/* Data layanan perizinan DPMPTSP Kota Jambi, diperbarui Juni 2025 */
var dataLayanan = [
  {
    id: 1,
    nama: 'Nomor Induk Berusaha (NIB) lewat OSS',
    slug: 'nib-oss',
    ringkasan: 'NIB adalah identitas pelaku usaha yang terbit dari sistem OSS; petugas DPMPTSP membantu pelaku usaha mikro dan kecil mendaftar.',
    syarat: [
      'NIK/KTP pelaku usaha',
      'NPWP pelaku usaha',
      'Untuk badan usaha: SK pengesahan akta pendirian (AHU) dan NPWP badan',
    ],
    alur: `1. Buat akun di oss.go.id (atau aplikasi OSS)
2. Isi data pelaku usaha & KBLI
3. Terbit NIB (usaha risiko rendah: NIB sebagai izin tunggal)`,
    biaya: 'Gratis',
    waktu: 'Seketika untuk risiko rendah',
    "dasar_hukum": 'UU 6/2023 (Cipta Kerja); PP 5/2021 → PP 28/2025 tentang Perizinan Berusaha Berbasis Risiko',
    tempat: 'Loket DPMPTSP di Mal Pelayanan Publik Kota Jambi',
  },
  {
    id: 2,
    nama: 'Persetujuan Bangunan Gedung (PBG)',
    slug: 'pbg',
    ringkasan: 'Izin sebelum membangun, mengubah atau merawat bangunan gedung, pengganti IMB, diajukan melalui SIMBG.',
    syarat: [
      'Registrasi akun di SIMBG',
      'Data pemohon',
      'Data bangunan gedung',
      'Data/bukti kepemilikan tanah',
      'Dokumen rencana teknis (arsitektur, struktur, MEP)',
    ],
    alur: `1. Daftar & unggah dokumen di simbg.pu.go.id
2. Verifikasi & konsultasi TPA/TPT dinas teknis (PUPR)
3. Perhitungan retribusi & SKRD
4. Bayar retribusi di bank
5. Penerbitan PBG`,
    biaya: 'Retribusi PBG sesuai Perda (Kota Jambi: Perda 2/2024 PDRD)',
    waktu: 'Target Pemkot Jambi 2 jam; standar daerah lain beberapa hari',
    "dasar_hukum": 'PP 16/2021 tentang Peraturan Pelaksanaan UU Bangunan Gedung',
    tempat: 'Loket DPMPTSP di Mal Pelayanan Publik Kota Jambi',
  },
  {
    id: 3,
    nama: 'Sertifikat Laik Fungsi (SLF)',
    slug: 'slf',
    ringkasan: 'Sertifikat bahwa bangunan gedung yang sudah berdiri laik dipakai sesuai fungsinya, diterbitkan setelah pemeriksaan.',
    syarat: [
      'As-built drawing final',
      'Surat pernyataan penyedia jasa kepada pemilik bangunan',
      'Surat pernyataan pemilik kepada Pemda',
    ],
    alur: `1. Unggah melalui SIMBG
2. Penerbitan SLF & SBKBG oleh Kepala Dinas`,
    biaya: 'Retribusi sesuai Perda',
    waktu: 'Paling lambat 3 hari',
    "dasar_hukum": 'PP 16/2021',
    tempat: 'Loket DPMPTSP di Mal Pelayanan Publik Kota Jambi',
  },
  {
    id: 4,
    nama: 'Surat Izin Praktik Dokter',
    slug: 'sip-dokter',
    ringkasan: 'Izin praktik bagi dokter dan dokter gigi di fasilitas kesehatan atau praktik mandiri di Kota Jambi.',
    syarat: [
      'Permohonan',
      'E-KTP',
      'NPWP (praktik mandiri)',
      'Ijazah dilegalisir',
      'STR dari KKI',
      'Surat keterangan sehat dari dokter ber-SIP',
      'Surat pernyataan memiliki tempat praktik/keterangan pimpinan fasyankes',
      'Persetujuan atasan (bila PNS/purna waktu)',
      'Rekomendasi organisasi profesi',
      'Pas foto 4x6 latar merah 3 lembar',
    ],
    alur: `1. Ajukan ke DPMPTSP (rekomendasi Dinkes)
2. Verifikasi
3. Terbit SIP`,
    biaya: 'Gratis',
    waktu: '-',
    "dasar_hukum": 'UU 17/2023 tentang Kesehatan',
    tempat: 'Loket DPMPTSP di Mal Pelayanan Publik Kota Jambi',
  },
  {
    id: 5,
    nama: 'Izin Pemasangan Reklame',
    slug: 'reklame',
    ringkasan: 'Izin bagi pemasang papan nama, baliho, spanduk atau videotron di wilayah Kota Jambi.',
    syarat: [
      'Permohonan bermaterai',
      'Fotokopi e-KTP',
      'Pas foto 3x4 2 lembar',
      'Bukti lunas pajak reklame',
      'Foto rencana lokasi dari 3 arah (10 m)',
      'Surat kesepakatan dengan pemilik bangunan',
      'Gambar produk/pesan',
      'Jaminan konstruksi (billboard/neonbox/videotron)',
    ],
    alur: `1. Ajukan
2. Verifikasi
3. Terbit izin`,
    biaya: 'Bebas biaya izin; pajak reklame tetap (BPPRD)',
    waktu: '3 jam setelah lengkap',
    "dasar_hukum": 'Perda daerah; UU 1/2022 HKPD',
    tempat: 'Loket DPMPTSP di Mal Pelayanan Publik Kota Jambi',
  },
];
