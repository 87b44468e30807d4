<?php
/*
 * Seed the test WordPress site through WordPress's own PHP API (no wp-cli, no SQL).
 *
 * Usage: php seed.php HOST:PORT CONFIG_NAME PLAN.json PDF_FILE
 * Installs the site, creates what the plan lists (service pages under a "Layanan" page,
 * news posts with categories and tags, comments, a PDF attachment, a menu) with the
 * default "plain" permalinks, and prints the created ids and permalinks as JSON.
 */
[$script, $host, $config, $plan_file, $pdf_file] = $argv;
$_SERVER['HTTP_HOST'] = $host;
$_SERVER['SERVER_NAME'] = preg_replace('/:.*/', '', $host);
$_SERVER['REQUEST_URI'] = '/';
$_SERVER['WORDPRESS_CONFIG'] = $config;
define('WP_INSTALLING', true);
require '/usr/share/wordpress/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
require_once ABSPATH . 'wp-admin/includes/nav-menu.php';

$plan = json_decode(file_get_contents($plan_file), true);
$installed = wp_install($plan['site_name'], 'admin', 'admin@dishub.invalid', true, '',
                        wp_generate_password(20));
wp_set_current_user($installed['user_id']);
update_option('blogdescription', $plan['tagline']);
update_option('permalink_structure', '');  // "Plain": ?p=123, ?page_id=45
update_option('posts_per_page', $plan['posts_per_page']);
update_option('default_comment_status', 'open');
update_option('thread_comments', 1);
update_option('comment_registration', 0);
update_option('show_on_front', 'posts');
switch_theme('twentytwentyone');

// the install's "Hello world!" and "Sample Page" are not part of this OPD's site
foreach (get_posts(['post_type' => ['post', 'page'], 'post_status' => 'any',
                    'numberposts' => -1]) as $default) {
    wp_delete_post($default->ID, true);
}

function must($result) {
    if (is_wp_error($result) || !$result) {
        fwrite(STDERR, 'seed failed: ' . (is_wp_error($result) ? $result->get_error_message()
                                                              : 'no id') . "\n");
        exit(1);
    }
    return $result;
}

function page($title, $slug, $content, $parent = 0, $order = 0) {
    return must(wp_insert_post(['post_type' => 'page', 'post_status' => 'publish',
        'post_title' => $title, 'post_name' => $slug, 'post_content' => $content,
        'post_parent' => $parent, 'menu_order' => $order, 'comment_status' => 'open'], true));
}

$out = ['home' => home_url('/'), 'services' => [], 'news' => [], 'categories' => [],
        'tags' => []];
$profile = page('Profil', 'profil', $plan['profile']);
$layanan = page('Layanan', 'layanan', '<p>Daftar layanan Dinas Perhubungan:</p>');
$out['profile'] = ['id' => $profile, 'url' => get_permalink($profile)];

$listed = [];
foreach ($plan['services'] as $i => $service) {
    $id = page($service['title'], $service['slug'], $service['content'], $layanan, $i);
    $out['services'][$service['slug']] = ['id' => $id, 'url' => get_permalink($id)];
    if ($service['listed']) {
        $listed[] = sprintf('<li><a href="%s">%s</a></li>', esc_url(get_permalink($id)),
                            esc_html($service['title']));
    }
}
wp_update_post(['ID' => $layanan, 'post_content' =>
    '<p>Daftar layanan Dinas Perhubungan:</p><ul>' . implode('', $listed) . '</ul>']);
$out['layanan'] = ['id' => $layanan, 'url' => get_permalink($layanan)];

// a real PDF in the uploads folder, attached to the Uji KIR page and linked from it twice:
// the file itself and its attachment page (?attachment_id=), as the media dialog offers
$uploads = wp_upload_dir('2025/01');
wp_mkdir_p($uploads['path']);
$pdf_path = $uploads['path'] . '/standar-pelayanan-uji-kir.pdf';
copy($pdf_file, $pdf_path);
$kir = $out['services']['uji-kir']['id'];
$pdf = must(wp_insert_attachment(['post_mime_type' => 'application/pdf',
    'post_title' => $plan['pdf_title'], 'post_status' => 'inherit',
    'guid' => $uploads['url'] . '/standar-pelayanan-uji-kir.pdf'], $pdf_path, $kir, true));
