/* Canva Websites runtime (trimmed) */
