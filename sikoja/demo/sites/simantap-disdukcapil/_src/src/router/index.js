import Vue from 'vue'
import VueRouter from 'vue-router'
import Home from '../views/Home.vue'

Vue.use(VueRouter)

export default new VueRouter({
  mode: 'history',
  base: '/',
  routes: [
    { path: '/', name: 'home', component: Home },
    { path: '/layanan/:id/:slug', name: 'detail-layanan', component: () => import('../views/DetailLayanan.vue'), props: true },
    { path: '/pengumuman', name: 'pengumuman', component: () => import('../views/Pengumuman.vue') },
    { path: '/pengumuman/:slug', name: 'detail-pengumuman', component: () => import('../views/DetailPengumuman.vue'), props: true },
    { path: '*', component: () => import('../views/NotFound.vue') },
  ],
})
