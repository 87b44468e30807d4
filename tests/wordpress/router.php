<?php
/*
 * Router for PHP's built-in server (php -S 127.0.0.1:PORT -t /usr/share/wordpress router.php):
 * what Apache's rewrite rules and Debian's alias do for a WordPress site.
 *
 * - /wp-content/... is served from this site's content folder (uploads, theme assets);
 * - existing files under the WordPress folder are served or run as they are;
 * - everything else goes to WordPress's front controller, index.php.
 * SIKOJA_WP_CONFIG names /etc/wordpress/config-<name>.php (Debian's WORDPRESS_CONFIG).
 */
$_SERVER['WORDPRESS_CONFIG'] = getenv('SIKOJA_WP_CONFIG');
$path = urldecode(parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH));
$content = getenv('SIKOJA_WP_CONTENT');

if (strpos($path, '/wp-content/') === 0 && strpos($path, '..') === false) {
    $file = $content . substr($path, strlen('/wp-content'));
    if (is_file($file) && substr($file, -4) !== '.php') {
        $types = ['pdf' => 'application/pdf', 'css' => 'text/css', 'js' => 'text/javascript',
                  'svg' => 'image/svg+xml', 'png' => 'image/png', 'jpg' => 'image/jpeg',
                  'woff2' => 'font/woff2'];
        $ext = strtolower(pathinfo($file, PATHINFO_EXTENSION));
        header('Content-Type: ' . ($types[$ext] ?? 'application/octet-stream'));
        header('Content-Length: ' . filesize($file));
        readfile($file);
        return true;
    }
    http_response_code(404);
    return true;
}
if ($path !== '/' && file_exists($_SERVER['DOCUMENT_ROOT'] . $path)) {
    if (substr($path, -4) === '.php') {
        chdir(dirname($_SERVER['DOCUMENT_ROOT'] . $path));
        require $_SERVER['DOCUMENT_ROOT'] . $path;
        return true;
    }
    return false;
}
chdir($_SERVER['DOCUMENT_ROOT']);
require $_SERVER['DOCUMENT_ROOT'] . '/index.php';
