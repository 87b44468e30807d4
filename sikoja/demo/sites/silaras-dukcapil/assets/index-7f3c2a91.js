const __vite__mapDeps=(i,m=__vite__mapDeps,d=(m.f||(m.f=["assets/LayananDetail-4b1e9d07.js","assets/vendor-2c8e1f3a.js"])))=>i.map(i=>d[i]);
import{c as Ie,a as Re,b as Ne,d as Oe,r as ke,o as Ue,e as Ve}from"./vendor-2c8e1f3a.js";
const Ee={BASE_URL:"/",MODE:"production",DEV:!1,PROD:!0,SSR:!1,VITE_API_URL:"/api",VITE_APP_NAME:"SILARAS"};
const Ae={__name:"Beranda",setup(t){const e=ke([]);return Ue(async()=>{const n=await fetch(`${Ee.VITE_API_URL}/layanan`);e.value=(await n.json()).data}),(n,s)=>(Ve(),Ie("ul",null,e.value.map(a=>Re(Ne,{key:a.id,to:`/layanan/${a.slug}`},()=>a.nama))))}};
const Le=Oe({history:Ne(),routes:[{path:"/",component:Ae},{path:"/layanan/:slug",component:()=>import("./LayananDetail-4b1e9d07.js"),props:!0}]});
Ie(Ae).use(Le).mount("#app");
export{Ee as e};
