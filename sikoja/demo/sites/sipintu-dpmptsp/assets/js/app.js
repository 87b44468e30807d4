/* SIPINTU - tampilan kartu layanan */
$(function () {
  var $list = $('#daftar-layanan');
  $.each(dataLayanan, function (i, l) {
    var syarat = $.map(l.syarat, function (s) { return '<li>' + s + '</li>'; }).join('');
    $list.append('<div class="col-md-6"><div class="card" id="' + l.slug + '">' +
      '<div class="card-body"><h5>' + l.nama + '</h5><p>' + l.ringkasan + '</p>' +
      '<button class="btn btn-sm btn-primary" data-toggle="collapse" data-target="#d-' + l.id + '">Detail</button>' +
      '<div class="collapse" id="d-' + l.id + '"><b>Persyaratan</b><ol>' + syarat + '</ol>' +
      '<b>Alur</b><pre>' + l.alur + '</pre><p>Biaya: ' + l.biaya + '<br>Waktu: ' + l.waktu +
      '</p></div></div></div></div>');
  });
  if (location.hash) { $(location.hash).addClass('border-primary'); }
});
