import Vue from 'vue'
import Vuex from 'vuex'
import axios from 'axios'

Vue.use(Vuex)

export default new Vuex.Store({
  state: { layanan: [], halaman: null, pengumuman: [] },
  mutations: {
    SET_LAYANAN(state, { data, page }) {
      state.layanan = page.current_page === 1 ? data : state.layanan.concat(data)
      state.halaman = page
    },
    SET_PENGUMUMAN(state, data) { state.pengumuman = data },
  },
  actions: {
    async ambilLayanan({ commit }, page = 1) {
      const res = await axios.get('/layanan', { params: { page } })
      const { data, ...halaman } = res.data
      commit('SET_LAYANAN', { data, page: halaman })
    },
    async ambilPengumuman({ commit }) {
      const res = await axios.get('/pengumuman')
      commit('SET_PENGUMUMAN', res.data.data)
    },
  },
})
