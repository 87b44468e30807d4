// konfigurasi aplikasi
var CONFIG = {
    APP_NAME: 'SILAYAN DINSOS',
    API_URL: 'api/',
    VERSION: '1.4.2'
};
