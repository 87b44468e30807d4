import axios from 'axios'
import { API_BASE_URL } from '../config'

const http = axios.create({
  baseURL: API_BASE_URL,
  timeout: 20000,
  headers: { Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest' },
})

export default http
