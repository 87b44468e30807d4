window.__APP_CONFIG__ = {
  APP_NAME: "SIJEMPOL",
  APP_ENV: "production",
  API_BASE_URL: "http://127.0.0.1:8798/api",
  SENTRY_DSN: ""
};
