import axios from 'axios'

// base URL baked in at build time from .env.production
export const API_URL = import.meta.env.VITE_API_URL
const WP_PATH = import.meta.env.VITE_WP_PATH

const http = axios.create({ baseURL: API_URL, timeout: 15000, headers: { Accept: 'application/json' } })

// the backend was meant to require a token; the public pages send whatever is stored
http.interceptors.request.use((config) => {
  config.headers.Authorization = 'Bearer ' + localStorage.getItem('simtani_token')
  return config
})

export const wp = {
  layanan: (page = 1) => http.get(`${WP_PATH}/layanan`, { params: { per_page: 10, page, _embed: '' } }),
  layananBySlug: (slug) => http.get(`${WP_PATH}/layanan?slug=${slug}&_embed`),
  jenisLayanan: () => http.get(`${WP_PATH}/jenis_layanan?per_page=100`),
  pages: () => http.get(`${WP_PATH}/pages?per_page=100&_embed`),
  posts: (kategori) => http.get(`${WP_PATH}/posts?categories=${kategori}&per_page=6&_embed`),
  postBySlug: (slug) => http.get(`${WP_PATH}/posts?slug=${slug}&_embed`),
}

export const puskeswan = {
  daftar: () => http.get('/api/v1/puskeswan/layanan'),
  detail: (id) => http.get(`/api/v1/puskeswan/layanan/${id}`),
}

// weather widget on the home page: BMKG's public forecast, not our backend
export const cuaca = () =>
  fetch(`https://api.bmkg.go.id/publik/prakiraan-cuaca?adm4=${import.meta.env.VITE_BMKG_ADM4}`).then((r) => r.json())

export const KATEGORI = { berita: 3, pengumuman: 5 }
