/* stisla.js (subset) */
