// env.js is written by the deployment (docker entrypoint), not by the build, so one image
// serves staging and production.
const runtime = window.__APP_CONFIG__ || {}

export const API_BASE_URL = (runtime.API_BASE_URL || '/api').replace(/\/$/, '')
export const APP_NAME = runtime.APP_NAME || 'SIJEMPOL'
