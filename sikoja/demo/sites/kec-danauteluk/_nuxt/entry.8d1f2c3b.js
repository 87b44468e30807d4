import{d as _,u as h,o as c,c as l,F as f,r as p,a as m,t as k,b as y,w as g,e as v}from"./vendor.3a7b9c1d.js";
const x=_({__name:"index",async setup(){const{data:e}=await h("konten",()=>$fetch("/api/konten",{query:{limit:50}}),"$kX7d1Q");return(t,s)=>(c(),l("ul",null,[(c(!0),l(f,null,p(e.value.result.rows,n=>(c(),l("li",{key:n.id},[y(g,{to:n.kategori==="berita"?"/berita/"+n.slug:"/layanan/"+n.slug},{default:v(()=>[m(k(n.judul),1)]),_:2},1032,["to"])]))),128))]))}}),
b=_({__name:"[slug]",async setup(){const e=useRoute(),{data:t}=await h(()=>`konten-${e.params.slug}`,()=>$fetch(`/api/konten/${e.params.slug}`));return(s,n)=>(c(),l("article",null,[m(k(t.value.result.judul),1)]))}});
export{x as default,b as detail};
