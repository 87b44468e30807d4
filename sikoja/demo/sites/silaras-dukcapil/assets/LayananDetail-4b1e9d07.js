import{e as Ee}from"./index-7f3c2a91.js";import{r as ke,o as Ue,c as Ie}from"./vendor-2c8e1f3a.js";
const De={__name:"LayananDetail",props:["slug"],setup(t){const e=ke(null);return Ue(async()=>{const n=await fetch(`${Ee.VITE_API_URL}/layanan/${t.slug}`);e.value=(await n.json()).data}),(n,s)=>e.value?Ie("article",null,[Ie("h1",null,e.value.nama),...e.value.standar_pelayanan.map(a=>Ie("section",null,[Ie("h3",null,a.komponen),Ie("div",{innerHTML:a.uraian})]))]):null}};
export{De as default};
