!function(){"use strict";var A="/data",root=document.getElementById("root");
function j(u){return fetch(u).then(function(r){if(!r.ok)throw new Error("HTTP "+r.status);return r.json()})}
function daftar(){j(A+"/layanan.json").then(function(d){root.innerHTML='<h2>Layanan dan Pengaduan</h2><ul class="daftar">'+d.map(function(e){return'<li><a href="#/layanan/'+e.id+'">'+e.nama+"</a></li>"}).join("")+"</ul>"})}
function detail(id){root.innerHTML="<p>Memuat...</p>";j(A+"/layanan/"+id+".json").then(function(d){document.title=d.nama+" - SIMPEL PUPR";root.innerHTML='<article><a href="#/">&larr; Kembali</a><h1>'+d.nama+"</h1>"+d.konten+"</article>"}).catch(function(){root.innerHTML="<p>Data tidak ditemukan.</p>"})}
function route(){var m=location.hash.match(/^#\/layanan\/(\d+)/);m?detail(m[1]):daftar()}
window.addEventListener("hashchange",route);route()}();
