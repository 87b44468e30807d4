import Vue from 'vue'
import axios from 'axios'
import App from './App.vue'
import router from './router'
import store from './store'

axios.defaults.baseURL = import.meta.env.VITE_API_BASE
axios.defaults.headers.common.Accept = 'application/json'
Vue.prototype.$http = axios
Vue.config.productionTip = false

Vue.filter('tanggal', (v) => new Date(v).toLocaleDateString('id-ID', { day: 'numeric', month: 'long', year: 'numeric' }))

new Vue({ router, store, render: (h) => h(App) }).$mount('#app')
