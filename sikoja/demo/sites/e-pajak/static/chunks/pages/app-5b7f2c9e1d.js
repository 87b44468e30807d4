(self.webpackChunk_N_E=self.webpackChunk_N_E||[]).push([[888],{6840:function(e,t,n){"use strict";
var r=n(5893),a=n(7294),l=n(1163);
function o(){var e=(0,a.useState)([]),t=e[0],n=e[1];(0,a.useEffect)(function(){fetch("/api/v1/layanan?populate=*").then(function(e){return e.json()}).then(function(e){n(e.data.items)})},[]);
return(0,r.jsx)("ul",{className:"daftar-layanan",children:t.map(function(e){return(0,r.jsx)("li",{children:(0,r.jsx)("a",{href:"/layanan/"+e.attributes.slug,children:e.attributes.nama_layanan})},e.id)})})}
function i(){var e=(0,l.useRouter)().query.slug,t=(0,a.useState)(null),n=t[0],o=t[1];(0,a.useEffect)(function(){e&&fetch(`/api/v1/layanan/${e}`).then(function(e){return e.json()}).then(function(e){o(e.data)})},[e]);
return n?(0,r.jsx)("article",{children:n.attributes.nama_layanan}):(0,r.jsx)("p",{children:"Memuat..."})}
t.default=function(e){var t=e.Component,n=e.pageProps;return(0,r.jsx)(t,Object.assign({},n))}}}]);
