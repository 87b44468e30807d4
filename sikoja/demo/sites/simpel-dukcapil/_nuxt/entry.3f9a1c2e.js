import{d as k,u as x,o as s,c as p,F as m,r as f,a as l,t as g}from"./runtime-core.esm-bundler.6c1d2f4b.js";
const L=()=>fetch("/graphql?operationName=DaftarLayanan&variables=%7B%22limit%22%3A100%7D",{headers:{Accept:"application/json"}}).then(e=>e.json()),
B=()=>fetch("/graphql?operationName=DaftarBerita&variables=%7B%22limit%22%3A6%7D",{headers:{Accept:"application/json"}}).then(e=>e.json()),
P=()=>fetch("/graphql?operationName=ProfilPejabat&variables=%7B%7D",{headers:{Accept:"application/json"}}).then(e=>e.json());
const Daftar=k({setup(){const e=x([]);return L().then(t=>{e.value=t.data.layanans.data}),()=>(s(),p("ul",{class:"daftar-layanan"},[(s(!0),p(m,null,f(e.value,t=>(s(),p("li",{key:t.id},[l("a",{href:"/layanan/"+t.attributes.slug},g(t.attributes.namaLayanan),9)]))),128))]))}});
const Berita=k({setup(){const e=x([]);return B().then(t=>{e.value=t.data.beritas.data}),()=>(s(),p("ul",null,[(s(!0),p(m,null,f(e.value,t=>(s(),p("li",{key:t.id},[l("a",{href:"/berita/"+t.attributes.slug},g(t.attributes.judul),9)]))),128))]))}});
const Profil=k({setup(){const e=x([]);return P().then(t=>{e.value=t.data.pejabats.data}),()=>(s(),p("div",{class:"pejabat"},[(s(!0),p(m,null,f(e.value,t=>(s(),p("p",{key:t.id},g(t.attributes.nama)+" - "+g(t.attributes.jabatan),1))),128))]))}});
export{Daftar,Berita,Profil};
