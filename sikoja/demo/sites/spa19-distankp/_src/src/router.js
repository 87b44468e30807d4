import { createRouter, createWebHashHistory } from 'vue-router'
import Beranda from './views/Beranda.vue'

const routes = [
  { path: '/', name: 'beranda', component: Beranda },
  { path: '/layanan', name: 'layanan', component: () => import('./views/LayananIndex.vue') },
  { path: '/layanan/:slug', name: 'layanan-detail', component: () => import('./views/LayananDetail.vue') },
  { path: '/puskeswan', name: 'puskeswan', component: () => import('./views/PuskeswanIndex.vue') },
  { path: '/puskeswan/:id', name: 'puskeswan-detail', component: () => import('./views/PuskeswanDetail.vue') },
  { path: '/berita', name: 'berita', component: () => import('./views/BeritaIndex.vue'), props: { kategori: 'berita' } },
  { path: '/pengumuman', name: 'pengumuman', component: () => import('./views/BeritaIndex.vue'), props: { kategori: 'pengumuman' } },
  { path: '/berita/:slug', name: 'berita-detail', component: () => import('./views/BeritaDetail.vue') },
  { path: '/halaman/:slug', name: 'halaman', component: () => import('./views/Halaman.vue') },
  { path: '/:pathMatch(.*)*', name: 'tidak-ditemukan', component: () => import('./views/NotFound.vue') },
]

export default createRouter({ history: createWebHashHistory(), routes, scrollBehavior: () => ({ top: 0 }) })
