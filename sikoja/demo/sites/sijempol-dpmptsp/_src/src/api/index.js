import http from './http'

export const KategoriService = {
  all: () => http.get('/kategori-layanan'),
  find: (slug) => http.get(`/kategori-layanan/${slug}`),
}

export const LayananService = {
  paginate: (page = 1) => http.get('/layanan', { params: { page } }),
  find: (slug) => http.get(`/layanan/${slug}`),
}

export const BeritaService = {
  paginate: (page = 1) => http.get('/berita', { params: { page } }),
  find: (slug) => http.get(`/berita/${slug}`),
}

export const InfoService = {
  faq: () => http.get('/faq'),
  pengaturan: () => http.get('/pengaturan'),
}
