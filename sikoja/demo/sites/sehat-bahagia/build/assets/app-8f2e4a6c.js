import{r as Fe,c as Re,h as ke}from"./vendor-1c2d9e0a.js";
const Ue="Sehat Bahagia";
Fe({title:e=>e?`${e} - ${Ue}`:Ue,resolve:e=>Re(`./Pages/${e}.vue`,Object.assign({"./Pages/Home.vue":()=>import("./Home-2a9c1f3e.js"),"./Pages/Layanan/Index.vue":()=>import("./Index-7d3b0e5a.js"),"./Pages/Layanan/Show.vue":()=>import("./Show-4e8a2c1b.js"),"./Pages/Tentang.vue":()=>import("./Tentang-9b1f6d2c.js")})),
setup({el:e,App:t,props:n,plugin:o}){return ke({render:()=>ke(t,n)}).use(o).use(ZiggyVue).mount(e)},progress:{color:"#047857"}});
