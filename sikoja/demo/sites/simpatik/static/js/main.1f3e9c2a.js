/*! For license information please see main.1f3e9c2a.js.LICENSE.txt */
!function(){"use strict";var e={},t=n(2791),r=n(1087),a=n(7689),Qe="/api/v1";
function o(e){return fetch(e,{headers:{Accept:"application/vnd.api+json"}}).then(function(e){if(!e.ok)throw new Error("HTTP "+e.status);return e.json()})}
var i={services:function(){return o("".concat(Qe,"/services?include=category"))},service:function(e){return o("".concat(Qe,"/services/").concat(e))}};
function l(){var e=(0,t.useState)([]),n=e[0],a=e[1];(0,t.useEffect)(function(){i.services().then(function(e){a(e.data)})},[]);
return(0,s.jsx)("ul",{className:"service-list",children:n.map(function(e){return(0,s.jsx)("li",{children:(0,s.jsx)(r.rU,{to:"/layanan/".concat(e.attributes.slug),children:e.attributes.title})},e.id)})})}
function c(){var e=(0,a.UO)().slug,n=(0,t.useState)(null),r=n[0],o=n[1];(0,t.useEffect)(function(){i.service(e).then(function(e){o(e.data)})},[e]);
return r?(0,s.jsx)("article",{children:r.attributes.title}):(0,s.jsx)("p",{children:"Memuat..."})}
(0,u.s)(document.getElementById("root")).render((0,s.jsx)(r.VK,{children:(0,s.jsxs)(a.Z5,{children:[(0,s.jsx)(a.AW,{path:"/",element:(0,s.jsx)(d,{})}),(0,s.jsx)(a.AW,{path:"/layanan",element:(0,s.jsx)(l,{})}),(0,s.jsx)(a.AW,{path:"/layanan/:slug",element:(0,s.jsx)(c,{})})]})}))}();
