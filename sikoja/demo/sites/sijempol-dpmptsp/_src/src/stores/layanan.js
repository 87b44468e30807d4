import { defineStore } from 'pinia'
import { KategoriService, LayananService } from '../api'

export const useLayananStore = defineStore('layanan', {
  state: () => ({
    kategori: [],
    daftar: [],
    meta: null,
    detail: {},
    loading: false,
    error: null,
  }),
  getters: {
    adaHalamanBerikut: (s) => !!s.meta && s.meta.current_page < s.meta.last_page,
  },
  actions: {
    async muatKategori() {
      if (this.kategori.length) return
      const { data } = await KategoriService.all()
      this.kategori = data.data
    },
    async muatDaftar(page = 1) {
      this.loading = true
      try {
        const { data } = await LayananService.paginate(page)
        this.daftar = page === 1 ? data.data : this.daftar.concat(data.data)
        this.meta = data.meta
      } finally {
        this.loading = false
      }
    },
    async muatDetail(slug) {
      if (this.detail[slug]) return this.detail[slug]
      this.error = null
      try {
        const { data } = await LayananService.find(slug)
        this.detail[slug] = data.data
        return data.data
      } catch (e) {
        this.error = e.response && e.response.status === 404 ? 'Layanan tidak ditemukan.' : 'Gagal memuat data layanan.'
        return null
      }
    },
  },
})
