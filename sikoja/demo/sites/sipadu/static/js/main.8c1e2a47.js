!function(){"use strict";var e={};
function t(e){return fetch(e,{headers:{Accept:"application/json"}}).then(function(e){if(!e.ok)throw new Error(e.status);return e.json()})}
var n="/api/v1",r={list:function(){return t(n+"/layanan")},detail:function(e){return t(n+"/layanan/"+encodeURIComponent(e))}};
function a(){var e=window.location.hash.replace(/^#/,"")||"/";var o=e.match(/^\/layanan\/([^/]+)/);
o?r.detail(o[1]).then(function(e){document.getElementById("root").innerHTML="<h1>"+e.data.attributes.nama_layanan+"</h1>"}):r.list().then(function(e){document.getElementById("root").innerHTML=e.data.items.map(function(e){return'<a href="#/layanan/'+e.attributes.slug+'">'+e.attributes.nama_layanan+"</a>"}).join("")})}
window.addEventListener("hashchange",a),a()}();