$kir_post = get_post($kir);
wp_update_post(['ID' => $kir, 'post_content' => $kir_post->post_content . sprintf(
    '<p><a href="%s">Unduh %s (PDF)</a> &middot; <a href="%s">Lihat lampiran</a></p>',
    esc_url(wp_get_attachment_url($pdf)), esc_html($plan['pdf_title']),
    esc_url(get_attachment_link($pdf)))]);
$out['pdf'] = ['id' => $pdf, 'url' => wp_get_attachment_url($pdf),
               'page' => get_attachment_link($pdf)];

// news: categories and tags; some posts link the way editors paste links: the shortlink
// ?p= of a page, index.php?page_id=, ?pagename=, ?name= and a pretty permalink of a post
// (which plain permalinks answer with the home page), the site's feed
$svc = $out['services'];
$link = function ($url, $text) {
    return sprintf('<p>Baca juga: <a href="%s">%s</a>.</p>', esc_url(home_url($url)), $text);
};
$extra_links = [
    1 => $link('/?p=' . $svc['uji-kir']['id'], 'persyaratan uji KIR'),
    2 => $link('/?name=berita-1', 'uji KIR keliling'),
    3 => $link('/?pagename=layanan/parkir-berlangganan', 'parkir berlangganan'),
    4 => $link('/2025/01/11/berita-1/', 'uji KIR keliling'),
    5 => $link('/?feed=rss2', 'RSS berita Dinas Perhubungan'),
    6 => $link('/index.php?page_id=' . $svc['izin-trayek']['id'], 'izin trayek'),
];
foreach ($plan['news'] as $i => $news) {
    $cat = term_exists($news['category'], 'category');
    $cat = $cat ? $cat : must(wp_insert_term($news['category'], 'category'));
    $content = $news['content'] . ($extra_links[$i + 1] ?? '');
    $id = must(wp_insert_post(['post_type' => 'post', 'post_status' => 'publish',
        'post_title' => $news['title'], 'post_name' => $news['slug'],
        'post_content' => $content, 'post_date' => $news['date'],
        'post_category' => [(int) $cat['term_id']], 'tags_input' => $news['tags'],
        'comment_status' => 'open'], true));
    $out['news'][$news['slug']] = ['id' => $id, 'url' => get_permalink($id)];
    $out['categories'][$news['category']] = get_category_link((int) $cat['term_id']);
}
foreach (get_tags(['hide_empty' => false]) as $tag) {
    $out['tags'][$tag->name] = get_tag_link($tag);
}

// comments, threaded, so the theme shows "Balas" (?replytocom=) links
$first_news = reset($out['news'])['id'];
foreach ([$first_news, $kir] as $post_id) {
    $parent = must(wp_insert_comment(['comment_post_ID' => $post_id,
        'comment_author' => 'Warga Telanaipura', 'comment_author_email' => 'warga@example.invalid',
        'comment_content' => 'Apakah bisa diwakilkan?', 'comment_approved' => 1]));
    must(wp_insert_comment(['comment_post_ID' => $post_id, 'comment_parent' => $parent,
        'comment_author' => 'Admin Dishub', 'comment_author_email' => 'admin@dishub.invalid',
        'comment_content' => 'Bisa, dengan surat kuasa.', 'comment_approved' => 1]));
}

// the main menu: home, profile, the service index, one news category
$menu = must(wp_create_nav_menu('Menu Utama'));
wp_update_nav_menu_item($menu, 0, ['menu-item-title' => 'Beranda',
    'menu-item-url' => home_url('/'), 'menu-item-status' => 'publish']);
foreach ([$profile, $layanan] as $page_id) {
    wp_update_nav_menu_item($menu, 0, ['menu-item-object-id' => $page_id,
        'menu-item-object' => 'page', 'menu-item-type' => 'post_type',
        'menu-item-status' => 'publish']);
}
$kir_cat = term_exists('Pengujian Kendaraan', 'category');
wp_update_nav_menu_item($menu, 0, ['menu-item-object-id' => (int) $kir_cat['term_id'],
    'menu-item-object' => 'category', 'menu-item-type' => 'taxonomy',
    'menu-item-status' => 'publish']);
set_theme_mod('nav_menu_locations', ['primary' => $menu]);

echo json_encode($out, JSON_UNESCAPED_SLASHES), "\n";
