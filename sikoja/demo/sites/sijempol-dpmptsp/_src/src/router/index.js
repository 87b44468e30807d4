import { createRouter, createWebHistory } from 'vue-router'
import Beranda from '../views/Beranda.vue'

const router = createRouter({
  history: createWebHistory(),
  scrollBehavior: () => ({ top: 0 }),
  routes: [
    { path: '/', name: 'beranda', component: Beranda, meta: { title: 'Beranda' } },
    { path: '/layanan', name: 'layanan', component: () => import('../views/LayananIndex.vue'), meta: { title: 'Daftar Layanan' } },
    { path: '/layanan/:kategori', name: 'kategori', component: () => import('../views/KategoriLayanan.vue'), props: true },
    { path: '/layanan/:kategori/:slug', name: 'layanan.detail', component: () => import('../views/LayananDetail.vue'), props: true },
    { path: '/berita', name: 'berita', component: () => import('../views/BeritaIndex.vue'), meta: { title: 'Berita' } },
    { path: '/berita/:slug', name: 'berita.detail', component: () => import('../views/BeritaDetail.vue'), props: true },
    { path: '/faq', name: 'faq', component: () => import('../views/Faq.vue'), meta: { title: 'Tanya Jawab' } },
    { path: '/:pathMatch(.*)*', name: 'notfound', component: () => import('../views/NotFound.vue') },
  ],
})

router.afterEach((to) => {
  if (to.meta.title) document.title = `${to.meta.title} | SIJEMPOL DPMPTSP Kota Jambi`
})

export default router
