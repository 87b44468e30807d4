/* k2.frontend.js */
