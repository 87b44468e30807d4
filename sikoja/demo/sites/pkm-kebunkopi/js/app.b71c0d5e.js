(function(t){var e={app:0};window.webpackJsonp=window.webpackJsonp||[]})({
"56d7":function(t,e,n){"use strict";n.r(e);var r=n("2b0e"),a=n("8c4f"),o=n("7d4e"),i=n.n(o);r["a"].use(a["a"]);
var s={name:"Daftar",props:["kategori"],computed:{daftar:function(){var t=this;return i.a.filter(function(e){return e.kategori===t.kategori})}},render:function(){var t=this,e=t._self._c;return e("ul",t._l(t.daftar,function(n){return e("li",{key:n.id},[e("router-link",{attrs:{to:"/"+t.kategori+"/"+n.slug}},[t._v(t._s(n.judul))])],1)}),0)}},
c={name:"Isi",props:["slug"],computed:{item:function(){var t=this;return i.a.find(function(e){return e.slug===t.slug})}},render:function(){var t=this,e=t._self._c;return e("article",[e("h1",[t._v(t._s(t.item.judul))]),e("div",{domProps:{innerHTML:t._s(t.item.isi)}})])}},
l=new a["a"]({mode:"history",routes:[{path:"/",component:s,props:{kategori:"layanan"}},{path:"/layanan/:slug",component:c,props:!0},{path:"/berita",component:s,props:{kategori:"berita"}},{path:"/berita/:slug",component:c,props:!0}]});
new r["a"]({router:l,render:function(t){return t("router-view")}}).$mount("#app")}});
