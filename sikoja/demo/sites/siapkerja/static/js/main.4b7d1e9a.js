/*! For license information please see main.4b7d1e9a.js.LICENSE.txt */
!function(){"use strict";var e=n(2791),t=n(1087),r=n(7689),a=n(184),Xe="/api";
function o(e){return fetch(e,{headers:{Accept:"application/json"}}).then(function(e){return e.json()})}
var i={konten:function(){return o("".concat(Xe,"/kontens?populate=*&sort=publishedAt:desc"))}};
function l(){var n=(0,e.useState)([]),r=n[0],s=n[1];(0,e.useEffect)(function(){i.konten().then(function(e){s(e.data)})},[]);
return(0,a.jsx)("ul",{className:"daftar-konten",children:r.map(function(e){return(0,a.jsx)("li",{children:(0,a.jsx)(t.rU,{to:"berita"===e.attributes.kategori||"pengumuman"===e.attributes.kategori?"/berita/".concat(e.attributes.slug):"/layanan/".concat(e.attributes.slug),children:e.attributes.judul})},e.id)})})}
function c(){var n=(0,r.UO)().slug,t=(0,e.useState)(null),s=t[0],l=t[1];(0,e.useEffect)(function(){i.konten().then(function(e){l(e.data.find(function(e){return e.attributes.slug===n}))})},[n]);
return s?(0,a.jsxs)("article",{children:[(0,a.jsx)("h1",{children:s.attributes.judul}),(0,a.jsx)("div",{className:"konten",dangerouslySetInnerHTML:{__html:s.attributes.konten}})]}):(0,a.jsx)("p",{children:"Memuat..."})}
(0,u.s)(document.getElementById("root")).render((0,a.jsx)(t.VK,{children:(0,a.jsxs)(r.Z5,{children:[(0,a.jsx)(r.AW,{path:"/",element:(0,a.jsx)(l,{})}),(0,a.jsx)(r.AW,{path:"/layanan/:slug",element:(0,a.jsx)(c,{})}),(0,a.jsx)(r.AW,{path:"/berita/:slug",element:(0,a.jsx)(c,{})})]})}))}();
