const rupiah = new Intl.NumberFormat('id-ID', { style: 'currency', currency: 'IDR', maximumFractionDigits: 0 })

export function formatBiaya(l) {
  if (l.biaya === null || l.biaya === undefined) return l.keterangan_biaya || 'Hubungi petugas'
  const pokok = Number(l.biaya) === 0 ? 'Gratis' : `${rupiah.format(Number(l.biaya))} ${l.satuan_biaya || ''}`.trim()
  return l.keterangan_biaya ? `${pokok} (${l.keterangan_biaya})` : pokok
}

export function formatWaktu(w) {
  if (!w) return '-'
  const pokok = w.nilai === null || w.nilai === undefined ? '' : `${w.nilai} ${w.satuan}`
  if (pokok && w.keterangan) return `${pokok} (${w.keterangan})`
  return pokok || w.keterangan || '-'
}

export function formatTanggal(iso) {
  return new Date(iso).toLocaleDateString('id-ID', { day: 'numeric', month: 'long', year: 'numeric' })
}
