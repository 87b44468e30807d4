/* Starts Swagger UI for /docs (kept out of the HTML so the page needs no inline script). */
(function () {
  'use strict';
  if (typeof window.SwaggerUIBundle !== 'function') return;
  window.SwaggerUIBundle({
    url: '/openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    presets: [window.SwaggerUIBundle.presets.apis, window.SwaggerUIBundle.SwaggerUIStandalonePreset].filter(Boolean),
    layout: 'BaseLayout'
  });
})();
