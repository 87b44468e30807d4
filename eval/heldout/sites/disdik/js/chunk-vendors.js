/* vendor bundle: vue, vue-router, axios (minified) */
!function(){var e={};window.__vendors__=e}();
