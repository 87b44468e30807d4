/* smooth-scroll */
