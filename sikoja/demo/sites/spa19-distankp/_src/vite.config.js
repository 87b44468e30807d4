import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'

export default defineConfig({
  plugins: [vue()],
  // the site folder is the web root; _src and _api beside it are not served
  build: { outDir: '..', emptyOutDir: false, assetsDir: 'assets' },
})
